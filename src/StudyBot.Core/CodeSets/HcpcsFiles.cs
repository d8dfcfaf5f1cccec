using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace StudyBot.CodeSets;

/// <summary>
/// Readers for the CMS HCPCS Level II alpha-numeric file, in both forms CMS publishes: the fixed-width
/// text (320-character records) and the .xlsx. Dental D-codes (CDT, ADA copyright) are skipped and counted.
/// Codes with a termination date before <c>asOf</c> are kept, marked discontinued.
/// </summary>
/// <remarks>
/// <c>asOf</c> defaults to the release's own effective date, the latest "ACT EFF DT" in the file (for
/// the October 2025 file, 2025-10-01), so reading a release always gives the same answer. Pass today's
/// date to judge an older release by today's calendar.
/// </remarks>
public static partial class HcpcsFiles
{
    private const int RecordLength = 320;
    private const int SegmentLength = 80;

    private static readonly string[] RequiredHeaders =
        ["HCPC", "RECID", "LONG DESCRIPTION", "SHORT DESCRIPTION", "ADD DT", "ACT EFF DT", "TERM DT"];

    /// <summary>
    /// Reads the fixed-width text. Layout (1-based): 1-5 code (a modifier in 4-5), 6-10 sequence, 11 record
    /// id (3 procedure, 4 its continuation, 7 modifier, 8 its continuation), 12-91 a line of the long
    /// description, 92-119 short description, 269-276 added, 277-284 effective, 285-292 terminated
    /// (YYYYMMDD), 293 action code.
    /// </summary>
    /// <remarks>Continuation lines carry the long description on in 80-character pieces. Whether CMS cuts
    /// them at column 80 inside words or wraps at word breaks is not stated in the layout, and it matters
    /// only where a piece fills all 80 columns and the next starts with a letter. The file tells: in a
    /// file cut at column 80 some continuation pieces start with a blank (the blank that followed the
    /// cut); in a word-wrapped file none do. So pieces are joined as they stand when any continuation
    /// starts with a blank, and with a blank at full-width breaks otherwise; runs of blanks become one.</remarks>
    public static CodeSetReadResult ReadText(string fileName, TextReader reader, DateOnly? asOf = null, string? release = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new CodeFileProblems(fileName);
        var records = new List<HcpcsRecord>(9_000);
        var pieces = new List<List<string>>(9_000);
        var cutInsideWords = false;
        var number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            if (raw.Length > RecordLength)
            {
                problems.Add(number, $"the record is {raw.Length} characters; the layout has {RecordLength}");
                continue;
            }

            var line = raw.PadRight(RecordLength);
            var code = line[..5].Trim();
            var segment = line.Substring(11, SegmentLength);
            switch (line[10])
            {
                case '3' or '7':
                    records.Add(new HcpcsRecord(
                        number, code, line[10] == '7', string.Empty, line.Substring(91, 28).Trim(),
                        line.Substring(268, 8), line.Substring(276, 8), line.Substring(284, 8)));
                    pieces.Add([segment]);
                    break;
                case '4' or '8':
                    if (records.Count == 0 || records[^1].Code != code || records[^1].IsModifier != (line[10] == '8'))
                    {
                        problems.Add(number, $"continuation line for {code} does not follow the first line of {code}");
                        continue;
                    }

                    cutInsideWords |= segment[0] == ' ';
                    pieces[^1].Add(segment);
                    break;
                default:
                    problems.Add(number, $"record id '{line[10]}' in column 11 must be 3, 4, 7 or 8");
                    break;
            }
        }

        for (var i = 0; i < records.Count; i++)
        {
            records[i] = records[i] with { LongDescription = JoinPieces(pieces[i], cutInsideWords) };
        }

