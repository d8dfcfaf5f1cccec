using StudyBot.CodeSets;

namespace StudyBot.Core.Tests.CodeSets;

public sealed class CodeFilesTests
{
    [Theory]
    [InlineData("icd10cm_order_2026.txt", CodeFileKind.Icd10CmOrder)]
    [InlineData("icd10cm_codes_2026.txt", CodeFileKind.Icd10CmCodes)]
    [InlineData("icd10cm_order_addenda_2026.txt", CodeFileKind.Icd10CmAddenda)]
    [InlineData("icd10cm_codes_addenda_2026.txt", CodeFileKind.Icd10CmAddenda)]
    [InlineData("HCPC2025_OCT_ANWEB.xlsx", CodeFileKind.HcpcsWorkbook)]
    [InlineData("SOURCES.md", CodeFileKind.Unknown)]
    public void Detect_RealReleaseFiles_AreRecognised(string name, CodeFileKind expected)
    {
        Assert.Equal(expected, CodeFiles.Detect(OfficialFiles.Path(name)));
    }

    [Fact]
    public void Detect_HandMadeHcpcsText_IsRecognised()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, HcpcsFilesTests.Record("A0021", "3", "Ambulance service", "Ambulance", "19920101", "20000101") + "\r\n");

            Assert.Equal(CodeFileKind.HcpcsText, CodeFiles.Detect(path));
            Assert.True(CodeFiles.ReadCodeSet(path).IsValid);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadCodeSet_AddendaFile_SaysToImportTheOrderFile()
    {
        var problem = Assert.Single(CodeFiles.ReadCodeSet(OfficialFiles.Path("icd10cm_codes_addenda_2026.txt")).Problems);

        Assert.Contains("addenda file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAddendaFile_ReadsFromAPath()
    {
        Assert.Equal(487, Icd10CmFiles.ReadAddendaFile(OfficialFiles.Path("icd10cm_codes_addenda_2026.txt")).AddedCodes.Count());
    }
}
