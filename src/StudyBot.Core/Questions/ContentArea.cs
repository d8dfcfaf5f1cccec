using System.Collections.Frozen;

namespace StudyBot.Questions;

/// <summary>The 17 content areas of the CPC exam.</summary>
public enum ContentArea
{
    Surgery10000,
    Surgery20000,
    Surgery30000,
    Surgery40000,
    Surgery50000,
    Surgery60000,
    EvaluationManagement,
    Anesthesia,
    Radiology,
    LaboratoryPathology,
    Medicine,
    MedicalTerminology,
    Anatomy,
    Icd10Cm,
    HcpcsLevelII,
    CodingGuidelines,
    Compliance,
}

/// <summary>Keys and names of the content areas, as they appear in bank files, config and messages.</summary>
public static class ContentAreas
{
    private static readonly (ContentArea Area, string Key, string Name)[] Table =
    [
        (ContentArea.Surgery10000, "surgery-10000", "Surgery 10000 (integumentary)"),
        (ContentArea.Surgery20000, "surgery-20000", "Surgery 20000 (musculoskeletal)"),
        (ContentArea.Surgery30000, "surgery-30000", "Surgery 30000 (respiratory, cardiovascular, hemic/lymphatic)"),
        (ContentArea.Surgery40000, "surgery-40000", "Surgery 40000 (digestive)"),
        (ContentArea.Surgery50000, "surgery-50000", "Surgery 50000 (urinary, genital, maternity)"),
        (ContentArea.Surgery60000, "surgery-60000", "Surgery 60000 (endocrine, nervous, eye, ear)"),
        (ContentArea.EvaluationManagement, "evaluation-management", "Evaluation and Management"),
        (ContentArea.Anesthesia, "anesthesia", "Anesthesia"),
        (ContentArea.Radiology, "radiology", "Radiology"),
        (ContentArea.LaboratoryPathology, "laboratory-pathology", "Laboratory and Pathology"),
        (ContentArea.Medicine, "medicine", "Medicine"),
        (ContentArea.MedicalTerminology, "medical-terminology", "Medical terminology"),
        (ContentArea.Anatomy, "anatomy", "Anatomy"),
        (ContentArea.Icd10Cm, "icd-10-cm", "ICD-10-CM"),
        (ContentArea.HcpcsLevelII, "hcpcs-level-ii", "HCPCS Level II"),
        (ContentArea.CodingGuidelines, "coding-guidelines", "Coding guidelines"),
        (ContentArea.Compliance, "compliance", "Compliance and regulatory"),
    ];

    private static readonly FrozenDictionary<string, ContentArea> ByKey =
        Table.ToFrozenDictionary(row => row.Key, row => row.Area, StringComparer.OrdinalIgnoreCase);

    /// <summary>All 17 areas in exam order.</summary>
    public static IReadOnlyList<ContentArea> All { get; } = [.. Table.Select(row => row.Area)];

    /// <summary>The key used in files and commands: "icd-10-cm".</summary>
    public static string Key(this ContentArea area) => Table[(int)area].Key;

    /// <summary>The name shown to people: "ICD-10-CM".</summary>
    public static string DisplayName(this ContentArea area) => Table[(int)area].Name;

    /// <summary>Parses a key such as "icd-10-cm" (case-insensitive).</summary>
    public static bool TryParse(string? key, out ContentArea area) => ByKey.TryGetValue(key?.Trim() ?? string.Empty, out area);

    /// <summary>All keys, for error messages that list what is allowed.</summary>
    public static string KeyList => string.Join(", ", Table.Select(row => row.Key));
}
