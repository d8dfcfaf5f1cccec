using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Chat;
using StudyBot.CodeSets;
using StudyBot.Daily;
using StudyBot.Groups;
using StudyBot.Questions;

namespace StudyBot.Practice;

/// <summary>
/// Private practice with spaced repetition: starts and resumes sessions, checks answers, schedules each
/// question with FSRS, and learns from daily-round answers after their reveal (<see cref="IReviewLog"/>).
/// </summary>
public sealed partial class PracticeService(
    IPracticeStore store,
    IDailyStore rounds,
    IGroupStore groups,
    IQuestionSource questions,
    PracticeSelector selector,
    FsrsScheduler fsrs,
    TimeProvider time,
    IOptions<PracticeOptions> options,
    ILogger<PracticeService> logger) : IReviewLog
{
    private readonly PracticeOptions options = options.Value;

    /// <summary>/practice: resumes the open session when no area or count is given, else starts a new one.</summary>
    public async Task<ChatMessage> StartAsync(ChatContext context, ContentArea? area, int? count, CancellationToken cancellationToken)
    {
        var user = context.User.Id;
        var group = await GroupAsync(context, cancellationToken);
        var open = await store.OpenSessionAsync(user, context.GroupId, cancellationToken);
        if (open is not null && area is null && count is null)
        {
            return await ShowCurrentOrNextAsync(group, open, $"Welcome back: resuming your practice ({open.Answered} of {open.Target} answered).", cancellationToken);
        }

        if (area is { } wanted && !(await questions.QuestionsForAsync(group, cancellationToken)).Any(q => q.Area == wanted))
        {
            return ChatMessage.Private($"The question bank has no {wanted.DisplayName()} questions yet. Try another area, or /practice with no area for a mix.");
        }

        var session = await store.StartSessionAsync(user, context.GroupId, area, count ?? options.DefaultQuestions, time.GetUtcNow(), cancellationToken);
        LogStarted(logger, context.GroupId, user, session.Id);
        return await ShowNextAsync(group, session, null, cancellationToken);
    }

    /// <summary>Answers the current question of a session: from a button (<paramref name="sessionId"/> and
    /// <paramref name="questionId"/> given) or typed (the member's open session's current question).</summary>
    public async Task<ChatMessage> AnswerAsync(ChatContext context, long? sessionId, string? questionId, string answer, CancellationToken cancellationToken)
    {
        var session = sessionId is { } id
            ? await store.FindSessionAsync(id, cancellationToken)
            : await store.OpenSessionAsync(context.User.Id, context.GroupId, cancellationToken);

        // A custom id is user-controlled text: another member's session is treated as if it did not exist.
        if (session is null || session.UserId != context.User.Id || session.GroupId != context.GroupId)
        {
            return ChatMessage.Private(sessionId is null
                ? "You have no practice session open. Start one with /practice."
                : "That practice question is not yours. Start your own session with /practice.");
        }

        if (session.Finished)
        {
            return ChatMessage.Private("That practice session is finished. Start another with /practice.");
        }

        var group = await GroupAsync(context, cancellationToken);
        questionId ??= session.CurrentQuestionId;
        if (questionId is null || questionId != session.CurrentQuestionId)
        {
            return await ShowCurrentOrNextAsync(group, session, "You already answered that one; here is where you are.", cancellationToken);
        }

        if (await questions.FindAsync(group, questionId, cancellationToken) is not { } question)
        {
            return await ShowNextAsync(group, session, "That question was removed from the bank, so here is another.", cancellationToken);
        }

        if (await OpenDailyQuestionAsync(context.GroupId, cancellationToken) == question.Id)
        {
            return await ShowNextAsync(group, session, "That question has just been posted as the question of the day, so it is skipped here: answer it in the channel.", cancellationToken);
        }

        string normalized;
        if (ChoiceLetter.TryParse(answer, out var letter) && !question.IsTyped)
        {
            normalized = letter.ToString();
        }
        else if (question.IsTyped && TypedAnswer.Normalize(answer).Length > 0 && answer.Trim().Length <= 200)
        {
            normalized = answer.Trim();
        }
        else
        {
            return ChatMessage.Private(question.IsTyped
                ? "Type your answer as text (up to 200 characters), for example `/practice answer:E11.9`."
                : "Answer with one letter: A, B, C or D (click a button, or `/practice answer:B`).");
        }

        var now = time.GetUtcNow();
        var correct = question.Accepts(normalized);
        var review = new ReviewAnswer(context.User.Id, context.GroupId, question.Id, question.Area, correct, now, now - (session.CurrentServedAt ?? now), ReviewSource.Practice);
        ReviewCard? scheduled = null;
        var recorded = await store.RecordPracticeAnswerAsync(
            session.Id,
            normalized,
            review,
            (card, a) => scheduled = Schedule(card, a),
            cancellationToken);
        if (!recorded)
        {
            var current = await store.FindSessionAsync(session.Id, cancellationToken) ?? session;
            return await ShowCurrentOrNextAsync(group, current, "You already answered that one; here is where you are.", cancellationToken);
        }

        var feedback = PracticeMessages.Feedback(question, normalized, correct, scheduled!, now);
        var next = session with { Answered = session.Answered + 1, Correct = session.Correct + (correct ? 1 : 0), CurrentQuestionId = null };
        return await ShowNextAsync(group, next, feedback, cancellationToken);
    }

    /// <summary>Learns from answers given elsewhere (daily reveals, exams). Never rated Easy: only practice times answers.</summary>
    public async Task RecordAsync(IReadOnlyList<ReviewAnswer> answers, CancellationToken cancellationToken)
    {
        if (answers.Count > 0)
        {
            await store.RecordReviewsAsync([.. answers.Select(a => a with { TimeTaken = null })], Schedule, cancellationToken);
        }
    }

    /// <summary>FSRS's view of one answer: wrong is Again, right is Good, right within the quick-answer time is Easy.</summary>
    public FsrsRating Rate(ReviewAnswer answer) =>
        !answer.Correct ? FsrsRating.Again
        : answer.TimeTaken is { } taken && taken <= options.QuickAnswer ? FsrsRating.Easy
        : FsrsRating.Good;

    private ReviewCard Schedule(ReviewCard? card, ReviewAnswer answer)
    {
        var rating = Rate(answer);

        // FSRS is fitted on whole days since the last review.
        var elapsed = card is null ? 0 : Math.Max(0, Math.Floor((answer.AnsweredAt - card.LastReview).TotalDays));
        var (memory, days) = fsrs.Review(card?.Memory, elapsed, rating);
        return new ReviewCard(
            answer.UserId,
            answer.QuestionId,
            answer.Area,
            memory,
            answer.AnsweredAt,
            answer.AnsweredAt.AddDays(days),
            (card?.Reps ?? 0) + 1,
            (card?.Lapses ?? 0) + (card is not null && rating == FsrsRating.Again ? 1 : 0));
    }

    /// <summary>The member's group as set up, or the settings /setup would give it: practice works before an admin
    /// has set the group up, with the shipped and imported questions and no drills.</summary>
    private async Task<StudyGroup> GroupAsync(ChatContext context, CancellationToken cancellationToken) =>
        await groups.FindAsync(context.GroupId, cancellationToken) ?? StudyGroup.Default(context.GroupId, context.Platform, context.ChannelId);

    private async Task<ChatMessage> ShowCurrentOrNextAsync(StudyGroup group, PracticeSession session, string note, CancellationToken cancellationToken)
    {
        if (session.CurrentQuestionId is { } currentId && await questions.FindAsync(group, currentId, cancellationToken) is { } current
            && await OpenDailyQuestionAsync(session.GroupId, cancellationToken) != currentId)
        {
            // Shown again now: the quick-answer clock restarts, so a lost message does not cost the Easy rating.
            await store.SetCurrentAsync(session.Id, current.Id, time.GetUtcNow(), cancellationToken);
            var cards = await store.CardsAsync(session.UserId, cancellationToken);
            var card = cards.FirstOrDefault(c => c.QuestionId == current.Id);
            var reason = card is null ? PickReason.New : card.IsDue(time.GetUtcNow()) ? PickReason.DueReview : PickReason.ExtraReview;
            return PracticeMessages.Question(session, current, reason, note);
        }

        return await ShowNextAsync(group, session with { CurrentQuestionId = null }, note, cancellationToken);
    }

    private async Task<ChatMessage> ShowNextAsync(StudyGroup group, PracticeSession session, string? before, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (session.IsComplete)
        {
            await store.FinishSessionAsync(session.Id, now, cancellationToken);
            return PracticeMessages.Finished(session, before, await store.DueCountAsync(session.UserId, now, cancellationToken), "Session complete.");
        }

        var excluded = (await store.SessionQuestionIdsAsync(session.Id, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (await OpenDailyQuestionAsync(session.GroupId, cancellationToken) is { } daily)
        {
            excluded.Add(daily);
        }

        var cards = (await store.CardsAsync(session.UserId, cancellationToken)).ToDictionary(c => c.QuestionId, StringComparer.Ordinal);
        var progress = await store.AreaProgressAsync(session.UserId, now - options.RecentWindow, cancellationToken);
        var pick = selector.Next(new PracticePickRequest(session.UserId, await CandidatesAsync(group, cards, now, cancellationToken), cards, progress, excluded, session.Area, now));
        if (pick is not { } next)
        {
            await store.FinishSessionAsync(session.Id, now, cancellationToken);
            return PracticeMessages.Finished(session, before, await store.DueCountAsync(session.UserId, now, cancellationToken), "You have been through every question available here.");
        }

        await store.SetCurrentAsync(session.Id, next.Question.Id, now, cancellationToken);
        return PracticeMessages.Question(session with { CurrentQuestionId = next.Question.Id }, next.Question, next.Reason, before);
    }

    /// <summary>The group's questions, plus the drills the member has due for review: drills join the pool a
    /// different handful each day, and a due review has to come back whatever today's handful is.</summary>
    private async Task<IReadOnlyList<Question>> CandidatesAsync(
        StudyGroup group, IReadOnlyDictionary<string, ReviewCard> cards, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pool = await questions.QuestionsForAsync(group, cancellationToken);
        if (!group.Drills)
        {
            return pool;
        }

        var inPool = pool.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var due = new List<Question>();
        foreach (var card in cards.Values.Where(c => c.IsDue(now) && CodeDrills.IsDrillId(c.QuestionId) && !inPool.Contains(c.QuestionId)))
        {
            if (await questions.FindAsync(group, card.QuestionId, cancellationToken) is { } drill)
            {
                due.Add(drill);
            }
        }

        return due.Count == 0 ? pool : [.. pool, .. due];
    }

    /// <summary>Today's open daily question in the group: never served or answered in practice before its reveal.</summary>
    private async Task<string?> OpenDailyQuestionAsync(string groupId, CancellationToken cancellationToken) =>
        (await rounds.LatestOpenAsync(groupId, cancellationToken))?.Question.Id;

    [LoggerMessage(Level = LogLevel.Information, Message = "Started practice session {SessionId} for {UserId} in group {GroupId}")]
    private static partial void LogStarted(ILogger logger, string groupId, string userId, long sessionId);
}
