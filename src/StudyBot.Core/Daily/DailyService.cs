using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using StudyBot.Chat;
using StudyBot.Groups;
using StudyBot.Leaderboards;
using StudyBot.Outbox;
using StudyBot.Questions;
using StudyBot.Reports;

namespace StudyBot.Daily;

/// <summary>The daily question loop: open a round, take answers, reveal and credit points.</summary>
public sealed partial class DailyService(
    IDailyStore rounds,
    IQuestionReportStore reports,
    IQuestionSource questions,
    QuestionPicker picker,
    IOutboxSignal outboxSignal,
    TimeProvider time,
    IOptions<DailyOptions> options,
    IOptions<ReportOptions> reportOptions,
    ILogger<DailyService> logger,
    IEnumerable<Practice.IReviewLog>? reviewLogs = null) : IGroupChannelListener
{
    private readonly DailyOptions options = options.Value;

    /// <summary>Opens the group's round for a local date. Opening the same date twice returns the first round.</summary>
    public async Task<(DailyRound Round, bool Created)> OpenRoundAsync(StudyGroup group, LocalDate date, CancellationToken cancellationToken)
    {
        if (await rounds.FindByDateAsync(group.Id, date, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        var recent = await rounds.RecentQuestionIdsAsync(group.Id, options.RecentRoundsExcluded, cancellationToken);
        var withheld = await reports.WithheldAsync(group.Id, reportOptions.Value.WithholdAfterReporters, cancellationToken);
        var all = await questions.QuestionsForAsync(group, cancellationToken);
        var usable = all.Where(q => !withheld.Contains(q.Id)).ToList();
        var inAreas = usable.Where(q => group.Includes(q.Area)).ToList();
        if (inAreas.Count == 0)
        {
            // The chosen areas have no usable questions: asking something beats posting nothing.
            LogNoQuestionsInAreas(logger, group.Id);
            inAreas = usable.Count > 0 ? usable : [.. all];
        }

        var question = picker.Pick(inAreas, recent, $"{group.Id}/{date:yyyy-MM-dd}");
        var now = time.GetUtcNow();
        var revealAt = group.RevealTime(date);
        var draft = new NewRound(group.Id, date, question, group.ChannelId, now, revealAt < now ? now : revealAt);
        var result = await rounds.OpenAsync(
            draft,
            roundId => OutboxEntry.Send(group.ChannelId, DailyMessages.Question(WithId(draft, roundId), group)),
            cancellationToken);
        if (result.Created)
        {
            LogOpened(logger, group.Id, date, question.Id);
            outboxSignal.Notify();
        }

        return result;
    }

    /// <summary>After an admin moved the group to another channel: an open round whose question never reached the
    /// old channel (the platform refused the post for good) is posted in the new one, and its reveal will edit that post.</summary>
    public async Task<bool> RepostUndeliveredAsync(StudyGroup group, CancellationToken cancellationToken)
    {
        if (group.Paused || await rounds.OpenUndeliveredAsync(group.Id, cancellationToken) is not { } round)
        {
            return false;
        }

        var moved = round with { ChannelId = group.ChannelId };
        if (!await rounds.RepostAsync(round.Id, group.ChannelId, _ => OutboxEntry.Send(group.ChannelId, DailyMessages.Question(moved, group)), cancellationToken))
        {
            return false;
        }

        LogReposted(logger, group.Id, round.LocalDate, group.ChannelId);
        outboxSignal.Notify();
        return true;
    }

    async Task<string?> IGroupChannelListener.ChannelChangedAsync(StudyGroup group, CancellationToken cancellationToken) =>
        await RepostUndeliveredAsync(group, cancellationToken)
            ? "Today's question never reached the old channel, so it is posted here now."
            : null;

    /// <summary>Records a member's answer to the group's open round (or to a specific round, from a button).</summary>
    public async Task<ChatMessage> AnswerAsync(ChatContext context, StudyGroup group, long? roundId, string answer, CancellationToken cancellationToken)
    {
        var round = roundId is { } id
            ? await rounds.FindAsync(id, cancellationToken)
            : await rounds.LatestOpenAsync(group.Id, cancellationToken);

        // A custom id is user-controlled text: a round of another group is treated as if it did not exist.
        if (round is null || round.GroupId != group.Id)
        {
            return roundId is null
                ? ChatMessage.Private($"There is no open question right now. The next one is posted at {group.Describe(group.DailyAt)}.")
                : ChatMessage.Private("That question is not one of this group's rounds. Use the buttons on the latest question of the day.");
        }

        var question = round.Question;
        string normalized;
        if (question.IsTyped)
        {
            normalized = answer.Trim();
            if (TypedAnswer.Normalize(normalized).Length == 0)
            {
                return ChatMessage.Private("Type your answer as text, for example `/answer text:E11.9`.");
            }

            if (normalized.Length > 200)
            {
                return ChatMessage.Private("That answer is longer than 200 characters. Type just the code or term.");
            }
        }
        else if (ChoiceLetter.TryParse(answer, out var letter))
        {
            normalized = letter.ToString();
        }
        else
        {
            return ChatMessage.Private("Answer with one letter: A, B, C or D (for example `/answer choice:B`).");
        }

        if (round.Status == RoundStatus.Revealed)
        {
            return Late(group);
        }

        var outcome = await rounds.RecordAnswerAsync(
            new DailyAnswer(round.Id, context.User.Id, context.User.DisplayName, normalized, time.GetUtcNow()), cancellationToken);
        return outcome switch
        {
            AnswerOutcome.Recorded => ChatMessage.Private(
                $"Your answer {Quote(question, normalized)} is recorded. The answer is revealed at {group.Describe(group.RevealAt)}."),
            AnswerOutcome.AlreadyAnswered already => ChatMessage.Private(
                $"You already answered {Quote(question, already.First.Answer)}; your first answer counts. The answer is revealed at {group.Describe(group.RevealAt)}."),
            _ => Late(group),
        };
    }

    /// <summary>Reveals every open round of the group whose reveal time has come by <paramref name="asOf"/>.</summary>
    public async Task<int> RevealDueAsync(StudyGroup group, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var due = await rounds.OpenDueForRevealAsync(group.Id, asOf, cancellationToken);
        var revealed = 0;
        foreach (var round in due)
        {
            if (await RevealAsync(group, round, cancellationToken))
            {
                revealed++;
            }
        }

        return revealed;
    }

    /// <summary>Closes a round: edits its post to show the answer and credits points. False if already revealed.</summary>
    public async Task<bool> RevealAsync(StudyGroup group, DailyRound round, CancellationToken cancellationToken)
    {
        var week = group.WeekKey(round.LocalDate);
        IReadOnlyList<DailyAnswer> revealedAnswers = [];
        var revealed = await rounds.RevealAsync(
            round.Id,
            time.GetUtcNow(),
            context =>
            {
                var answers = context.Answers;
                revealedAnswers = answers;
                var credits = answers
                    .Select(a => new ScoreCredit(
                        a.UserId, a.DisplayName, round.Question.Area, round.Question.Accepts(a.Answer),
                        round.Question.Accepts(a.Answer) ? options.PointsPerCorrectAnswer : 0))
                    .ToList();
                var message = DailyMessages.Reveal(
                    round with { Status = RoundStatus.Revealed }, answers, options.MaxNamesInReveal, StreakSuffix(context.Streaks));
                var announcement = round.PostOutboxId is { } post
                    ? OutboxEntry.Edit(round.ChannelId, post, message)
                    : OutboxEntry.Send(round.ChannelId, message);
                return new RevealPlan(credits, [Boards.AllTime, week, Boards.AreaPeriod(round.Question.Area)], announcement);
            },
            cancellationToken);
        if (revealed)
        {
            LogRevealed(logger, group.Id, round.LocalDate, round.Question.Id);
            outboxSignal.Notify();
            await FeedReviewLogsAsync(group, round, revealedAnswers, cancellationToken);
        }

        return revealed;
    }

    private static Func<string, string> StreakSuffix(IReadOnlyDictionary<string, int> streaks) =>
        userId => streaks.TryGetValue(userId, out var days) && days >= 2 ? $" ({days}-day streak)" : string.Empty;

    /// <summary>After the reveal has committed, answers are public: spaced repetition may learn from them. The reveal
    /// stands whatever happens here, so a failure is logged rather than thrown at the scheduler.</summary>
    private async Task FeedReviewLogsAsync(StudyGroup group, DailyRound round, IReadOnlyList<DailyAnswer> answers, CancellationToken cancellationToken)
    {
        var reviews = answers
            .Select(a => new Practice.ReviewAnswer(a.UserId, group.Id, round.Question.Id, round.Question.Area, round.Question.Accepts(a.Answer), a.AnsweredAt, null, Practice.ReviewSource.Daily))
            .ToList();
        foreach (var log in reviewLogs ?? [])
        {
            try
            {
                await log.RecordAsync(reviews, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReviewLogFailed(logger, ex, group.Id, round.LocalDate);
            }
        }
    }

    private static ChatMessage Late(StudyGroup group) => ChatMessage.Private(
        $"This question's answer has already been revealed, so your answer was not recorded. The next question is posted at {group.Describe(group.DailyAt)}.");

    private static string Quote(Question question, string answer) => question.IsTyped ? $"\"{answer}\"" : answer;

    private static DailyRound WithId(NewRound draft, long id) =>
        new(id, draft.GroupId, draft.LocalDate, draft.Question, draft.ChannelId, draft.OpenedAt, draft.RevealAt, RoundStatus.Open, null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {GroupId}: no usable question in its chosen areas; picking from the whole bank")]
    private static partial void LogNoQuestionsInAreas(ILogger logger, string groupId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened the daily round of group {GroupId} for {Date} with question {QuestionId}")]
    private static partial void LogOpened(ILogger logger, string groupId, LocalDate date, string questionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {GroupId}: the undelivered question of {Date} is posted again in channel {ChannelId}")]
    private static partial void LogReposted(ILogger logger, string groupId, LocalDate date, string channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revealed the daily round of group {GroupId} for {Date} (question {QuestionId})")]
    private static partial void LogRevealed(ILogger logger, string groupId, LocalDate date, string questionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Revealed the daily round of group {GroupId} for {Date}, but its answers could not be added to the review log")]
    private static partial void LogReviewLogFailed(ILogger logger, Exception exception, string groupId, LocalDate date);
}
