using System.Text;
using System.Text.RegularExpressions;

namespace StudyBot.CodeSets;

/// <summary>
/// Readers for CMS's ICD-10-CM "Code Descriptions in Tabular Order" files (fixed width, ASCII).
/// </summary>
public static partial class Icd10CmFiles
{
    /// <summary>
    /// Reads the order file (icd10cm_order_YYYY.txt): every code and header in Tabular order. Columns
    /// (1-based): 1-5 order number, 7-13 code without dot, 15 flag (0 header, 1 billable), 17-76 short
    /// description, 78- long description.
    /// </summary>
    /// <param name="release">Shown to people; by default "ICD-10-CM FY" and the year in the file name.</param>
    public static CodeSetReadResult ReadOrderFile(string fileName, TextReader reader, string? release = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new CodeFileProblems(fileName);
        var entries = new List<CodeEntry>(100_000);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 78 || line[5] != ' ' || line[13] != ' ' || line[15] != ' ' || line[76] != ' ' || !IsDigits(line.AsSpan(0, 5)))
            {
                problems.Add(number, "not an order-file record (order number in columns 1-5, code in 7-13, flag in 15, descriptions from 17 and 78)");
                continue;
            }

            var code = line.AsSpan(6, 7).TrimEnd().ToString();
            if (!IsIcdCode(code))
            {
                problems.Add(number, $"'{code}' is not an ICD-10-CM code");
                continue;
            }

            if (line[14] is not ('0' or '1'))
            {
                problems.Add(number, $"the header flag in column 15 is '{line[14]}'; it must be 0 (header) or 1 (billable)");
                continue;
            }

            if (!seen.Add(code))
            {
                problems.Add(number, $"code {code} appears twice");
                continue;
            }

