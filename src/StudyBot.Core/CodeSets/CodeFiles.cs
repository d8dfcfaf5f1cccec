using System.Text;

namespace StudyBot.CodeSets;

/// <summary>The CMS release files <c>studybot codes import</c> accepts.</summary>
public enum CodeFileKind
{
    Unknown,
    Icd10CmOrder,
    Icd10CmCodes,
    Icd10CmAddenda,
    HcpcsText,
    HcpcsWorkbook,
}

/// <summary>Recognises a release file by its extension and first line, for <c>studybot codes import &lt;file&gt;</c>.</summary>
public static class CodeFiles
{
    public static CodeFileKind Detect(string path)
    {
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return CodeFileKind.HcpcsWorkbook;
        }

        string first;
        using (var reader = new StreamReader(path, Encoding.Latin1))
        {
            first = reader.ReadLine() ?? string.Empty;
        }

        if (Icd10CmFiles.LooksLikeAddenda(first))
        {
            return CodeFileKind.Icd10CmAddenda;
        }

        if (Icd10CmFiles.LooksLikeOrderFile(first))
        {
            return CodeFileKind.Icd10CmOrder;
        }

        if (HcpcsFiles.LooksLikeTextRecord(first))
        {
            return CodeFileKind.HcpcsText;
        }

        return first.Length >= 9 && first[7] == ' ' && char.IsAsciiLetterUpper(first[0]) ? CodeFileKind.Icd10CmCodes : CodeFileKind.Unknown;
    }

    /// <summary>Reads a code set (ICD-10-CM order or codes file, HCPCS text or workbook), whichever the file is.
    /// Addenda are not a code set: read them with <see cref="Icd10CmFiles.ReadAddendaFile"/>.</summary>
    /// <param name="asOf">HCPCS only: the date after which a terminated code counts as discontinued.</param>
    public static CodeSetReadResult ReadCodeSet(string path, DateOnly? asOf = null, string? release = null) => Detect(path) switch
    {
        CodeFileKind.Icd10CmOrder or CodeFileKind.Icd10CmCodes => Icd10CmFiles.ReadFile(path, release),
        CodeFileKind.HcpcsText or CodeFileKind.HcpcsWorkbook => HcpcsFiles.ReadFile(path, asOf, release),
        CodeFileKind.Icd10CmAddenda => new CodeSetReadResult(null, [new CodeFileProblem(path, 0, "this is an addenda file (changes), not a code set; import the order file with it")]),
        _ => new CodeSetReadResult(null, [new CodeFileProblem(path, 1,
            "not a CMS file StudyBot knows: expected the ICD-10-CM order or codes file, an addenda file, or the HCPCS Level II alpha-numeric file (.txt or .xlsx)")]),
    };
}
