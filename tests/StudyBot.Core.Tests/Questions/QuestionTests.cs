using StudyBot.Questions;

namespace StudyBot.Core.Tests.Questions;

public sealed class QuestionTests
{
    private static Question Typed(params string[] accepted) =>
        Question.Typed("icd-100", ContentArea.Icd10Cm, Difficulty.Easy, "Type the code.", accepted, "Because.", null, [], "test");

    [Theory]
    [InlineData("E11.9")]
    [InlineData("e119")]
    [InlineData(" E11 .9 ")]
    [InlineData("E11-9")]
    public void Accepts_CodeWithOrWithoutDotAnyCase_Matches(string typed) => Assert.True(Typed("E11.9").Accepts(typed));

    [Theory]
    [InlineData("E11.8")]
    [InlineData("E11")]
    [InlineData("")]
    [InlineData("...")]
    public void Accepts_DifferentCodeOrNothing_DoesNotMatch(string typed) => Assert.False(Typed("E11.9").Accepts(typed));

    [Fact]
    public void Accepts_AnyOfSeveralAcceptedAnswers() =>
        Assert.True(Typed("Hypertension", "HTN").Accepts("htn"));

    [Fact]
    public void MultipleChoice_DuplicateChoices_CannotExist() =>
        Assert.Throws<ArgumentException>(() => Question.MultipleChoice(
            "x-001", ContentArea.Anatomy, Difficulty.Easy, "Stem", ["a", "a", "b", "c"], ChoiceLetter.FromIndex(0), "Why", null, [], "test"));

    [Fact]
    public void Typed_AnswerWithoutLettersOrDigits_CannotExist() =>
        Assert.Throws<ArgumentException>(() => Typed("--"));

    [Fact]
    public void QuestionJson_RoundTrip_KeepsKeyAndRationale()
    {
        var original = Question.MultipleChoice(
            "ana-001", ContentArea.Anatomy, Difficulty.Hard, "Which valve?", ["Mitral", "Tricuspid", "Aortic", "Pulmonary"],
            ChoiceLetter.FromIndex(2), "C is right.", "Anatomy", ["heart"], "test");

        var copy = QuestionJson.Deserialize(QuestionJson.Serialize(original));

        Assert.Equal(original.AnswerText, copy.AnswerText);
        Assert.Equal(original.Rationale, copy.Rationale);
        Assert.Equal(original.Area, copy.Area);
        Assert.Equal(original.Difficulty, copy.Difficulty);
        Assert.Equal(original.Choices, copy.Choices);
    }
}
