using System.Globalization;
using System.Text;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Groups;
using StudyBot.Questions;
using StudyBot.Time;

namespace StudyBot.Exams;

/// <summary>What a click on an exam screen asks for.</summary>
public enum ExamAction
{
    Answer,
    GoTo,
    Flag,
    Review,
    Submit,
}

/// <summary>A parsed exam button: which attempt, on which screen, doing what to which question.</summary>
public readonly record struct ExamButton(long AttemptId, int Screen, ExamAction Action, int Position, ChoiceLetter? Choice);

/// <summary>One member's result as the group result shows it.</summary>
public sealed record ParticipantResult(string UserId, string DisplayName, bool Named, ScoreReport Report);

/// <summary>How exams look. Custom ids carry ids and positions only; every one is checked against the store.</summary>
public static class ExamMessages
{
    public const string ScreenPrefix = "exam";
    public const string ReportPrefix = "exrep";
    public const string JoinPrefix = "exjoin";

    private static readonly Dictionary<ExamAction, char> Codes = new()
    {
        [ExamAction.Answer] = 'a',
        [ExamAction.GoTo] = 'g',
        [ExamAction.Flag] = 'f',
        [ExamAction.Review] = 'r',
        [ExamAction.Submit] = 's',
    };

    /// <summary>"exam:812:14:a:41:C": on screen 14 of attempt 812, answer question 42 with C. At most ~50 characters.</summary>
    public static string ButtonId(ExamAttempt attempt, ExamAction action, int position, ChoiceLetter? choice = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{ScreenPrefix}:{attempt.Id}:{attempt.Screen}:{Codes[action]}:{position}{(choice is { } c ? ":" + c : string.Empty)}");

    public static bool TryParseButton(string customId, out ExamButton button)
    {
        button = default;
        var parts = customId.Split(':');
        if (parts.Length is < 5 or > 6 || parts[0] != ScreenPrefix
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var attemptId)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var screen)
            || parts[3].Length != 1 || !Codes.ContainsValue(parts[3][0])
            || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return false;
        }

        var action = Codes.First(c => c.Value == parts[3][0]).Key;
        ChoiceLetter? choice = null;
        if (parts.Length == 6)
        {
            if (!ChoiceLetter.TryParse(parts[5], out var letter))
            {
                return false;
            }

            choice = letter;
        }

        if ((action == ExamAction.Answer) != choice.HasValue)
        {
            return false;
        }

