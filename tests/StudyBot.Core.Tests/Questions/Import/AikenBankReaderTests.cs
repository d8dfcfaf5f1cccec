using StudyBot.Questions;
using StudyBot.Questions.Import;

namespace StudyBot.Core.Tests.Questions.Import;

public sealed class AikenBankReaderTests
{
    private readonly AikenBankReader reader = new(ContentArea.Icd10Cm);

    [Fact]
    public void Read_WellFormedFile_ReadsEveryQuestionWithDefaults()
    {
        const string aiken = """
            Which code reports type 2 diabetes
            without complications?
            A. E11.9
            B. E10.9
            C) E11.65
            D) E13.9
            ANSWER: A

            Which code is a category header?
            A. E11.9
            B. E11
            C. A00.9
            D. A00.1
            answer: b
            """;

        var result = reader.Read("quiz.txt", aiken);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal(2, result.Questions.Count);
        var first = result.Questions[0];
        Assert.Equal("Which code reports type 2 diabetes\nwithout complications?", first.Stem);
        Assert.Equal(["E11.9", "E10.9", "E11.65", "E13.9"], first.Choices);
        Assert.Equal("A", first.Answer.ToString());
        Assert.Equal(ContentArea.Icd10Cm, first.Area);
        Assert.Equal("The correct answer is A: E11.9.", first.Rationale);
        Assert.Equal("Imported from quiz.txt", first.Source);
        Assert.Equal("B", result.Questions[1].Answer.ToString());
    }

    [Fact]
    public void Read_MalformedQuestions_ListsEveryProblemWithItsLine()
    {
        const string aiken = """
            Three choices only?
            A. one
            B. two
            C. three
            ANSWER: A

            Answer out of range?
            A. one
            B. two
            C. three
            D. four
            ANSWER: E

            Out of order?
            A. one
            C. two
            ANSWER: A

            No answer line?
            A. one
            B. two
            C. three
            D. four
            Next question starts here
            A. x
            B. y
            C. z
            D. w
            ANSWER: Q
            ANSWER: A
            """;

        var result = reader.Read("bad.txt", aiken);

        Assert.Empty(result.Questions);
        Assert.Equal(
            [
                "bad.txt:1: StudyBot questions have exactly four choices (A-D); this one has 3",
                "bad.txt:12: ANSWER: E must name one of the choices A, B, C or D",
                "bad.txt:16: choice C is out of order; expected B",
                "bad.txt:14: StudyBot questions have exactly four choices (A-D); this one has 2",
                "bad.txt:19: the question has no 'ANSWER: X' line after its choices",
                "bad.txt:29: ANSWER: Q must name one of the choices A, B, C or D",
                "bad.txt:30: an ANSWER: line with no question before it",
            ],
            result.Problems.Select(p => p.ToString()));
    }
}