            var shortDescription = line.AsSpan(16, 60).TrimEnd().ToString();
            var longDescription = line.AsSpan(77).TrimEnd();
            entries.Add(new CodeEntry
            {
                Code = code,
                System = CodeSystem.Icd10Cm,
                IsHeader = line[14] == '0',
                ShortDescription = shortDescription,

                // Most short and long descriptions are the same text; share the string.
                LongDescription = longDescription.SequenceEqual(shortDescription) ? shortDescription : longDescription.ToString(),
                Order = entries.Count,
            });
        }

        return Finish(fileName, entries, problems, release);
    }

    /// <summary>
    /// Reads the codes file (icd10cm_codes_YYYY.txt): billable codes only. Columns 1-7 code, 9- long
    /// description. Without headers, every code's family is its three-character category.
    /// </summary>
    public static CodeSetReadResult ReadCodesFile(string fileName, TextReader reader, string? release = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new CodeFileProblems(fileName);
        var entries = new List<CodeEntry>(80_000);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var code = line.Length >= 9 && line[7] == ' ' ? line[..7].TrimEnd() : string.Empty;
            if (!IsIcdCode(code))
            {
                problems.Add(number, "not a codes-file record (code in columns 1-7, description from column 9)");
                continue;
            }

            if (!seen.Add(code))
            {
                problems.Add(number, $"code {code} appears twice");
                continue;
            }

            var description = line[8..].Trim();
            entries.Add(new CodeEntry
            {
                Code = code,
                System = CodeSystem.Icd10Cm,
                ShortDescription = description,
                LongDescription = description,
                Order = entries.Count,
            });
        }

        return Finish(fileName, entries, problems, release);
    }

    /// <summary>
    /// Reads either addenda file: the order-file layout (label 1-13, flag 14, code 16-22, short description
    /// 24-83, long 85-) or the codes-file layout (label 1-13, code 14-20, long description 22-). Labels are
    /// "Add:", "Delete:", "Revise from:" and "Revise to:"; a revision is the pair of lines. The summary
    /// block CMS puts at the end is skipped.
    /// </summary>
    public static AddendaReadResult ReadAddenda(string fileName, TextReader reader, string? release = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new CodeFileProblems(fileName);
        var changes = new List<CodeChange>();
        (CodeChange Change, int Line)? pendingFrom = null;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var label = line.Length >= 13 ? line[..13].TrimEnd() : line.Trim();
            var kind = label switch
            {
                "Add:" => "add",
                "Delete:" => "delete",
                "Revise from:" => "from",
                "Revise to:" => "to",
                _ => null,
            };
            if (kind is null)
            {
                if (changes.Count > 0 || pendingFrom is not null)
                {
                    break; // the summary block
                }

                problems.Add(number, "not an addenda record (it should start with Add:, Delete:, Revise from: or Revise to:)");
                continue;
            }

            var record = ParseAddendaRecord(line, number);
            if (record is null)
            {
                problems.Add(number, "the code or its description is missing or out of place");
                continue;
            }

            switch (kind)
            {
                case "add":
                    changes.Add(record with { Kind = CodeChangeKind.Added });
                    break;
                case "delete":
                    changes.Add(record with { Kind = CodeChangeKind.Deleted });
                    break;
                case "from":
                    if (pendingFrom is { } unpaired)
                    {
                        problems.Add(unpaired.Line, "'Revise from:' is not followed by its 'Revise to:' line");
                    }

                    pendingFrom = (record, number);
                    break;
                default:
                    if (pendingFrom is not { } from || from.Change.Code != record.Code)
                    {
                        problems.Add(number, $"'Revise to:' for {record.Code} does not follow a 'Revise from:' line for the same code");
                    }
                    else
                    {
                        changes.Add(record with
                        {
                            Kind = CodeChangeKind.Revised,
                            Line = from.Line,
                            PreviousShortDescription = from.Change.ShortDescription,
                            PreviousLongDescription = from.Change.LongDescription,
                        });
                    }

                    pendingFrom = null;
                    break;
            }
        }

        if (pendingFrom is { } last)
        {
            problems.Add(last.Line, "'Revise from:' is not followed by its 'Revise to:' line");
        }

        if (problems.Count == 0 && changes.Count == 0)
        {
            problems.Add(0, "the file has no Add:, Delete: or Revise lines");
        }

        return problems.Count > 0
            ? new AddendaReadResult(ReleaseName(fileName, release), [], problems.ToList())
            : new AddendaReadResult(ReleaseName(fileName, release), changes, []);
    }

    /// <summary>Opens and reads an order or codes file, choosing by the layout of its first line.</summary>
    public static CodeSetReadResult ReadFile(string path, string? release = null)
    {
        using var reader = new StreamReader(path, Encoding.Latin1, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var first = reader.ReadLine() ?? string.Empty;
        reader.BaseStream.Position = 0;
        reader.DiscardBufferedData();
        return LooksLikeOrderFile(first) ? ReadOrderFile(path, reader, release) : ReadCodesFile(path, reader, release);
    }

    /// <summary>Opens and reads an addenda file (either layout).</summary>
    public static AddendaReadResult ReadAddendaFile(string path, string? release = null)
    {
        using var reader = new StreamReader(path, Encoding.Latin1, detectEncodingFromByteOrderMarks: true);
        return ReadAddenda(path, reader, release);
    }

    internal static bool LooksLikeOrderFile(string firstLine) =>
        firstLine.Length >= 78 && IsDigits(firstLine.AsSpan(0, 5)) && firstLine[5] == ' ' && firstLine[14] is '0' or '1';

    internal static bool LooksLikeAddenda(string firstLine) =>
        firstLine.StartsWith("Add:", StringComparison.Ordinal) || firstLine.StartsWith("Delete:", StringComparison.Ordinal)
        || firstLine.StartsWith("Revise", StringComparison.Ordinal);

    private static CodeChange? ParseAddendaRecord(string line, int number)
    {
        // Order layout: flag in column 14 then a blank; codes layout: the code starts in column 14.
        if (line.Length > 24 && line[13] is '0' or '1' && line[14] == ' ')
        {
            var code = line.Substring(15, Math.Min(7, line.Length - 15)).TrimEnd();
            if (!IsIcdCode(code) || line[22] != ' ')
            {
                return null;
            }

            var shortDescription = line.Length > 23 ? line.Substring(23, Math.Min(60, line.Length - 23)).TrimEnd() : string.Empty;
            var longDescription = line.Length > 84 ? line[84..].TrimEnd() : shortDescription;
            return shortDescription.Length == 0 ? null : new CodeChange(CodeChangeKind.Added, code, line[13] == '0', shortDescription, longDescription, number);
        }

        if (line.Length > 21 && line[20] == ' ')
        {
            var code = line.Substring(13, 7).TrimEnd();
            var description = line[21..].Trim();
            return IsIcdCode(code) && description.Length > 0
                ? new CodeChange(CodeChangeKind.Added, code, null, null, description, number)
                : null;
        }

        return null;
    }

    private static CodeSetReadResult Finish(string fileName, List<CodeEntry> entries, CodeFileProblems problems, string? release)
    {
        if (problems.Count == 0 && entries.Count == 0)
        {
            problems.Add(0, "the file has no codes");
        }

        return problems.Count > 0
            ? new CodeSetReadResult(null, problems.ToList())
            : new CodeSetReadResult(new CodeSet(CodeSystem.Icd10Cm, ReleaseName(fileName, release), entries), []);
    }

    internal static string ReleaseName(string fileName, string? release)
    {
        if (!string.IsNullOrWhiteSpace(release))
        {
            return release.Trim();
        }

        var year = Year().Match(Path.GetFileName(fileName));
        return year.Success ? $"ICD-10-CM FY{year.Value}" : "ICD-10-CM";
    }

    private static bool IsIcdCode(string code) =>
        code.Length is >= 3 and <= 7 && char.IsAsciiLetterUpper(code[0]) && code.All(char.IsAsciiLetterOrDigit) && !code.Any(char.IsAsciiLetterLower);

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("20[0-9]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex Year();
}
