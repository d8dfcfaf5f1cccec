using System.Collections.Concurrent;
using StudyBot.Chat;
using StudyBot.Groups;
using StudyBot.Questions;

namespace StudyBot.Exams;

/// <summary>
/// A member sitting an exam: joining, the question and review screens, answers stored on every click,
/// submitting, resuming and the private score report. Every click is checked against the store: the
/// clicker must own the attempt, the exam must still be running, the attempt not yet submitted, and the
/// screen the current one; otherwise the member is told why and nothing changes.
/// </summary>
public sealed class ExamSitting(IExamStore exams, ExamService service, IGroupStore groups, TimeProvider time, ExamBlueprint blueprint)
{
    private const int CachedExams = 64;

    // Question snapshots never change once an exam is created, so they can be kept between clicks.
    private readonly ConcurrentDictionary<long, IReadOnlyList<Question>> questionCache = new();

    /// <summary>Joins the group's open exam (or the one named) and shows the member where they are in it.</summary>
    public async Task<InteractionResponse> JoinAsync(ChatContext context, StudyGroup group, long? examId, CancellationToken cancellationToken)
    {
        MockExam? exam;
        if (examId is { } id)
        {
            exam = await exams.FindAsync(id, cancellationToken);
            if (exam is null || exam.GroupId != group.Id || exam.Kind != ExamKind.Group)
            {
                return Reply($"There is no exam #{id} in this group. `/exam list` shows the exams coming up.");
            }
        }
        else
        {
            var upcoming = await exams.UpcomingAsync(group.Id, cancellationToken);
            exam = upcoming.FirstOrDefault(e => e.Status == ExamStatus.Open) ?? (upcoming.Count > 0 ? upcoming[0] : null);
            if (exam is null)
            {
                return Reply("No mock exam is running or scheduled. Admins schedule one with `/exam schedule`; practise on your own any time with `/exam practice`.");
            }
        }

        exam = await service.CatchUpAsync(exam, cancellationToken);
        var existing = await exams.FindAttemptAsync(exam.Id, context.User.Id, cancellationToken);
        if (existing?.Status == AttemptStatus.Submitted)
        {
            return Reply(exam.Status == ExamStatus.Closed
                ? "This exam has closed and your answers were scored. See your report with `/exam results`."
                : $"You have already submitted this exam. Your score report is ready at the close ({ExamMessages.When(exam.EndsAt, group)}) with `/exam results`.");
        }

        switch (exam.Status)
        {
            case ExamStatus.Scheduled:
                return Reply(await exams.RegisterAsync(exam.Id, context.User.Id, context.User.DisplayName, time.GetUtcNow(), cancellationToken)
                    ? $"You are registered for exam #{exam.Id}. It opens at {ExamMessages.When(exam.StartsAt, group)}: you will be mentioned in the channel then, and `/exam resume` (or Join) starts it."
                    : $"Exam #{exam.Id} opens at {ExamMessages.When(exam.StartsAt, group)}. Come back then and click Join (or use `/exam join`).");
            case ExamStatus.Closed:
                return Reply("That exam has closed, so it can no longer be joined. Practise on your own any time with `/exam practice`.");
            case ExamStatus.Cancelled:
                return Reply("That exam was cancelled. `/exam list` shows the exams coming up.");
        }

        var (attempt, _) = await exams.StartAttemptAsync(exam.Id, context.User.Id, context.User.DisplayName, time.GetUtcNow(), cancellationToken);
        if (attempt is null)
        {
            return Reply("That exam has closed, so it can no longer be joined.");
        }

        return await FreshScreenAsync(attempt, exam, cancellationToken);
    }

    /// <summary>Shows the member's exam in progress exactly where they left it, on a new screen (older screens go stale).</summary>
    public async Task<InteractionResponse> ResumeAsync(ChatContext context, StudyGroup group, CancellationToken cancellationToken)
    {
        foreach (var attempt in await exams.InProgressAsync(group.Id, context.User.Id, cancellationToken))
        {
            var exam = await exams.FindAsync(attempt.ExamId, cancellationToken);
            if (exam is not null && (await service.CatchUpAsync(exam, cancellationToken)).IsRunning(time.GetUtcNow()))
            {
                return await FreshScreenAsync(attempt, exam, cancellationToken);
            }
        }

        // Registered before the open: the first /exam resume once it runs starts the attempt from question 1.
        MockExam? waiting = null;
        foreach (var examId in await exams.RegisteredExamsAsync(group.Id, context.User.Id, cancellationToken))
        {
            if (await exams.FindAsync(examId, cancellationToken) is not { } registered)
            {
                continue;
            }

            registered = await service.CatchUpAsync(registered, cancellationToken);
            if (registered.IsRunning(time.GetUtcNow()))
            {
                var (attempt, _) = await exams.StartAttemptAsync(registered.Id, context.User.Id, context.User.DisplayName, time.GetUtcNow(), cancellationToken);
                if (attempt is { Status: AttemptStatus.InProgress })
                {
                    return await FreshScreenAsync(attempt, registered, cancellationToken);
                }
            }
            else if (registered.Status == ExamStatus.Scheduled)
            {
                waiting ??= registered;
            }
        }

        if (waiting is not null)
        {
            return Reply($"You are registered for exam #{waiting.Id}, which opens at {ExamMessages.When(waiting.StartsAt, group)}. `/exam resume` starts it then.");
        }

        var hint = await exams.HasUnseenReportAsync(group.Id, context.User.Id, cancellationToken)
            ? " Your latest exam has been scored: see your report with `/exam results`."
            : string.Empty;
        return Reply("You have no exam in progress. Join the group's exam with `/exam join` or practise with `/exam practice`." + hint);
    }

