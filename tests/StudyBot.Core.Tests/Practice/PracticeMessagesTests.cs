using StudyBot.Chat;
using StudyBot.Practice;
using StudyBot.Questions;

namespace StudyBot.Core.Tests.Practice;

public sealed class PracticeMessagesTests
{
    [Fact]
    public void AnswerButtonId_LongestQuestionId_FitsDiscordsLimitAndRoundTrips()
    {
        var questionId = new string('q', 40);

        var id = PracticeMessages.AnswerButtonId(long.MaxValue, questionId, ChoiceLetter.FromIndex(3));

        Assert.True(id.Length <= ChatButton.MaxCustomIdLength);
        Assert.True(PracticeMessages.TryParseAnswerButton(id, out var session, out var question, out var letter));
        Assert.Equal((long.MaxValue, questionId, "D"), (session, question, letter.ToString()));
    }

    [Theory]
    [InlineData("practice:12:abc:E")]
    [InlineData("practice:x:abc:A")]
    [InlineData("daily:12:A")]
    [InlineData("practice:12:ABC!:A")]
    public void TryParseAnswerButton_ForeignOrBrokenIds_AreRejected(string customId) =>
        Assert.False(PracticeMessages.TryParseAnswerButton(customId, out _, out _, out _));
}
