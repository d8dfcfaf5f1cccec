using StudyBot.Questions;
using StudyBot.Questions.Import;

namespace StudyBot.Core.Tests.Questions.Import;

public sealed class RedTriviaBankReaderTests
{
    private readonly RedTriviaBankReader reader = new(ContentArea.HcpcsLevelII);

    [Fact]
    public void Read_TriviaList_MakesTypedQuestionsWithAuthorAsSource()
    {
        const string yaml = """
            AUTHOR: Coding Club
            CONFIG:
              max_score: 10
            What HCPCS code is a dressing for one wound?:
              - A1
            Which modifier means left side?:
              - LT
              - "LT modifier"
            How many characters does a HCPCS Level II code have?:
              - 5
              - five
            """;

        var result = reader.Read("hcpcs.yaml", yaml);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal(3, result.Questions.Count);
        Assert.All(result.Questions, q => Assert.True(q.IsTyped));
        Assert.All(result.Questions, q => Assert.Equal("Coding Club", q.Source));
        Assert.All(result.Questions, q => Assert.Equal(ContentArea.HcpcsLevelII, q.Area));
        Assert.Equal("What HCPCS code is a dressing for one wound?", result.Questions[0].Stem);
        Assert.Equal(["LT", "LT modifier"], result.Questions[1].AcceptedAnswers);
        Assert.True(result.Questions[2].Accepts("5"));
        Assert.Equal("The accepted answer is A1.", result.Questions[0].Rationale);
    }

    [Fact]
    public void Read_WithoutAuthor_SourceNamesTheFile()
    {
        var question = Assert.Single(reader.Read("lists/codes.yaml", "Q one?: [A1]\n").Questions);

        Assert.Equal("Imported from codes.yaml", question.Source);
    }

    [Fact]
    public void Read_MalformedEntries_ListsEveryProblemWithItsLine()
    {
        const string yaml = """
            AUTHOR: Coding Club
            Good question?:
              - yes
            Not a list?: A1
            Nested?:
              - [a, b]
            Empty list?: []
            Only punctuation?:
              - "..."
            """;

        var result = reader.Read("bad.yaml", yaml);

        Assert.Empty(result.Questions);
        Assert.Equal(
            [
                "bad.yaml:4: the answers must be a list, such as [E11.9, E119]",
                "bad.yaml:6: each answer must be plain text",
                "bad.yaml:5: no accepted answer is given",
                "bad.yaml:7: no accepted answer is given",
                "bad.yaml:8: accepted answer '...' has no letters or digits, so nothing typed could match it",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_InvalidYaml_ReportsTheLine()
    {
        var problem = Assert.Single(reader.Read("broken.yaml", "Q one?:\n  - A1\nQ two?: [A1\n").Problems);

        Assert.StartsWith("broken.yaml:", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.InRange(problem.Line, 3, 4);
    }

    [Fact]
    public void Read_DuplicateQuestion_IsAProblem()
    {
        var result = reader.Read("dup.yaml", "Q one?: [A1]\nQ one?: [A2]\n");

        Assert.False(result.IsValid);
        Assert.Contains("dup.yaml:", Assert.Single(result.Problems).ToString(), StringComparison.Ordinal);
    }
}