    /// <summary>Starts a solo practice exam, unless the member is already sitting one.</summary>
    public async Task<InteractionResponse> PracticeAsync(
        ChatContext context, StudyGroup group, int questions, TimeSpan duration, IReadOnlyCollection<ContentArea>? areas, CancellationToken cancellationToken)
    {
        foreach (var running in await exams.InProgressAsync(group.Id, context.User.Id, cancellationToken))
        {
            var exam = await exams.FindAsync(running.ExamId, cancellationToken);
            if (exam is not null && (await service.CatchUpAsync(exam, cancellationToken)).IsRunning(time.GetUtcNow()))
            {
                return Reply("You are already sitting an exam. Finish it first: `/exam resume` takes you back to it.");
            }
        }

        var (practice, problem) = await service.StartPracticeAsync(group, context.User, questions, duration, areas, cancellationToken);
        if (practice is null)
        {
            return Reply(problem!);
        }

        var (attempt, _) = await exams.StartAttemptAsync(practice.Id, context.User.Id, context.User.DisplayName, time.GetUtcNow(), cancellationToken);
        return await FreshScreenAsync(attempt!, practice, cancellationToken);
    }

    /// <summary>A click on an exam screen. Success replaces the screen; a refusal is a private reply and changes nothing.</summary>
    public async Task<InteractionResponse> ClickAsync(ChatContext context, ExamButton button, CancellationToken cancellationToken)
    {
        var attempt = await exams.FindAttemptAsync(button.AttemptId, cancellationToken);
        var exam = attempt is null ? null : await exams.FindAsync(attempt.ExamId, cancellationToken);
        if (attempt is null || exam is null || exam.GroupId != context.GroupId)
        {
            return Reply("That exam screen is not one I know. Use `/exam resume` to get your current screen.");
        }

        if (attempt.UserId != context.User.Id)
        {
            return Reply("This exam screen belongs to another member, so nothing was changed. Use `/exam join` to sit the exam yourself.");
        }

        exam = await service.CatchUpAsync(exam, cancellationToken);
        var questions = await QuestionsAsync(exam.Id, cancellationToken);
        if (button.Position < 0 || button.Position >= questions.Count)
        {
            return Reply("That button points at a question this exam does not have. Use `/exam resume` to get your current screen.");
        }

        var now = time.GetUtcNow();
        var change = button.Action switch
        {
            ExamAction.Answer => await exams.StepAsync(attempt.Id, button.Screen, button.Position, new AnswerChange.Choose(button.Position, button.Choice!.Value), now, cancellationToken),
            ExamAction.Flag => await exams.StepAsync(attempt.Id, button.Screen, button.Position, new AnswerChange.ToggleFlag(button.Position), now, cancellationToken),
            ExamAction.GoTo or ExamAction.Review => await exams.StepAsync(attempt.Id, button.Screen, button.Position, null, now, cancellationToken),
            _ => await exams.SubmitAsync(attempt.Id, button.Screen, now, cancellationToken),
        };
        if (change.Attempt is not { } updated)
        {
            return await RefusalAsync(change.Refusal, exam, cancellationToken);
        }

        if (button.Action == ExamAction.Submit)
        {
            return await SubmittedAsync(updated, exam, cancellationToken);
        }

        var answers = await exams.AnswersAsync(updated.Id, cancellationToken);
        var warning = service.Options.WarningFor(exam);
        return new UpdateResponse(button.Action == ExamAction.Review
            ? ExamMessages.Review(updated, exam, questions.Count, answers, now, warning)
            : ExamMessages.Question(updated, exam, questions, answers, now, warning));
    }

    /// <summary>/exam results: the member's latest scored exam.</summary>
    public async Task<InteractionResponse> ResultsAsync(ChatContext context, StudyGroup group, CancellationToken cancellationToken)
    {
        var attempt = await exams.LatestScoredAsync(group.Id, context.User.Id, cancellationToken);
        if (attempt is null)
        {
            return Reply("You have no scored exam yet. Group exams are scored at their close; a practice exam when you submit it (`/exam practice`).");
        }

        return new ReplyResponse(await ReportAsync(attempt, group, 0, cancellationToken));
    }

