using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Groups;
using StudyBot.Outbox;
using StudyBot.Practice;
using StudyBot.Questions;

namespace StudyBot.Exams;

/// <summary>
/// An exam's life cycle: scheduling (draw and snapshot the questions, register the timed stages), the
/// stages Quartz fires (announce, open, warn, close) and the close that submits and scores every attempt.
/// Stages only write state and outbox rows; the outbox dispatcher does the posting.
/// </summary>
public sealed partial class ExamService(
    IExamStore exams,
    IDailyStore rounds,
    IGroupStore groups,
    IQuestionSource questionSource,
    BlueprintSampler sampler,
    IExamSchedule schedule,
    IOutboxSignal outboxSignal,
    TimeProvider time,
    ExamBlueprint blueprint,
    IOptions<ExamOptions> options,
    IOptions<DailyOptions> dailyOptions,
    ILogger<ExamService> logger,
    IEnumerable<IReviewLog>? reviewLogs = null)
{
    private readonly ExamOptions options = options.Value;

    public ExamOptions Options => options;

    /// <summary>Schedules a group exam; a start of now opens it at once. Returns the admin's receipt.</summary>
    public async Task<ChatMessage> ScheduleAsync(
        StudyGroup group, ChatUser admin, DateTimeOffset start, int questions, TimeSpan duration, IReadOnlyCollection<ContentArea>? areas, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // "now" was read a moment ago by the command; a start within the last minute means now.
        if (start < now - TimeSpan.FromMinutes(1))
        {
            return ChatMessage.Private($"That start time ({ExamMessages.When(start, group)}) has already passed. Give a time in the future, or `now`.");
        }

        start = start < now ? now : start;
        var end = start + duration;
        var clash = (await exams.UpcomingAsync(group.Id, cancellationToken)).FirstOrDefault(e => e.StartsAt < end && start < e.EndsAt);
        if (clash is not null)
        {
            return ChatMessage.Private(
                $"Exam #{clash.Id} already runs from {ExamMessages.When(clash.StartsAt, group)} to {ExamMessages.When(clash.EndsAt, group)}. Pick a time that does not overlap, or `/exam cancel exam:{clash.Id}` first.");
        }

        var draw = await DrawAsync(group, questions, areas, $"{group.Id}/{start:O}", cancellationToken);
        if (draw.Problem is not null)
        {
            return ChatMessage.Private(draw.Problem);
        }

        var exam = await exams.CreateAsync(
            new NewExam(group.Id, ExamKind.Group, admin.Id, group.ChannelId, start, end, draw.Questions, ExamStatus.Scheduled), cancellationToken);
        await schedule.ScheduleAsync(exam, cancellationToken);
        LogScheduled(logger, exam.Id, group.Id, exam.StartsAt, exam.QuestionCount);
        if (start <= now)
        {
            await RunStageAsync(exam.Id, ExamStage.Open, cancellationToken);
        }

        return ExamMessages.Scheduled(exam, group, draw.MissingAreas);
    }

    /// <summary>Creates a member's solo practice exam, open from now. Null with a reason when it cannot be drawn.</summary>
    public async Task<(MockExam? Exam, string? Problem)> StartPracticeAsync(
        StudyGroup group, ChatUser member, int questions, TimeSpan duration, IReadOnlyCollection<ContentArea>? areas, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var draw = await DrawAsync(group, questions, areas, $"{group.Id}/{member.Id}/{now:O}", cancellationToken);
        if (draw.Problem is not null)
        {
            return (null, draw.Problem);
        }

        var exam = await exams.CreateAsync(
            new NewExam(group.Id, ExamKind.Practice, member.Id, group.ChannelId, now, now + duration, draw.Questions, ExamStatus.Open), cancellationToken);
        await schedule.ScheduleAsync(exam, cancellationToken);
        return (exam, null);
    }

    /// <summary>Cancels a scheduled or running group exam: nothing is scored and the channel is told.</summary>
    public async Task<bool> CancelAsync(StudyGroup group, MockExam exam, CancellationToken cancellationToken)
    {
        var cancelled = await exams.TransitionAsync(
            exam.Id, [ExamStatus.Scheduled, ExamStatus.Open], ExamStatus.Cancelled,
            OutboxEntry.Send(exam.ChannelId, ExamMessages.Cancelled(exam, group)), time.GetUtcNow(), cancellationToken);
        if (cancelled)
        {
            await schedule.UnscheduleAsync(exam.Id, cancellationToken);
            LogCancelled(logger, exam.Id, group.Id);
            outboxSignal.Notify();
        }

        return cancelled;
    }

    /// <summary>Runs a timed stage. Every stage checks the exam's state and the clock, so a late, early or
    /// repeated firing (after a restart, say) does the right thing or nothing.</summary>
    public async Task<bool> RunStageAsync(long examId, ExamStage stage, CancellationToken cancellationToken)
    {
        var exam = await exams.FindAsync(examId, cancellationToken);
        if (exam is null || await groups.FindAsync(exam.GroupId, cancellationToken) is not { } group)
        {
            LogStageSkipped(logger, examId, stage, "the exam or its group no longer exists");
            return false;
        }

        var now = time.GetUtcNow();

        // Read before the open commits; someone registering in between still gets in by Join or /exam resume,
        // only without the mention.
        IReadOnlyList<ChatUser> registered = stage == ExamStage.Open && exam.Kind == ExamKind.Group && exam.Status == ExamStatus.Scheduled
            ? await exams.RegisteredAsync(exam.Id, cancellationToken)
            : [];
        var done = stage switch
        {
            ExamStage.AnnounceDayBefore or ExamStage.AnnounceHourBefore when exam.Status == ExamStatus.Scheduled && now < exam.StartsAt =>
                await exams.PostIfAsync(exam.Id, ExamStatus.Scheduled, stage, OutboxEntry.Send(exam.ChannelId, ExamMessages.Announcement(
                    exam, group, stage == ExamStage.AnnounceDayBefore ? "starts in 24 hours" : "starts in 1 hour")), now, cancellationToken),
            ExamStage.Open when now < exam.EndsAt =>
                await exams.TransitionAsync(exam.Id, [ExamStatus.Scheduled], ExamStatus.Open, OutboxEntry.Send(exam.ChannelId, ExamMessages.Opened(exam, group, registered)), now, cancellationToken),
            ExamStage.Open or ExamStage.Close => await CloseAsync(exam, group, cancellationToken),
            ExamStage.Warning when exam.Kind == ExamKind.Group && exam.Status == ExamStatus.Open && now < exam.EndsAt =>
                await exams.PostIfAsync(exam.Id, ExamStatus.Open, stage, OutboxEntry.Send(exam.ChannelId, ExamMessages.Warning(exam, group, exam.EndsAt - now)), now, cancellationToken),
            _ => false,
        };
        if (done)
        {
            LogStage(logger, examId, stage);
            outboxSignal.Notify();
        }

        return done;
    }

    /// <summary>Brings an exam up to date with the clock when a stage has not fired yet (the scheduler is late,
    /// or the bot was down): opens it once its start has come, closes it once its end has. Returns it as it is now.</summary>
    public async Task<MockExam> CatchUpAsync(MockExam exam, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stage = exam.Status switch
        {
            ExamStatus.Scheduled or ExamStatus.Open when now >= exam.EndsAt => ExamStage.Close,
            ExamStatus.Scheduled when now >= exam.StartsAt => ExamStage.Open,
            _ => (ExamStage?)null,
        };
        if (stage is { } due)
        {
            await RunStageAsync(exam.Id, due, cancellationToken);
            return await exams.FindAsync(exam.Id, cancellationToken) ?? exam;
        }

        return exam;
    }

    /// <summary>Closes an exam: submits every open attempt, scores all of them, credits the board and the area
    /// statistics and (for group exams) posts the group result. False when it was already closed.</summary>
    public async Task<bool> CloseAsync(MockExam exam, StudyGroup group, CancellationToken cancellationToken)
    {
        var questions = await exams.QuestionsAsync(exam.Id, cancellationToken);
        var unnamed = await exams.UnnamedMembersAsync(group.Id, cancellationToken);
        IReadOnlyList<SubmittedAttempt> scored = [];
        var closed = await exams.CloseAsync(
            exam.Id,
            time.GetUtcNow(),
            attempts =>
            {
                scored = attempts;
                var results = attempts
                    .Select(a => new ParticipantResult(
                        a.Attempt.UserId, a.Attempt.DisplayName, !unnamed.Contains(a.Attempt.UserId), ScoreReport.Score(questions, a.Answers, blueprint.PassMark)))
                    .ToList();
                var credits = attempts.Zip(results, (a, r) => new ExamCredit(
                    a.Attempt.Id, a.Attempt.UserId, a.Attempt.DisplayName, r.Report.Correct, r.Report.Total, r.Report.Passed, r.Report.Areas)).ToList();
                var announcement = exam.Kind == ExamKind.Group
                    ? OutboxEntry.Send(exam.ChannelId, ExamMessages.GroupResult(exam with { Status = ExamStatus.Closed }, group, results, questions, options.TopScoresShown, options.HardestQuestionsShown))
                    : null;
                return new ClosePlan(credits, CountOnBoard: exam.Kind == ExamKind.Group, announcement);
            },
            cancellationToken);
        if (closed)
        {
            await schedule.UnscheduleAsync(exam.Id, cancellationToken);
            LogClosed(logger, exam.Id, group.Id);
            outboxSignal.Notify();
            await FeedReviewLogsAsync(exam, group, questions, scored, cancellationToken);
        }

        return closed;
    }

    /// <summary>After the close has committed, every answered question is public to its member (the report shows
    /// the key), so spaced repetition may learn from it. Unanswered questions teach FSRS nothing about recall and
    /// are left out. The close stands whatever happens here: a failure is logged, never thrown at the caller.</summary>
    private async Task FeedReviewLogsAsync(
        MockExam exam, StudyGroup group, IReadOnlyList<Question> questions, IReadOnlyList<SubmittedAttempt> attempts, CancellationToken cancellationToken)
    {
        var closedAt = time.GetUtcNow();
        var reviews = attempts
            .SelectMany(a => a.Answers
                .Where(answer => answer.Choice is not null && answer.Position >= 0 && answer.Position < questions.Count)
                .Select(answer => (a.Attempt, answer.Choice, Question: questions[answer.Position])))
            .Select(x => new ReviewAnswer(
                x.Attempt.UserId, group.Id, x.Question.Id, x.Question.Area, x.Choice == x.Question.Answer, x.Attempt.SubmittedAt ?? closedAt, null, ReviewSource.Exam))
            .ToList();
        if (reviews.Count == 0)
        {
            return;
        }

        foreach (var log in reviewLogs ?? [])
        {
            try
            {
                await log.RecordAsync(reviews, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReviewLogFailed(logger, ex, exam.Id, group.Id);
            }
        }
    }

    private async Task<ExamDraw> DrawAsync(StudyGroup group, int questions, IReadOnlyCollection<ContentArea>? areas, string seed, CancellationToken cancellationToken)
    {
        var recent = new HashSet<string>(await rounds.RecentQuestionIdsAsync(group.Id, dailyOptions.Value.RecentRoundsExcluded, cancellationToken), StringComparer.Ordinal);
        recent.UnionWith(await exams.RecentQuestionIdsAsync(group.Id, options.RecentExamsExcluded, cancellationToken));
        return sampler.Draw(await questionSource.QuestionsForAsync(group, cancellationToken), questions, areas, recent, seed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled exam {ExamId} for group {GroupId} at {StartsAt} with {Questions} questions")]
    private static partial void LogScheduled(ILogger logger, long examId, string groupId, DateTimeOffset startsAt, int questions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled exam {ExamId} of group {GroupId}")]
    private static partial void LogCancelled(ILogger logger, long examId, string groupId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Exam {ExamId}: stage {Stage} done")]
    private static partial void LogStage(ILogger logger, long examId, ExamStage stage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Exam {ExamId}: stage {Stage} skipped: {Reason}")]
    private static partial void LogStageSkipped(ILogger logger, long examId, ExamStage stage, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Closed exam {ExamId} of group {GroupId}, but its answers could not be added to the review log")]
    private static partial void LogReviewLogFailed(ILogger logger, Exception exception, long examId, string groupId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed exam {ExamId} of group {GroupId}: every attempt submitted and scored")]
    private static partial void LogClosed(ILogger logger, long examId, string groupId);
}
