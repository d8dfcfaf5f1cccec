using StudyBot.Chat;
using StudyBot.Outbox;
using StudyBot.Questions;

namespace StudyBot.Exams;

/// <summary>A group sitting scheduled by an admin, or one member's solo practice exam.</summary>
public enum ExamKind
{
    Group,
    Practice,
}

public enum ExamStatus
{
    Scheduled,
    Open,
    Closed,
    Cancelled,
}

/// <summary>The moments Quartz fires for an exam. Practice exams only have <see cref="Close"/>.</summary>
public enum ExamStage
{
    AnnounceDayBefore,
    AnnounceHourBefore,
    Open,
    Warning,
    Close,
}

/// <summary>A mock exam: its questions are snapshotted with it, so bank edits never change its key.</summary>
/// <param name="OwnerId">The admin who scheduled a group exam, or the member sitting a practice exam.</param>
public sealed record MockExam(
    long Id,
    string GroupId,
    ExamKind Kind,
    string OwnerId,
    string ChannelId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int QuestionCount,
    ExamStatus Status)
{
    public TimeSpan Duration => EndsAt - StartsAt;

    /// <summary>True when members can still work on it at <paramref name="now"/>.</summary>
    public bool IsRunning(DateTimeOffset now) => Status == ExamStatus.Open && now < EndsAt;
}

/// <summary>What a new exam is, before it has an id.</summary>
public sealed record NewExam(
    string GroupId,
    ExamKind Kind,
    string OwnerId,
    string ChannelId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<Question> Questions,
    ExamStatus Status);

public enum AttemptStatus
{
    InProgress,
    Submitted,
}

/// <summary>One member's sitting of an exam.</summary>
/// <param name="Position">The question (0-based) the member was last shown; where /exam resume returns.</param>
/// <param name="Screen">Counts the exam screens rendered for this attempt. Buttons carry the number of the
/// screen they are on, so a click on any older screen is recognised as stale and changes nothing.</param>
/// <param name="Correct">Set when the exam is scored (at close).</param>
public sealed record ExamAttempt(
    long Id,
    long ExamId,
    string UserId,
    string DisplayName,
    DateTimeOffset StartedAt,
    AttemptStatus Status,
    int Position,
    int Screen,
    DateTimeOffset? SubmittedAt,
    bool AutoSubmitted,
    int? Correct);

/// <summary>A member's stored state for one question: the choice (if any) and the review flag.</summary>
public sealed record ExamAnswer(int Position, ChoiceLetter? Choice, bool Flagged);

/// <summary>A change a click makes to one question of an attempt.</summary>
public abstract record AnswerChange(int Position)
{
    public sealed record Choose(int Position, ChoiceLetter Choice) : AnswerChange(Position);

    public sealed record ToggleFlag(int Position) : AnswerChange(Position);
}

/// <summary>Why the store refused to change an attempt; nothing was written.</summary>
public enum AttemptRefusal
{
    None,
    NotFound,
    AlreadySubmitted,
    ExamClosed,
    StaleScreen,
}

/// <summary>The attempt after a change, or why there was none.</summary>
public sealed record AttemptChange(ExamAttempt? Attempt, AttemptRefusal Refusal)
{
    public static AttemptChange Refused(AttemptRefusal refusal) => new(null, refusal);
}

/// <summary>An attempt with its answers, as the close reads them.</summary>
public sealed record SubmittedAttempt(ExamAttempt Attempt, IReadOnlyList<ExamAnswer> Answers);

/// <summary>One member's exam result, credited at close to the exam board and the area statistics.</summary>
public sealed record ExamCredit(long AttemptId, string UserId, string DisplayName, int Correct, int Total, bool Passed, IReadOnlyList<AreaScore> Areas);

/// <summary>Everything the close writes, computed from the submitted attempts inside its transaction.</summary>
/// <param name="CountOnBoard">False for practice exams: they feed area statistics but not the exam board.</param>
/// <param name="Announcement">The group result for the channel; null for practice exams.</param>
public sealed record ClosePlan(IReadOnlyList<ExamCredit> Credits, bool CountOnBoard, OutboxEntry? Announcement);

/// <summary>A row of the exam board.</summary>
public sealed record ExamBoardRow(string UserId, string DisplayName, int Exams, int Passes, int BestPermille, int TotalCorrect, int TotalQuestions);

/// <summary>Where exams, attempts and answers are kept. Every change that users wait for is durable on return.</summary>
public interface IExamStore
{
    /// <summary>Creates an exam with its question snapshots.</summary>
    Task<MockExam> CreateAsync(NewExam exam, CancellationToken cancellationToken);

    Task<MockExam?> FindAsync(long examId, CancellationToken cancellationToken);

