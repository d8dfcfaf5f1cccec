using System.Globalization;
using System.Text;
using StudyBot.Chat;
using StudyBot.Groups;
using StudyBot.Questions;

namespace StudyBot.Daily;

/// <summary>How daily rounds look. Before the reveal nothing here depends on whether anyone is right.</summary>
public static class DailyMessages
{
    public const string AnswerButtonPrefix = "daily";

    /// <summary>"daily:42:B": answer round 42 with B.</summary>
    public static string AnswerButtonId(long roundId, ChoiceLetter letter) =>
        string.Create(CultureInfo.InvariantCulture, $"{AnswerButtonPrefix}:{roundId}:{letter}");

    public static bool TryParseAnswerButton(string customId, out long roundId, out ChoiceLetter letter)
    {
        roundId = 0;
        letter = default;
        var parts = customId.Split(':');
        return parts.Length == 3 && parts[0] == AnswerButtonPrefix
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out roundId)
            && ChoiceLetter.TryParse(parts[2], out letter);
    }

    public static ChatMessage Question(DailyRound round, StudyGroup group)
    {
        var q = round.Question;
        var body = new StringBuilder(q.Stem);
        AppendChoices(body, q);
        var how = q.IsTyped
            ? "Answer with `/answer text:<your answer>`."
            : "Click a letter, or use `/answer choice:<letter>`.";
        body.Append("\n\n").Append(how).Append(" Your first answer counts; nobody sees who is right until the reveal.");

        var buttons = q.IsTyped
            ? Array.Empty<ChatButton>()
            : ChoiceLetter.All.Select(l => new ChatButton(AnswerButtonId(round.Id, l), l.ToString(), ButtonStyle.Primary)).ToArray();
        return new ChatMessage(
            $"Question of the day · {Date(round)}",
            body.ToString(),
            [
                new ChatField("Area", q.Area.DisplayName(), Inline: true),
                new ChatField("Difficulty", q.Difficulty.ToString(), Inline: true),
                new ChatField("Answer revealed", $"{group.Describe(group.RevealAt)}", Inline: true),
            ],
            buttons,
            Ephemeral: false);
    }

    public static ChatMessage Reveal(DailyRound round, IReadOnlyList<DailyAnswer> answers, int maxNames, Func<string, string>? nameSuffix = null)
    {
        var q = round.Question;
        var body = new StringBuilder(q.Stem);
        AppendChoices(body, q);
        var right = answers.Where(a => q.Accepts(a.Answer)).OrderBy(a => a.AnsweredAt).ToList();

        var fields = new List<ChatField>
        {
            new("Answer", q.AnswerText),
            new("Why", q.Rationale),
        };
        if (q.Reference is { } reference)
        {
            fields.Add(new ChatField("Reference", reference));
        }

        fields.Add(new ChatField("How the group answered", Tally(q, answers)));
        fields.Add(new ChatField("Got it right", Names(right, maxNames, nameSuffix)));

        var buttons = q.IsTyped
            ? Array.Empty<ChatButton>()
            : ChoiceLetter.All.Select(l => new ChatButton(
                AnswerButtonId(round.Id, l),
                $"{l} · {answers.Count(a => a.Answer == l.ToString())}",
                l == q.Answer ? ButtonStyle.Success : ButtonStyle.Secondary,
                Disabled: true)).ToArray();
        ChatButton[] withReport = [.. buttons, new ChatButton(Reports.ReportMessages.ReportButtonId(round.Id), Reports.ReportMessages.ReportButtonLabel)];
        return new ChatMessage($"Answer revealed · {Date(round)}", body.ToString(), fields, withReport, Ephemeral: false);
    }

    public static string Tally(Question q, IReadOnlyList<DailyAnswer> answers)
    {
        if (answers.Count == 0)
        {
            return "Nobody answered this one.";
        }

        if (q.IsTyped)
        {
            var correct = answers.Count(a => q.Accepts(a.Answer));
            return $"{correct} of {Plural(answers.Count, "answer")} matched.";
        }

        var counts = ChoiceLetter.All.Select(l => $"{l}: {answers.Count(a => a.Answer == l.ToString())}");
        return $"{string.Join(" · ", counts)} ({Plural(answers.Count, "answer")})";
    }

    public static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    private static string Names(List<DailyAnswer> right, int maxNames, Func<string, string>? suffix)
    {
        if (right.Count == 0)
        {
            return "Nobody this time.";
        }

        var shown = right.Take(maxNames).Select(a => a.DisplayName + (suffix?.Invoke(a.UserId) ?? string.Empty));
        var more = right.Count > maxNames ? $" and {right.Count - maxNames} more" : string.Empty;
        return string.Join(", ", shown) + more;
    }

    private static void AppendChoices(StringBuilder body, Question q)
    {
        if (q.IsTyped)
        {
            return;
        }

        body.Append('\n');
        foreach (var letter in ChoiceLetter.All)
        {
            body.Append('\n').Append(letter).Append(". ").Append(q.Choices[letter.Index]);
        }
    }

    private static string Date(DailyRound round) => round.LocalDate.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
}
