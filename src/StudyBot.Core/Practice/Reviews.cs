using StudyBot.Questions;

namespace StudyBot.Practice;

/// <summary>Where an answer that FSRS learns from was given.</summary>
public enum ReviewSource
{
    Practice,
    Daily,
    Exam,
}

/// <summary>One member's answer to one question, as FSRS and the readiness estimate see it.</summary>
/// <param name="GroupId">The group it was answered in (kept for the record; memory is per member).</param>
/// <param name="TimeTaken">From the question being shown to the answer, when known; only practice
/// measures it, so only practice answers can be rated Easy.</param>
public sealed record ReviewAnswer(
    string UserId,
    string GroupId,
    string QuestionId,
    ContentArea Area,
    bool Correct,
    DateTimeOffset AnsweredAt,
    TimeSpan? TimeTaken,
    ReviewSource Source);

/// <summary>FSRS's state for one member and one question.</summary>
public sealed record ReviewCard(
    string UserId,
    string QuestionId,
    ContentArea Area,
    MemoryState Memory,
    DateTimeOffset LastReview,
    DateTimeOffset Due,
    int Reps,
    int Lapses)
{
    public bool IsDue(DateTimeOffset now) => Due <= now;
}

/// <summary>
/// Receives answers given outside practice (daily reveals, mock exams) so that FSRS learns from them too.
/// Called after the answers are durably stored and their correctness is public; never before a reveal.
/// </summary>
public interface IReviewLog
{
    Task RecordAsync(IReadOnlyList<ReviewAnswer> answers, CancellationToken cancellationToken);
}

/// <summary>A member's answers in one content area: all time and recently.</summary>
public sealed record AreaProgress(ContentArea Area, int Answered, int Correct, int RecentAnswered, int RecentCorrect)
{
    public double Accuracy => Answered == 0 ? 0 : (double)Correct / Answered;

    public double RecentAccuracy => RecentAnswered == 0 ? 0 : (double)RecentCorrect / RecentAnswered;
}

/// <summary>A private practice run: one question at a time until <see cref="Target"/> are answered.</summary>
/// <param name="Area">The area asked for, or null for the scheduler's choice across all areas.</param>
/// <param name="CurrentQuestionId">The question shown and not yet answered, or null between questions.</param>
/// <param name="CurrentServedAt">When the current question was (last) shown, for the quick-answer rating.</param>
public sealed record PracticeSession(
    long Id,
    string UserId,
    string GroupId,
    ContentArea? Area,
    int Target,
    int Answered,
    int Correct,
    string? CurrentQuestionId,
    DateTimeOffset? CurrentServedAt,
    bool Finished,
    DateTimeOffset StartedAt)
{
    public bool IsComplete => Answered >= Target;
}

/// <summary>Where FSRS cards, the review log and practice sessions are kept.</summary>
public interface IPracticeStore
{
    /// <summary>Every card of a member (a member has at most one per bank question).</summary>
    Task<IReadOnlyList<ReviewCard>> CardsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Records answers from outside practice: in one transaction, each answer's card is read,
    /// rescheduled by <paramref name="schedule"/> and written, and the answer is logged.</summary>
    Task RecordReviewsAsync(IReadOnlyList<ReviewAnswer> answers, Func<ReviewCard?, ReviewAnswer, ReviewCard> schedule, CancellationToken cancellationToken);

    /// <summary>Records the answer to a session's current question in one transaction (session progress,
    /// the answer, the card and the log). False, with nothing written, when that question is no longer
    /// the session's current one (a second click, an old message, a finished session).</summary>
    Task<bool> RecordPracticeAnswerAsync(long sessionId, string answerText, ReviewAnswer answer, Func<ReviewCard?, ReviewAnswer, ReviewCard> schedule, CancellationToken cancellationToken);

    /// <summary>The member's open session in a group, if any.</summary>
    Task<PracticeSession?> OpenSessionAsync(string userId, string groupId, CancellationToken cancellationToken);

    Task<PracticeSession?> FindSessionAsync(long sessionId, CancellationToken cancellationToken);

    /// <summary>Starts a session, finishing any session the member still had open in the group.</summary>
    Task<PracticeSession> StartSessionAsync(string userId, string groupId, ContentArea? area, int target, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Shows a question: makes it the session's current one and notes when it was shown.</summary>
    Task SetCurrentAsync(long sessionId, string? questionId, DateTimeOffset servedAt, CancellationToken cancellationToken);

    Task FinishSessionAsync(long sessionId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Questions already answered in the session.</summary>
    Task<IReadOnlyList<string>> SessionQuestionIdsAsync(long sessionId, CancellationToken cancellationToken);

    /// <summary>Per-area answers of a member from every source, all time and since <paramref name="recentSince"/>.</summary>
    Task<IReadOnlyList<AreaProgress>> AreaProgressAsync(string userId, DateTimeOffset recentSince, CancellationToken cancellationToken);

    /// <summary>When the member answered, since <paramref name="since"/> (for the streak).</summary>
    Task<IReadOnlyList<DateTimeOffset>> AnswerTimesAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>How many of the member's cards are due at <paramref name="now"/>.</summary>
    Task<int> DueCountAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);
}
