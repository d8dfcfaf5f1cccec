using System.IO.Compression;
using System.Security;
using System.Text;
using StudyBot.CodeSets;

namespace StudyBot.Core.Tests.CodeSets;

/// <summary>
/// The .xlsx reader on small workbooks made here: inline strings and rich text, which CMS's file does not
/// use but a re-saved copy may, and header and row problems reported by spreadsheet row.
/// </summary>
public sealed class HcpcsWorkbookTests
{
    private static readonly string[] Header =
        ["HCPC", "SEQNUM", "RECID", "LONG DESCRIPTION", "SHORT DESCRIPTION", "ADD DT", "ACT EFF DT", "TERM DT", "ACTION CD"];

    private static MemoryStream Workbook(params string[][] rows)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open(), Encoding.UTF8);
                writer.Write(xml);
            }

            const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            const string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            Add("xl/workbook.xml", $"""<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="codes" sheetId="1" r:id="rId7"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="worksheet" Target="worksheets/data.xml"/></Relationships>""");
            var sheet = new StringBuilder($"""<worksheet xmlns="{main}"><sheetData>""");
            for (var r = 0; r < rows.Length; r++)
            {
                sheet.Append($"""<row r="{r + 1}">""");
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var cell = $"{(char)('A' + c)}{r + 1}";
                    var text = SecurityElement.Escape(rows[r][c]);
                    sheet.Append(c == 3 && r > 0
                        ? $"""<c r="{cell}" t="inlineStr"><is><r><t xml:space="preserve">{text[..(text.Length / 2)]}</t></r><r><t xml:space="preserve">{text[(text.Length / 2)..]}</t></r></is></c>"""
                        : $"""<c r="{cell}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>""");
                }

                sheet.Append("</row>");
            }

            Add("xl/worksheets/data.xml", sheet.Append("</sheetData></worksheet>").ToString());
        }

        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void ReadWorkbook_InlineAndRichTextCells_ReadsCodesAndModifiers()
    {
        using var stream = Workbook(
            Header,
            ["A0021", "0010", "3", "Ambulance service, outside state per mile, transport (medicaid only)", "Outside state ambulance serv", "19920101", "20000101", "", "N"],
            ["   LT", "0010", "7", "Left side (used to identify procedures performed on the left side of the body)", "Left side", "19920101", "19920101", "", "N"],
            ["D0120", "0010", "3", "Periodic oral evaluation", "Periodic oral evaluation", "20000101", "20000101", "", "N"]);

        var result = HcpcsFiles.ReadWorkbook("HCPC2026_APR_ANWEB.xlsx", stream);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal("HCPCS Level II April 2026", result.CodeSet!.Release);
        Assert.Equal(["A0021", "LT"], result.CodeSet.Entries.Select(e => e.Code));
        Assert.Equal("Ambulance service, outside state per mile, transport (medicaid only)", result.CodeSet.Description("A0021"));
        Assert.True(result.CodeSet.Find("LT")!.IsModifier);
        Assert.Equal(1, result.ExcludedDentalCodes);
    }

    [Fact]
    public void ReadWorkbook_MissingColumns_NamesThem()
    {
        using var stream = Workbook(["HCPC", "RECID", "LONG DESCRIPTION"], ["A0021", "3", "Ambulance"]);

        var problem = Assert.Single(HcpcsFiles.ReadWorkbook("codes.xlsx", stream).Problems);

        Assert.Equal("codes.xlsx:1: the header row lacks SHORT DESCRIPTION, ADD DT, ACT EFF DT, TERM DT", problem.ToString());
    }

    [Fact]
    public void ReadWorkbook_BadRows_ReportTheirSpreadsheetRow()
    {
        using var stream = Workbook(
            Header,
            ["A0021", "0010", "3", "Fine", "Fine", "19920101", "20000101", "", "N"],
            ["A0022", "0010", "4", "Continuation rows are not in the xlsx", "x", "19920101", "20000101", "", "N"],
            ["A0023", "0010", "3", "Bad end date", "x", "19920101", "20000101", "2025-09-30", "D"]);

        var result = HcpcsFiles.ReadWorkbook("codes.xlsx", stream);

        Assert.Null(result.CodeSet);
        Assert.Equal(
            [
                "codes.xlsx:3: RECID '4' must be 3 (procedure) or 7 (modifier)",
                "codes.xlsx:4: TERM DT '2025-09-30' for A0023 is not a date (YYYYMMDD)",
            ],
            result.Problems.Select(p => p.ToString()));
    }
}
