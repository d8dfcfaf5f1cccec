using StudyBot.Questions;

namespace StudyBot.Core.Tests.Questions;

public sealed class YamlBankReaderTests
{
    private const string Good = """
        version: 1
        questions:
          - id: icd-001
            area: icd-10-cm
            difficulty: easy
            stem: Which code reports type 2 diabetes without complications?
            choices:
              A: E11.9
              B: E11.65
              C: E10.9
              D: E13.9
            answer: A
            rationale: A is right; the others add a complication or name another type.
            reference: ICD-10-CM guideline I.C.4.a
            tags: [diabetes]
            source: StudyBot original
          - id: icd-002
            area: icd-10-cm
            difficulty: medium
            stem: Type the code for type 2 diabetes without complications.
            accepted: [E11.9]
            rationale: Category E11, no complications.
            source: StudyBot original
        """;

    private static BankReadResult Read(string yaml) => new YamlBankReader().Read("bank.yaml", yaml);

    [Fact]
    public void Read_ValidFile_ReturnsEveryQuestionWithItsKey()
    {
        var result = Read(Good);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(["icd-001", "icd-002"], result.Questions.Select(q => q.Id));
        var first = result.Questions[0];
        Assert.Equal(ContentArea.Icd10Cm, first.Area);
        Assert.Equal('A', first.Answer!.Value.Value);
        Assert.Equal("A. E11.9", first.AnswerText);
        Assert.True(result.Questions[1].IsTyped);
        Assert.True(result.Questions[1].Accepts("e119"));
    }

    [Fact]
    public void Read_AnswerNotALetter_RejectsWholeFileWithLine()
    {
        var result = Read(Good.Replace("answer: A", "answer: E"));

        Assert.Empty(result.Questions);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(12, problem.Line);
        Assert.Equal("bank.yaml:12: answer 'E' must be one of A, B, C, D", problem.ToString());
    }

    [Fact]
    public void Read_MisspelledKey_IsReportedNotIgnored()
    {
        var result = Read(Good.Replace("    answer: A", "    anwser: A"));

        Assert.Empty(result.Questions);
        Assert.Contains(result.Problems, p => p.Line == 12 && p.Message.StartsWith("unknown key 'anwser'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Line == 3 && p.Message == "missing 'answer'");
    }

    [Fact]
    public void Read_SeveralProblems_ListsEveryOneWithItsLine()
    {
        var bad = Good
            .Replace("area: icd-10-cm\n    difficulty: easy", "area: cardiology\n    difficulty: trivial")
            .Replace("id: icd-002", "id: ICD 2");

        var result = Read(bad);

        Assert.Empty(result.Questions);
        Assert.Equal(
            [
                "bank.yaml:4: unknown area 'cardiology' (one of: " + ContentAreas.KeyList + ")",
                "bank.yaml:5: difficulty 'trivial' must be easy, medium or hard",
                "bank.yaml:17: id 'ICD 2' must be 3-40 characters of a-z, 0-9 and '-'",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_MissingChoice_IsNamed()
    {
        var bad = Good.Replace("      D: E13.9\n", string.Empty);

        var result = Read(bad);

        Assert.Contains(result.Problems, p => p.Line == 8 && p.Message == "choices must be exactly A, B, C and D; missing D");
        Assert.Empty(result.Questions);
    }

    [Fact]
    public void Read_DuplicateIdInOneFile_PointsToTheFirstUse()
    {
        var result = Read(Good.Replace("id: icd-002", "id: icd-001"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("bank.yaml:17: id 'icd-001' is already used at line 3", problem.ToString());
    }

    [Fact]
    public void Read_BrokenYaml_ReportsTheLine()
    {
        var result = Read("version: 1\nquestions:\n  - id: x\n   stem: [unclosed\n");

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("bank.yaml:", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line >= 3);
    }

    [Fact]
    public void Read_ChoicesAndAcceptedTogether_IsRejected()
    {
        var result = Read(Good.Replace("    answer: A\n", "    answer: A\n    accepted: [E11.9]\n"));

        Assert.Contains(result.Problems, p => p.Message == "a question has either 'choices' + 'answer' or 'accepted', not both");
    }

    [Fact]
    public void Read_WrongVersionOrNoQuestions_SaysWhatTheTopMustBe()
    {
        Assert.Contains(Read("version: 2\nquestions: []\n").Problems, p => p.ToString() == "bank.yaml:1: the file must start with 'version: 1'");
        Assert.Contains(Read("version: 1\n").Problems, p => p.Message == "'questions:' must be a list of questions");
        Assert.Contains(Read("- just a list\n").Problems, p => p.Message.StartsWith("expected 'version: 1'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_OverlongStem_NamesTheLimit()
    {
        var result = Read(Good.Replace("Which code reports type 2 diabetes without complications?", new string('x', 1001)));

        Assert.Contains(result.Problems, p => p.Line == 6 && p.Message == "'stem' is 1001 characters; the limit is 1000");
    }
}
