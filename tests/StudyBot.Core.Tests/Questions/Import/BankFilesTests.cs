using StudyBot.Questions;
using StudyBot.Questions.Import;

namespace StudyBot.Core.Tests.Questions.Import;

public sealed class BankFilesTests
{
    private const string Aiken = "Which code is cholera, unspecified?\nA. A00.9\nB. A00.0\nC. A00.1\nD. A01.00\nANSWER: A\n";

    [Fact]
    public void ReadContent_NoAreaInFileOrGiven_IsRejectedNotGuessed()
    {
        var result = BankFiles.ReadContent("q.aiken", Aiken, null, null);

        Assert.StartsWith("q.aiken: 1 question(s) name no content area", Assert.Single(result.Problems).ToString(), StringComparison.Ordinal);
        Assert.Empty(result.Questions);
    }

    [Fact]
    public void ReadContent_CsvWithAreaColumn_NeedsNoDefaultArea()
    {
        var result = BankFiles.ReadContent("q.csv", "area,stem,answer\nicd-10-cm,Type the code for cholera unspecified.,A00.9\n", null, null);

        Assert.Empty(result.Problems);
        Assert.Equal(ContentArea.Icd10Cm, Assert.Single(result.Questions).Area);
    }

    [Fact]
    public void ReadContent_GivenArea_IsUsed()
    {
        var result = BankFiles.ReadContent("q.txt", Aiken, null, ContentArea.Icd10Cm);

        Assert.Equal(ContentArea.Icd10Cm, Assert.Single(result.Questions).Area);
    }

    [Fact]
    public void ReadContent_UnknownFormatOrExtension_SaysWhatToGive()
    {
        Assert.Contains("unknown format 'docx'", BankFiles.ReadContent("q.csv", "x", "docx", null).Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("give --format", BankFiles.ReadContent("q.pdf", "x", null, null).Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FolderWithTheSameQuestionInTwoFiles_RejectsTheWholeFolder()
    {
        var folder = Directory.CreateTempSubdirectory("bankfiles").FullName;
        File.WriteAllText(Path.Combine(folder, "a.aiken"), Aiken);
        File.WriteAllText(Path.Combine(folder, "b.aiken"), Aiken);

        var result = BankFiles.Read(folder, null, ContentArea.Icd10Cm);

        Assert.Empty(result.Questions);
        Assert.Matches(@"^b\.aiken: id 'imp-[0-9a-f]{12}' is also used in a\.aiken$", Assert.Single(result.Problems).ToString());
        Directory.Delete(folder, recursive: true);
    }
}