    /// <summary>The exam's questions in exam order, as snapshotted when it was created.</summary>
    Task<IReadOnlyList<Question>> QuestionsAsync(long examId, CancellationToken cancellationToken);

    /// <summary>The group's scheduled and open group exams, soonest first.</summary>
    Task<IReadOnlyList<MockExam>> UpcomingAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>Question ids of the group's last <paramref name="exams"/> exams (group and practice).</summary>
    Task<IReadOnlyList<string>> RecentQuestionIdsAsync(string groupId, int exams, CancellationToken cancellationToken);

    /// <summary>Moves an exam from <paramref name="from"/> to <paramref name="to"/> and queues a post, in one transaction.
    /// False (nothing written) when the exam was not in <paramref name="from"/>.</summary>
    Task<bool> TransitionAsync(long examId, IReadOnlyList<ExamStatus> from, ExamStatus to, OutboxEntry? post, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Queues a stage's post if the exam is still in <paramref name="status"/> and that stage has not
    /// posted before: a stage fired twice posts once.</summary>
    Task<bool> PostIfAsync(long examId, ExamStatus status, ExamStage stage, OutboxEntry post, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Starts the member's attempt at an open exam, or returns the one they already have.
    /// Null when the exam is not open.</summary>
    Task<(ExamAttempt? Attempt, bool Created)> StartAttemptAsync(long examId, string userId, string displayName, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ExamAttempt?> FindAttemptAsync(long attemptId, CancellationToken cancellationToken);

    Task<ExamAttempt?> FindAttemptAsync(long examId, string userId, CancellationToken cancellationToken);

    /// <summary>The member's attempts still in progress in the group, newest first.</summary>
    Task<IReadOnlyList<ExamAttempt>> InProgressAsync(string groupId, string userId, CancellationToken cancellationToken);

    /// <summary>Registers the member for a group exam that has not opened yet. True when they are registered
    /// (now or before); false when the exam is not a scheduled group exam.</summary>
    Task<bool> RegisterAsync(long examId, string userId, string displayName, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The members registered for the exam, first registered first.</summary>
    Task<IReadOnlyList<ChatUser>> RegisteredAsync(long examId, CancellationToken cancellationToken);

    /// <summary>The group's scheduled and open exams the member registered for and has not started, soonest first.</summary>
    Task<IReadOnlyList<long>> RegisteredExamsAsync(string groupId, string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ExamAnswer>> AnswersAsync(long attemptId, CancellationToken cancellationToken);

    /// <summary>Moves to a new screen: when the attempt is in progress, its exam is running at <paramref name="now"/>
    /// and its current screen is <paramref name="expectedScreen"/> (any screen when null), stores
    /// <paramref name="change"/>, sets the position and counts a new screen, in one transaction.</summary>
    Task<AttemptChange> StepAsync(long attemptId, int? expectedScreen, int position, AnswerChange? change, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Submits the attempt on the same conditions as <see cref="StepAsync"/>.</summary>
    Task<AttemptChange> SubmitAsync(long attemptId, int expectedScreen, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Closes an open (or never opened) exam: in one transaction marks it closed, submits every attempt
    /// still in progress, and writes what <paramref name="plan"/> computes (scores, board and area credits, the
    /// group result). False when the exam was already closed or cancelled; nothing is written then.</summary>
    Task<bool> CloseAsync(long examId, DateTimeOffset now, Func<IReadOnlyList<SubmittedAttempt>, ClosePlan> plan, CancellationToken cancellationToken);

    /// <summary>The member's most recent scored attempt in the group.</summary>
    Task<ExamAttempt?> LatestScoredAsync(string groupId, string userId, CancellationToken cancellationToken);

    /// <summary>True when the member has a scored attempt whose report they have not opened.</summary>
    Task<bool> HasUnseenReportAsync(string groupId, string userId, CancellationToken cancellationToken);

    Task MarkReportSeenAsync(long attemptId, CancellationToken cancellationToken);

    /// <summary>The exam board, best score first.</summary>
    Task<IReadOnlyList<ExamBoardRow>> BoardAsync(string groupId, int count, CancellationToken cancellationToken);

    /// <summary>Members of the group who asked not to be named in results.</summary>
    Task<IReadOnlySet<string>> UnnamedMembersAsync(string groupId, CancellationToken cancellationToken);

    Task SetNamedAsync(string groupId, string userId, bool named, CancellationToken cancellationToken);
}

/// <summary>Keeps an exam's timed stages (announcements, open, warning, close) in the persistent scheduler.</summary>
public interface IExamSchedule
{
    /// <summary>Schedules every stage of the exam still in the future; a restart keeps them.</summary>
    Task ScheduleAsync(MockExam exam, CancellationToken cancellationToken);

    /// <summary>Removes every stage of the exam.</summary>
    Task UnscheduleAsync(long examId, CancellationToken cancellationToken);
}
