using System.Text;

namespace StudyBot.Questions.Import;

/// <summary>One CSV record and the line it starts on.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 records: comma-separated, fields optionally in double quotes, "" for a quote inside quotes,
/// quoted fields may span lines. CRLF and LF both end a record. Blank lines are skipped, which RFC 4180
/// does not ask for but spreadsheet exports often leave at the end.
/// </summary>
internal static class CsvRecords
{
    public static List<CsvRecord> Parse(string file, string content, List<BankProblem> problems)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = content.Length > 0 && content[0] == '\uFEFF' ? 1 : 0;
        var fieldStarted = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
        }

        void EndRecord()
        {
            EndField();
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                records.Add(new CsvRecord(recordLine, [.. fields]));
            }

            fields.Clear();
        }

        while (i < content.Length)
        {
            var c = content[i];
            if (c == '"' && !fieldStarted)
            {
                var openLine = line;
                i++;
                var closed = false;
                while (i < content.Length)
                {
                    var q = content[i];
                    if (q == '"')
                    {
                        if (i + 1 < content.Length && content[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        closed = true;
                        break;
                    }

                    if (q == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
                    {
                        i++;
                        continue;
                    }

                    if (q == '\n')
                    {
                        line++;
                    }

                    field.Append(q);
                    i++;
                }

                if (!closed)
                {
                    problems.Add(new BankProblem(file, openLine, "a quoted field is never closed (a \" is missing)"));
                    return records;
                }

                fieldStarted = true;
                if (i < content.Length && content[i] is not (',' or '\r' or '\n'))
                {
                    problems.Add(new BankProblem(file, line, "text after a closing quote; write \"\" for a quote inside a quoted field"));
                    while (i < content.Length && content[i] is not (',' or '\r' or '\n'))
                    {
                        i++;
                    }
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    EndField();
                    i++;
                    break;
                case '\r' when i + 1 < content.Length && content[i + 1] == '\n':
                    i++;
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    i++;
                    break;
                default:
                    if (c == '"')
                    {
                        problems.Add(new BankProblem(file, line, "a quote inside an unquoted field; put the whole field in quotes and write \"\" for the quote"));
                    }

                    field.Append(c);
                    fieldStarted = true;
                    i++;
                    break;
            }
        }

        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            EndRecord();
        }

        return records;
    }
}