    /// <summary>A page of a score report, from its paging buttons.</summary>
    public async Task<InteractionResponse> ReportPageAsync(ChatContext context, long attemptId, int page, CancellationToken cancellationToken)
    {
        var attempt = await exams.FindAttemptAsync(attemptId, cancellationToken);
        var exam = attempt is null ? null : await exams.FindAsync(attempt.ExamId, cancellationToken);
        if (attempt is null || exam is null || exam.GroupId != context.GroupId || attempt.Correct is null)
        {
            return Reply("That report is not one I know. `/exam results` shows your latest one.");
        }

        if (attempt.UserId != context.User.Id)
        {
            return Reply("That report belongs to another member. `/exam results` shows your own.");
        }

        var group = await groups.FindAsync(exam.GroupId, cancellationToken);
        return group is null ? Reply(GroupLookup.NotSetUp) : new UpdateResponse(await ReportAsync(attempt, group, page, cancellationToken));
    }

    private async Task<ChatMessage> ReportAsync(ExamAttempt attempt, StudyGroup group, int page, CancellationToken cancellationToken)
    {
        var exam = (await exams.FindAsync(attempt.ExamId, cancellationToken))!;
        var questions = await QuestionsAsync(exam.Id, cancellationToken);
        var answers = await exams.AnswersAsync(attempt.Id, cancellationToken);
        await exams.MarkReportSeenAsync(attempt.Id, cancellationToken);
        return ExamMessages.Report(attempt, exam, group, ScoreReport.Score(questions, answers, blueprint.PassMark), questions, answers, page);
    }

    private async Task<InteractionResponse> SubmittedAsync(ExamAttempt attempt, MockExam exam, CancellationToken cancellationToken)
    {
        var group = await groups.FindAsync(exam.GroupId, cancellationToken);
        if (group is null)
        {
            return Reply(GroupLookup.NotSetUp);
        }

        if (exam.Kind == ExamKind.Group)
        {
            // Nobody sees a key while others are still sitting: the report comes at the close.
            return new UpdateResponse(ChatMessage.Private(
                "Exam submitted",
                $"Your answers are in. Everyone's exam is scored at the close ({ExamMessages.When(exam.EndsAt, group)}); then `/exam results` shows your report."));
        }

        await service.CloseAsync(exam, group, cancellationToken);
        var scored = await exams.FindAttemptAsync(attempt.Id, cancellationToken) ?? attempt;
        return new UpdateResponse(await ReportAsync(scored, group, 0, cancellationToken));
    }

    private async Task<InteractionResponse> RefusalAsync(AttemptRefusal refusal, MockExam exam, CancellationToken cancellationToken)
    {
        var current = await exams.FindAsync(exam.Id, cancellationToken) ?? exam;
        var group = await groups.FindAsync(exam.GroupId, cancellationToken);
        var end = group is null ? string.Empty : $" at {ExamMessages.When(current.EndsAt, group)}";
        return Reply(refusal switch
        {
            AttemptRefusal.AlreadySubmitted => current.Status == ExamStatus.Closed
                ? "This exam is already submitted and scored, so nothing was changed. See your report with `/exam results`."
                : "You have already submitted this exam, so nothing was changed. Your report is ready at the close with `/exam results`.",
            AttemptRefusal.ExamClosed when current.Status == ExamStatus.Cancelled => "This exam was cancelled, so nothing was changed.",
            AttemptRefusal.ExamClosed => $"Time is up: this exam closed{end}, so nothing was changed. The answers you had saved were submitted for you; see `/exam results`.",
            AttemptRefusal.StaleScreen => "That screen is out of date (you have moved on since), so nothing was changed. Use your latest exam screen, or `/exam resume` for a fresh one.",
            _ => "That exam screen is not one I know. Use `/exam resume` to get your current screen.",
        });
    }

    private async Task<InteractionResponse> FreshScreenAsync(ExamAttempt attempt, MockExam exam, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var change = await exams.StepAsync(attempt.Id, null, attempt.Position, null, now, cancellationToken);
        if (change.Attempt is not { } fresh)
        {
            return await RefusalAsync(change.Refusal, exam, cancellationToken);
        }

        var questions = await QuestionsAsync(exam.Id, cancellationToken);
        var answers = await exams.AnswersAsync(fresh.Id, cancellationToken);
        return new ReplyResponse(ExamMessages.Question(fresh, exam, questions, answers, now, service.Options.WarningFor(exam)));
    }

    private async Task<IReadOnlyList<Question>> QuestionsAsync(long examId, CancellationToken cancellationToken)
    {
        if (questionCache.TryGetValue(examId, out var cached))
        {
            return cached;
        }

        var questions = await exams.QuestionsAsync(examId, cancellationToken);
        if (questionCache.Count >= CachedExams)
        {
            questionCache.Clear();
        }

        questionCache[examId] = questions;
        return questions;
    }

    private static ReplyResponse Reply(string text) => new(ChatMessage.Private(text));
}
