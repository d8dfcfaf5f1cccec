using System.Globalization;
using System.Text;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Questions;

namespace StudyBot.Practice;

/// <summary>How practice looks. Every practice message is private to the member.</summary>
public static class PracticeMessages
{
    public const string AnswerButtonPrefix = "practice";

    /// <summary>"practice:12:icd-e11-9:B": in session 12, answer question icd-e11-9 with B (at most 9+20+40+2 characters).</summary>
    public static string AnswerButtonId(long sessionId, string questionId, ChoiceLetter letter) =>
        string.Create(CultureInfo.InvariantCulture, $"{AnswerButtonPrefix}:{sessionId}:{questionId}:{letter}");

    public static bool TryParseAnswerButton(string customId, out long sessionId, out string questionId, out ChoiceLetter letter)
    {
        sessionId = 0;
        questionId = string.Empty;
        letter = default;
        var parts = customId.Split(':');
        if (parts.Length != 4 || parts[0] != AnswerButtonPrefix
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out sessionId)
            || !QuestionId.IsValid(parts[2])
            || !ChoiceLetter.TryParse(parts[3], out letter))
        {
            return false;
        }

        questionId = parts[2];
        return true;
    }

    /// <summary>A question of a session, after any feedback on the previous one.</summary>
    public static ChatMessage Question(PracticeSession session, Question q, PickReason reason, string? before)
    {
        var body = new StringBuilder();
        if (before is not null)
        {
            body.Append(before).Append("\n\n");
        }

        body.Append(q.Stem);
        if (!q.IsTyped)
        {
            body.Append('\n');
            foreach (var letter in ChoiceLetter.All)
            {
                body.Append('\n').Append(letter).Append(". ").Append(q.Choices[letter.Index]);
            }
        }

        body.Append("\n\n").Append(q.IsTyped
            ? "Type your answer with `/practice answer:<your answer>`."
            : "Click a letter (or type `/practice answer:<letter>`).");

        var buttons = q.IsTyped
            ? Array.Empty<ChatButton>()
            : ChoiceLetter.All.Select(l => new ChatButton(AnswerButtonId(session.Id, q.Id, l), l.ToString(), ButtonStyle.Primary)).ToArray();
        return new ChatMessage(
            string.Create(CultureInfo.InvariantCulture, $"Practice · question {session.Answered + 1} of {session.Target}"),
            body.ToString(),
            [
                new ChatField("Area", q.Area.DisplayName(), Inline: true),
                new ChatField("Why this one", Reason(reason), Inline: true),
            ],
            buttons,
            Ephemeral: true);
    }

    /// <summary>Right or wrong, the key, the rationale and when the question comes back.</summary>
    public static string Feedback(Question q, string answer, bool correct, ReviewCard card, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append(correct ? "✓ Right: " : $"✗ Not quite: you answered {Quote(q, answer)}; the answer is ")
            .Append(q.AnswerText).Append('\n')
            .Append("Why: ").Append(q.Rationale);
        if (q.Reference is { } reference)
        {
            text.Append("\nReference: ").Append(reference);
        }

        var days = Math.Max(1, (int)Math.Round((card.Due - now).TotalDays));
        text.Append("\nYou'll see this question again in ").Append(DailyMessages.Plural(days, "day")).Append('.');
        return text.ToString();
    }

    public static ChatMessage Finished(PracticeSession session, string? before, int due, string why)
    {
        var body = new StringBuilder();
        if (before is not null)
        {
            body.Append(before).Append("\n\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"{why} You got {session.Correct} of {session.Answered} right.");
        body.Append(due > 0
            ? $" {DailyMessages.Plural(due, "review")} {(due == 1 ? "is" : "are")} due now: /practice again to do them."
            : " Nothing is due for review right now. /practice again for new questions, and /stats for your readiness.");
        return new ChatMessage("Practice finished", body.ToString(), [], [], Ephemeral: true);
    }

    private static string Reason(PickReason reason) => reason switch
    {
        PickReason.DueReview => "Due for review",
        PickReason.New => "New question",
        _ => "Extra review",
    };

    private static string Quote(Question q, string answer) => q.IsTyped ? $"\"{answer}\"" : answer;
}
