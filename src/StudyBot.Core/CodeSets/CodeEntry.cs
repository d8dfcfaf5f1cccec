namespace StudyBot.CodeSets;

/// <summary>The official code systems StudyBot reads. CPT is not among them: its descriptors are the AMA's.</summary>
public enum CodeSystem
{
    Icd10Cm,
    HcpcsLevelII,
}

/// <summary>One code (or ICD-10-CM header, or HCPCS modifier) in an official release.</summary>
public sealed record CodeEntry
{
    /// <summary>The code as the release files spell it: upper case, no dot ("E119", "A0021", "LT").</summary>
    public required string Code { get; init; }

    public required CodeSystem System { get; init; }

    /// <summary>An ICD-10-CM category or subcategory that has codes below it: not valid on a claim.</summary>
    public bool IsHeader { get; init; }

    /// <summary>A HCPCS Level II modifier (two characters) rather than a procedure or supply code.</summary>
    public bool IsModifier { get; init; }

    /// <summary>A HCPCS code whose termination date has passed. Kept so the bank check knows it, never
    /// used as a correct answer.</summary>
    public bool IsDiscontinued { get; init; }

    public required string ShortDescription { get; init; }

    public required string LongDescription { get; init; }

    /// <summary>Position in the release file (Tabular order for ICD-10-CM), from 0.</summary>
    public int Order { get; init; }

    /// <summary>HCPCS: the date the code was added to the code set.</summary>
    public DateOnly? AddedDate { get; init; }

    /// <summary>HCPCS: the date the current action took effect.</summary>
    public DateOnly? EffectiveDate { get; init; }

    /// <summary>HCPCS: the last date the code is valid.</summary>
    public DateOnly? TerminationDate { get; init; }

    /// <summary>Valid to report on a claim: not a header, not a modifier, not discontinued.</summary>
    public bool IsBillable => !IsHeader && !IsModifier && !IsDiscontinued;

    /// <summary>The form people write: ICD-10-CM gets its dot after the third character ("E11.9").</summary>
    public string DisplayCode => CodeText.Display(System, Code);

    public override string ToString() => $"{DisplayCode} {LongDescription}";
}

/// <summary>Spelling of codes: the file form (no dot, upper case) and the display form.</summary>
public static class CodeText
{
    /// <summary>"e11.9 " becomes "E119": trimmed, upper case, dots removed.</summary>
    public static string Normalize(string code) =>
        code.Trim().Replace(".", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    public static string Display(CodeSystem system, string code) =>
        system == CodeSystem.Icd10Cm && code.Length > 3 ? $"{code[..3]}.{code[3..]}" : code;
}