        button = new ExamButton(attemptId, screen, action, position, choice);
        return true;
    }

    /// <summary>"exrep:812:3": page 3 of attempt 812's report (0 is the summary, then one page per missed question).</summary>
    public static string ReportButtonId(long attemptId, int page) => string.Create(CultureInfo.InvariantCulture, $"{ReportPrefix}:{attemptId}:{page}");

    public static bool TryParseReportButton(string customId, out long attemptId, out int page)
    {
        attemptId = 0;
        page = 0;
        var parts = customId.Split(':');
        return parts.Length == 3 && parts[0] == ReportPrefix
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out attemptId)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out page);
    }

    public static string JoinButtonId(long examId) => string.Create(CultureInfo.InvariantCulture, $"{JoinPrefix}:{examId}");

    public static bool TryParseJoinButton(string customId, out long examId)
    {
        examId = 0;
        var parts = customId.Split(':');
        return parts.Length == 2 && parts[0] == JoinPrefix && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out examId);
    }

    /// <summary>One question of a sitting, with the member's stored answer and flag and the time left.</summary>
    public static ChatMessage Question(ExamAttempt attempt, MockExam exam, IReadOnlyList<Question> questions, IReadOnlyList<ExamAnswer> answers, DateTimeOffset now, TimeSpan warning)
    {
        var position = Math.Clamp(attempt.Position, 0, questions.Count - 1);
        var q = questions[position];
        var mine = answers.FirstOrDefault(a => a.Position == position);
        var body = new StringBuilder(q.Stem).Append('\n');
        foreach (var letter in ChoiceLetter.All)
        {
            body.Append('\n').Append(letter).Append(". ").Append(q.Choices[letter.Index]);
        }

        body.Append("\n\n").Append(mine?.Choice is { } chosen ? $"Your answer: {chosen}" : "Not answered yet.");
        if (mine?.Flagged == true)
        {
            body.Append(" · Flagged for review");
        }

        var buttons = new List<ChatButton>();
        buttons.AddRange(ChoiceLetter.All.Select(l => new ChatButton(
            ButtonId(attempt, ExamAction.Answer, position, l), l.ToString(), mine?.Choice == l ? ButtonStyle.Success : ButtonStyle.Primary)));
        buttons.Add(new ChatButton(ButtonId(attempt, ExamAction.GoTo, Math.Max(0, position - 1)), "Previous", Disabled: position == 0));
        buttons.Add(new ChatButton(ButtonId(attempt, ExamAction.GoTo, Math.Min(questions.Count - 1, position + 1)), "Next", Disabled: position == questions.Count - 1));
        buttons.Add(new ChatButton(ButtonId(attempt, ExamAction.Flag, position), mine?.Flagged == true ? "Unflag" : "Flag"));
        buttons.Add(new ChatButton(ButtonId(attempt, ExamAction.Review, position), "Review", ButtonStyle.Success));

        return new ChatMessage(
            $"{Title(exam)} · Question {position + 1} of {questions.Count}",
            body.ToString(),
            [
                new ChatField("Area", q.Area.DisplayName(), Inline: true),
                new ChatField("Time left", TimeLeft(exam.EndsAt - now, warning), Inline: true),
                new ChatField("Progress", Progress(questions.Count, answers), Inline: true),
            ],
            buttons,
            Ephemeral: true);
    }

    /// <summary>The review screen: what is unanswered and flagged, with ways back and the submit button.</summary>
    public static ChatMessage Review(ExamAttempt attempt, MockExam exam, int questionCount, IReadOnlyList<ExamAnswer> answers, DateTimeOffset now, TimeSpan warning)
    {
        var answered = answers.Where(a => a.Choice is not null).Select(a => a.Position).ToHashSet();
        var unanswered = Enumerable.Range(0, questionCount).Where(i => !answered.Contains(i)).ToList();
        var flagged = answers.Where(a => a.Flagged).Select(a => a.Position).Order().ToList();
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"Answered {answered.Count} of {questionCount}.\n");
        body.Append("Unanswered: ").Append(unanswered.Count == 0 ? "none" : Ranges(unanswered)).Append('\n');
        body.Append("Flagged for review: ").Append(flagged.Count == 0 ? "none" : Ranges(flagged)).Append('\n');
        body.Append(exam.Kind == ExamKind.Group
            ? "\nSubmit when you are done; scores are shown to everyone at the close. Unsubmitted exams are submitted automatically at the close."
            : "\nSubmit when you are done to see your score report.");

        var buttons = new List<ChatButton>
        {
            new(ButtonId(attempt, ExamAction.GoTo, attempt.Position), "Back"),
        };
        if (unanswered.Count > 0)
        {
            buttons.Add(new ChatButton(ButtonId(attempt, ExamAction.GoTo, unanswered[0]), "First unanswered"));
        }

        if (flagged.Count > 0)
        {
            buttons.Add(new ChatButton(ButtonId(attempt, ExamAction.GoTo, flagged[0]), "First flagged"));
        }

        buttons.Add(new ChatButton(ButtonId(attempt, ExamAction.Submit, attempt.Position), "Submit", ButtonStyle.Danger));
        return new ChatMessage(
            $"{Title(exam)} · Review",
            body.ToString(),
            [new ChatField("Time left", TimeLeft(exam.EndsAt - now, warning), Inline: true)],
            buttons,
            Ephemeral: true);
    }

    /// <summary>A private score report: page 0 is the summary, pages 1..n the missed questions with rationales.</summary>
    public static ChatMessage Report(ExamAttempt attempt, MockExam exam, StudyGroup group, ScoreReport report, IReadOnlyList<Question> questions, IReadOnlyList<ExamAnswer> answers, int page)
    {
        page = Math.Clamp(page, 0, report.Missed.Count);
        var buttons = new List<ChatButton>();
        if (page == 0)
        {
            var used = (attempt.SubmittedAt ?? exam.EndsAt) - attempt.StartedAt;
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"Score: {report.Correct}/{report.Total} ({Percent(report.Fraction)}) · {(report.Passed ? "PASS" : "not a pass yet")} (pass mark {Percent(report.PassMark)})\n");
            body.Append("Time used: ").Append(Duration(used < TimeSpan.Zero ? TimeSpan.Zero : used));
            body.Append(attempt.AutoSubmitted ? " (submitted automatically at the close)\n" : "\n");
            var weak = report.Weak.ToList();
            body.Append(weak.Count == 0
                ? "Every content area at or above the pass mark."
                : $"Below {Percent(report.PassMark)}: {string.Join(", ", weak.Select(a => a.Area.DisplayName()))}. Study these next.");
            var fields = report.Areas.Select(a => new ChatField(
                a.Area.DisplayName(),
                string.Create(CultureInfo.InvariantCulture, $"{a.Correct}/{a.Total} ({Percent(a.Fraction)}){(a.Fraction < report.PassMark ? " ⚠ below pass mark" : string.Empty)}"),
                Inline: true)).ToList();
            if (report.Missed.Count > 0)
            {
                buttons.Add(new ChatButton(ReportButtonId(attempt.Id, 1), "Missed questions", ButtonStyle.Primary));
            }

            return new ChatMessage($"Your {Title(exam).ToLowerInvariant()} report · {When(exam.StartsAt, group)}", body.ToString(), fields, buttons, Ephemeral: true);
        }

        var position = report.Missed[page - 1];
        var q = questions[position];
        var mine = answers.FirstOrDefault(a => a.Position == position)?.Choice;
        var text = new StringBuilder(q.Stem).Append('\n');
        foreach (var letter in ChoiceLetter.All)
        {
            text.Append('\n').Append(letter).Append(". ").Append(q.Choices[letter.Index]);
        }

        buttons.Add(new ChatButton(ReportButtonId(attempt.Id, page - 1), "Previous", Disabled: page == 1));
        buttons.Add(new ChatButton(ReportButtonId(attempt.Id, page + 1), "Next", Disabled: page == report.Missed.Count));
        buttons.Add(new ChatButton(ReportButtonId(attempt.Id, 0), "Summary"));
        var missedFields = new List<ChatField>
        {
            new("Your answer", mine is { } m ? $"{m}. {q.Choices[m.Index]}" : "Not answered", Inline: true),
            new("Correct answer", q.AnswerText, Inline: true),
            new("Why", q.Rationale),
        };
        if (q.Reference is { } reference)
        {
            missedFields.Add(new ChatField("Reference", reference));
        }

        return new ChatMessage(
            $"Missed question {page} of {report.Missed.Count} · question {position + 1} · {q.Area.DisplayName()}",
            text.ToString(),
            missedFields,
            buttons,
            Ephemeral: true);
    }

    public static ChatMessage Scheduled(MockExam exam, StudyGroup group, IReadOnlyList<ContentArea> missing)
    {
        var text = $"Scheduled exam #{exam.Id}: {DailyMessages.Plural(exam.QuestionCount, "question")}, {Duration(exam.Duration)}, starting {When(exam.StartsAt, group)}. "
            + "The channel is told 24 hours and 1 hour before (when there is that much time), and the exam opens and closes on its own.";
        if (missing.Count > 0)
        {
            text += $" The bank has no questions for {string.Join(", ", missing.Select(a => a.DisplayName()))}, so their share went to the other areas.";
        }

        return ChatMessage.Private(text);
    }

    public static ChatMessage Announcement(MockExam exam, StudyGroup group, string lead) => new(
        $"Mock exam · {lead}",
        $"A {exam.QuestionCount}-question mock CPC exam starts {When(exam.StartsAt, group)} and lasts {Duration(exam.Duration)}. "
        + "Everyone sits it privately; the group result is posted here at the close. Click Join (or use `/exam join`) now to register: "
        + "you are mentioned here when it opens, and `/exam resume` starts it then.",
        [],
        [new ChatButton(JoinButtonId(exam.Id), "Join", ButtonStyle.Primary)],
        Ephemeral: false);

    /// <summary>The opening post; members who registered beforehand are named and pinged.</summary>
    public static ChatMessage Opened(MockExam exam, StudyGroup group, IReadOnlyList<ChatUser> registered)
    {
        var body = $"The {exam.QuestionCount}-question mock exam is open until {When(exam.EndsAt, group)}. "
            + "Click Join (or use `/exam join`) to start; your answers are saved as you click, and `/exam resume` takes you back to where you were.";
        if (registered.Count > 0)
        {
            body += $"\n\nRegistered: {string.Join(", ", registered.Select(m => m.DisplayName))}. Your exam is waiting: click Join or use `/exam resume`.";
        }

        return new ChatMessage("Mock exam · open now", body, [], [new ChatButton(JoinButtonId(exam.Id), "Join", ButtonStyle.Success)], Ephemeral: false)
        {
            Mentions = [.. registered.Select(m => m.Id)],
        };
    }

    public static ChatMessage Warning(MockExam exam, StudyGroup group, TimeSpan left) => ChatMessage.Public(
        $"Mock exam · {Duration(left)} left",
        $"The mock exam closes at {When(exam.EndsAt, group)}. Check your flagged questions on the review screen (`/exam resume`, then Review); "
        + "whatever you have answered at the close is submitted for you.");

    public static ChatMessage Cancelled(MockExam exam, StudyGroup group) => ChatMessage.Public(
        "Mock exam cancelled",
        $"The mock exam of {When(exam.StartsAt, group)} was cancelled by an admin. Nothing was scored.");

    public static ChatMessage GroupResult(MockExam exam, StudyGroup group, IReadOnlyList<ParticipantResult> results, IReadOnlyList<Question> questions, int topShown, int hardestShown)
    {
        var title = $"Mock exam results · {When(exam.StartsAt, group)}";
        if (results.Count == 0)
        {
            return ChatMessage.Public(title, "Nobody sat this exam. Practise any time with `/exam practice`.");
        }

        var passed = results.Count(r => r.Report.Passed);
        var average = results.Average(r => r.Report.Fraction);
        var body = $"{DailyMessages.Plural(results.Count, "member")} sat the exam · pass rate {Percent((double)passed / results.Count)} ({passed} of {results.Count}) · average {Percent(average)}.\n"
            + "Your private report with the rationales of the questions you missed: `/exam results`.";

        var top = new StringBuilder();
        var ranked = results.OrderByDescending(r => r.Report.Correct).ThenBy(r => r.DisplayName, StringComparer.Ordinal).ToList();
        var place = 0;
        foreach (var r in ranked.Where(r => r.Named).Take(topShown))
        {
            top.Append(CultureInfo.InvariantCulture, $"{++place}. {r.DisplayName} — {r.Report.Correct}/{r.Report.Total} ({Percent(r.Report.Fraction)})\n");
        }

        var unnamed = results.Count(r => !r.Named);
        if (unnamed > 0)
        {
            top.Append(CultureInfo.InvariantCulture, $"({DailyMessages.Plural(unnamed, "member")} chose not to be named.)");
        }

        var hardest = new StringBuilder();
        var rightCounts = Enumerable.Range(0, questions.Count)
            .Select(i => (Position: i, Right: results.Count(r => !r.Report.Missed.Contains(i))))
            .OrderBy(x => x.Right)
            .ThenBy(x => x.Position)
            .Take(hardestShown);
        foreach (var (position, right) in rightCounts)
        {
            var q = questions[position];
            hardest.Append(CultureInfo.InvariantCulture, $"Q{position + 1} ({q.Area.DisplayName()}): {right} of {results.Count} right — {Excerpt(q.Stem, 80)}\n");
        }

        var fields = new List<ChatField>();
        if (top.Length > 0)
        {
            fields.Add(new ChatField("Top scores", top.ToString().TrimEnd()));
        }

        if (hardest.Length > 0)
        {
            fields.Add(new ChatField("Hardest questions", hardest.ToString().TrimEnd()));
        }

        return new ChatMessage(title, body, fields, [], Ephemeral: false);
    }

    /// <summary>"2 h 05 min left", with a warning once the last stretch begins.</summary>
    public static string TimeLeft(TimeSpan left, TimeSpan warning) =>
        left <= TimeSpan.Zero ? "Time is up"
        : left <= warning ? $"{Duration(left)} left — nearly time: check your flagged questions"
        : $"{Duration(left)} left";

    /// <summary>"3 h 05 min", "12 min", "under a minute".</summary>
    public static string Duration(TimeSpan span)
    {
        var minutes = (int)Math.Ceiling(span.TotalMinutes - 1e-9);
        if (span < TimeSpan.FromMinutes(1))
        {
            return "under a minute";
        }

        return minutes >= 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00} min")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes} min");
    }

    /// <summary>"Sat 1 Jun 2030 09:00 (Europe/London)".</summary>
    public static string When(DateTimeOffset time, StudyGroup group) =>
        GroupCalendar.ToInstant(time).InZone(GroupCalendar.Zone(group.TimeZoneId)).LocalDateTime
            .ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + $" ({group.TimeZoneId})";

    public static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(100 * fraction, MidpointRounding.AwayFromZero):0}%");

    private static string Title(MockExam exam) => exam.Kind == ExamKind.Group ? "Mock exam" : "Practice exam";

    private static string Progress(int total, IReadOnlyList<ExamAnswer> answers) =>
        $"{answers.Count(a => a.Choice is not null)}/{total} answered · {answers.Count(a => a.Flagged)} flagged";

    /// <summary>"1-4, 7, 9-12" (1-based), cut short after a few hundred characters.</summary>
    private static string Ranges(List<int> positions)
    {
        var parts = new List<string>();
        for (var i = 0; i < positions.Count;)
        {
            var j = i;
            while (j + 1 < positions.Count && positions[j + 1] == positions[j] + 1)
            {
                j++;
            }

            parts.Add(i == j
                ? (positions[i] + 1).ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{positions[i] + 1}-{positions[j] + 1}"));
            i = j + 1;
        }

        var text = string.Join(", ", parts);
        return text.Length <= 600 ? text : text[..600] + " …";
    }

    private static string Excerpt(string text, int length) =>
        text.Length <= length ? text : text[..length].TrimEnd() + "…";
}