        return Build(fileName, records, problems, asOf, release);
    }

    /// <summary>
    /// Reads the .xlsx: the first worksheet, a header row naming the columns (HCPC, RECID, LONG
    /// DESCRIPTION, SHORT DESCRIPTION, ADD DT, ACT EFF DT, TERM DT are needed), one row per code.
    /// Problems name the spreadsheet row.
    /// </summary>
    public static CodeSetReadResult ReadWorkbook(string fileName, Stream stream, DateOnly? asOf = null, string? release = null)
    {
        List<string?[]> rows;
        List<int> rowNumbers;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var sharedStrings = ReadSharedStrings(zip);
            (rows, rowNumbers) = ReadFirstSheet(zip, sharedStrings);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or FormatException)
        {
            return new CodeSetReadResult(null, [new CodeFileProblem(fileName, 0, "not a readable .xlsx workbook: " + e.Message)]);
        }

        var problems = new CodeFileProblems(fileName);
        if (rows.Count == 0)
        {
            problems.Add(0, "the workbook's first sheet is empty");
            return new CodeSetReadResult(null, problems.ToList());
        }

        var header = rows[0].Select(h => h?.Trim().ToUpperInvariant()).ToList();
        var missing = RequiredHeaders.Where(h => !header.Contains(h)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(rowNumbers[0], "the header row lacks " + string.Join(", ", missing));
            return new CodeSetReadResult(null, problems.ToList());
        }

        string Cell(string?[] row, string name)
        {
            var column = header.IndexOf(name);
            return column < row.Length ? row[column] ?? string.Empty : string.Empty;
        }

        var records = new List<HcpcsRecord>(rows.Count);
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            var recordId = Cell(row, "RECID").Trim();
            if (recordId is not ("3" or "7"))
            {
                problems.Add(rowNumbers[r], $"RECID '{recordId}' must be 3 (procedure) or 7 (modifier)");
                continue;
            }

            records.Add(new HcpcsRecord(
                rowNumbers[r], Cell(row, "HCPC").Trim(), recordId == "7", Cell(row, "LONG DESCRIPTION").Trim(),
                Cell(row, "SHORT DESCRIPTION").Trim(), Cell(row, "ADD DT"), Cell(row, "ACT EFF DT"), Cell(row, "TERM DT")));
        }

        return Build(fileName, records, problems, asOf, release);
    }

    /// <summary>Opens and reads either form, by extension: .xlsx is the workbook, anything else the text.</summary>
    public static CodeSetReadResult ReadFile(string path, DateOnly? asOf = null, string? release = null)
    {
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = File.OpenRead(path);
            return ReadWorkbook(path, stream, asOf, release);
        }

        using var reader = new StreamReader(path, Encoding.Latin1, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return ReadText(path, reader, asOf, release);
    }

    internal static bool LooksLikeTextRecord(string firstLine) =>
        firstLine.Length is > 91 and <= RecordLength && firstLine[10] is '3' or '7' && firstLine[5..10].All(char.IsAsciiDigit);

    private sealed record HcpcsRecord(
        int Line, string Code, bool IsModifier, string LongDescription, string ShortDescription,
        string Added, string Effective, string Terminated);

    private static CodeSetReadResult Build(string fileName, List<HcpcsRecord> records, CodeFileProblems problems, DateOnly? asOf, string? release)
    {
        var parsed = new List<(HcpcsRecord Record, DateOnly? Added, DateOnly? Effective, DateOnly? Terminated)>(records.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dental = 0;
        foreach (var record in records)
        {
            var before = problems.Count;
            if (record.IsModifier ? !ModifierCode().IsMatch(record.Code) : !ProcedureCode().IsMatch(record.Code))
            {
                problems.Add(record.Line, record.IsModifier
                    ? $"'{record.Code}' is not a modifier (two letters or digits)"
                    : $"'{record.Code}' is not a HCPCS Level II code (a letter and four digits)");
                continue;
            }

            if (!record.IsModifier && record.Code[0] == 'D')
            {
                dental++;
                continue;
            }

            if (!seen.Add(record.Code))
            {
                problems.Add(record.Line, $"code {record.Code} appears twice");
                continue;
            }

            if (record.LongDescription.Length == 0)
            {
                problems.Add(record.Line, $"code {record.Code} has no long description");
            }

            var added = Date(record.Added, "ADD DT");
            var effective = Date(record.Effective, "ACT EFF DT");
            var terminated = Date(record.Terminated, "TERM DT");
            if (problems.Count == before)
            {
                parsed.Add((record, added, effective, terminated));
            }

            DateOnly? Date(string text, string column)
            {
                text = text.Trim();
                if (text.Length == 0)
                {
                    return null;
                }

                if (DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }

                problems.Add(record.Line, $"{column} '{text}' for {record.Code} is not a date (YYYYMMDD)");
                return null;
            }
        }

        if (problems.Count == 0 && parsed.Count == 0)
        {
            problems.Add(0, "the file has no HCPCS codes");
        }

        if (problems.Count > 0)
        {
            return new CodeSetReadResult(null, problems.ToList()) { ExcludedDentalCodes = dental };
        }

        var cutoff = asOf ?? parsed.Max(p => p.Effective ?? p.Added) ?? DateOnly.MinValue;
        var entries = parsed.Select((p, i) => new CodeEntry
        {
            Code = p.Record.Code,
            System = CodeSystem.HcpcsLevelII,
            IsModifier = p.Record.IsModifier,
            IsDiscontinued = p.Terminated is { } end && end < cutoff,
            LongDescription = p.Record.LongDescription,
            ShortDescription = p.Record.ShortDescription.Length > 0 ? p.Record.ShortDescription : p.Record.LongDescription,
            Order = i,
            AddedDate = p.Added,
            EffectiveDate = p.Effective,
            TerminationDate = p.Terminated,
        });
        return new CodeSetReadResult(new CodeSet(CodeSystem.HcpcsLevelII, ReleaseName(fileName, release), entries), [])
        {
            ExcludedDentalCodes = dental,
        };
    }

    internal static string ReleaseName(string fileName, string? release)
    {
        if (!string.IsNullOrWhiteSpace(release))
        {
            return release.Trim();
        }

        var match = ReleaseInName().Match(Path.GetFileName(fileName));
        if (!match.Success)
        {
            return "HCPCS Level II";
        }

        var month = match.Groups["month"].Value.ToUpperInvariant() switch
        {
            "JAN" => "January",
            "APR" => "April",
            "JUL" => "July",
            _ => "October",
        };
        return $"HCPCS Level II {month} {match.Groups["year"].Value}";
    }

    private static string JoinPieces(List<string> pieces, bool cutInsideWords)
    {
        var text = new StringBuilder(pieces.Count * SegmentLength);
        foreach (var piece in pieces)
        {
            if (!cutInsideWords && text.Length > 0 && text[^1] != ' ' && piece[0] != ' ')
            {
                text.Append(' ');
            }

            text.Append(piece);
        }

        return Blanks().Replace(text.ToString(), " ").Trim();
    }

    private static List<string> ReadSharedStrings(ZipArchive zip)
    {
        var strings = new List<string>();
        var entry = zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null)
        {
            return strings;
        }

        using var xml = XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        xml.MoveToContent();
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                // A shared string is plain <t> or rich-text runs <r><t>; phonetic guides (<rPh>) are not
                // part of the cell's text.
                var item = (XElement)XNode.ReadFrom(xml);
                strings.Add(string.Concat(item.Descendants()
                    .Where(e => e.Name.LocalName == "t" && e.Parent?.Name.LocalName != "rPh")
                    .Select(e => e.Value)));
            }
            else
            {
                xml.Read();
            }
        }

        return strings;
    }

    private static (List<string?[]> Rows, List<int> Numbers) ReadFirstSheet(ZipArchive zip, List<string> sharedStrings)
    {
        var sheet = zip.GetEntry(FirstSheetPath(zip)) ?? throw new InvalidDataException("the workbook has no worksheet");
        var rows = new List<string?[]>();
        var numbers = new List<int>();
        using var xml = XmlReader.Create(sheet.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var cells = new List<string?>();
        var rowNumber = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "row")
            {
                rowNumber = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
                cells.Clear();
                if (xml.IsEmptyElement)
                {
                    rows.Add([]);
                    numbers.Add(rowNumber);
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "row")
            {
                rows.Add([.. cells]);
                numbers.Add(rowNumber);
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "c")
            {
                var column = xml.GetAttribute("r") is { } reference ? ColumnIndex(reference) : cells.Count;
                var value = ReadCell(xml, sharedStrings);
                while (cells.Count <= column)
                {
                    cells.Add(null);
                }

                cells[column] = value;
            }
        }

        return (rows, numbers);
    }

    private static string? ReadCell(XmlReader xml, List<string> sharedStrings)
    {
        var type = xml.GetAttribute("t");
        if (xml.IsEmptyElement)
        {
            return null;
        }

        string? value = null;
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.IsEmptyElement)
            {
                continue;
            }

            if (xml.LocalName == "v")
            {
                var raw = xml.ReadElementContentAsString();
                value = type == "s" ? sharedStrings[int.Parse(raw, NumberStyles.None, CultureInfo.InvariantCulture)] : raw;
                if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
                {
                    break;
                }
            }
            else if (xml.LocalName == "t")
            {
                value = (value ?? string.Empty) + xml.ReadElementContentAsString();
                if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
                {
                    break;
                }
            }
        }

        return value;
    }

    private static string FirstSheetPath(ZipArchive zip)
    {
        const string fallback = "xl/worksheets/sheet1.xml";
        var workbook = zip.GetEntry("xl/workbook.xml");
        var relations = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || relations is null)
        {
            return fallback;
        }

        string? relationId = null;
        using (var xml = XmlReader.Create(workbook.Open()))
        {
            while (relationId is null && xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
                {
                    relationId = xml.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
                }
            }
        }

        using (var xml = XmlReader.Create(relations.Open()))
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Id") == relationId)
                {
                    var target = xml.GetAttribute("Target") ?? string.Empty;
                    return target.StartsWith('/') ? target[1..] : "xl/" + target;
                }
            }
        }

        return fallback;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                break;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    [GeneratedRegex("^[A-Z][0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProcedureCode();

    [GeneratedRegex("^[A-Z0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModifierCode();

    [GeneratedRegex(" {2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Blanks();

    [GeneratedRegex(@"HCPC(?<year>20[0-9]{2})_(?<month>JAN|APR|JUL|OCT)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseInName();
}
