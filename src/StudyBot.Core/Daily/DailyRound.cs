using NodaTime;
using StudyBot.Outbox;
using StudyBot.Questions;

namespace StudyBot.Daily;

public enum RoundStatus
{
    Open,
    Revealed,
}

/// <summary>One group's question of the day. At most one per group and local date.</summary>
/// <param name="Question">The question as it was when the round opened: the key and rationale revealed
/// are the ones members answered, even if the bank is edited before the reveal.</param>
/// <param name="PostOutboxId">The outbox row that posts the question; the reveal edits that message.</param>
public sealed record DailyRound(
    long Id,
    string GroupId,
    LocalDate LocalDate,
    Question Question,
    string ChannelId,
    DateTimeOffset OpenedAt,
    DateTimeOffset RevealAt,
    RoundStatus Status,
    long? PostOutboxId);

/// <summary>A member's answer to a round: a choice letter, or the text typed for a typed-answer question.</summary>
public sealed record DailyAnswer(long RoundId, string UserId, string DisplayName, string Answer, DateTimeOffset AnsweredAt);

/// <summary>What a new round is, before it has an id.</summary>
public sealed record NewRound(string GroupId, LocalDate LocalDate, Question Question, string ChannelId, DateTimeOffset OpenedAt, DateTimeOffset RevealAt);

/// <summary>Outcome of recording an answer.</summary>
public abstract record AnswerOutcome
{
    private AnswerOutcome()
    {
    }

    /// <summary>Stored durably; this is the member's answer for the round.</summary>
    public sealed record Recorded(DailyAnswer Answer) : AnswerOutcome;

    /// <summary>The member had already answered; the first answer stands.</summary>
    public sealed record AlreadyAnswered(DailyAnswer First) : AnswerOutcome;

    /// <summary>The round was revealed before the answer arrived; nothing was stored.</summary>
    public sealed record RoundClosed : AnswerOutcome;
}

/// <summary>A point credit at reveal: one member's result in one round.</summary>
public sealed record ScoreCredit(string UserId, string DisplayName, ContentArea Area, bool Correct, int Points);

/// <summary>Everything the reveal writes, computed from the answers inside the reveal's transaction.</summary>
/// <param name="Credits">Per-member results credited to the boards and area statistics.</param>
/// <param name="Periods">Leaderboard periods credited: "all" and the round's week key.</param>
/// <param name="Announcement">The reveal: an edit of the question's post.</param>
public sealed record RevealPlan(IReadOnlyList<ScoreCredit> Credits, IReadOnlyList<string> Periods, OutboxEntry Announcement);

/// <summary>What the reveal's transaction read: the answers, and each answerer's streak including this round.</summary>
public sealed record RevealContext(IReadOnlyList<DailyAnswer> Answers, IReadOnlyDictionary<string, int> Streaks);

/// <summary>A member's run of consecutive daily rounds answered.</summary>
public readonly record struct Streak(int Current, int Best);

/// <summary>Where daily rounds and their answers are kept.</summary>
public interface IDailyStore
{
    /// <summary>Opens a round and queues its post in one transaction. If the group already has a round for
    /// that date, nothing is written and the existing round is returned (a double firing opens one round).</summary>
    Task<(DailyRound Round, bool Created)> OpenAsync(NewRound round, Func<long, OutboxEntry> post, CancellationToken cancellationToken);

    Task<DailyRound?> FindAsync(long roundId, CancellationToken cancellationToken);

    Task<DailyRound?> FindByDateAsync(string groupId, LocalDate date, CancellationToken cancellationToken);

    /// <summary>The group's most recent round that is still open.</summary>
    Task<DailyRound?> LatestOpenAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>Open rounds whose reveal time has passed, across all groups.</summary>
    Task<IReadOnlyList<DailyRound>> OpenDueForRevealAsync(string groupId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Question ids of the group's last <paramref name="count"/> rounds.</summary>
    Task<IReadOnlyList<string>> RecentQuestionIdsAsync(string groupId, int count, CancellationToken cancellationToken);

    /// <summary>Stores a member's answer unless they already answered or the round is closed. Durable on return.</summary>
    Task<AnswerOutcome> RecordAnswerAsync(DailyAnswer answer, CancellationToken cancellationToken);

    /// <summary>Rounds the member answered that are not yet revealed.</summary>
    Task<int> PendingAnswersAsync(string groupId, string userId, CancellationToken cancellationToken);

    /// <summary>Closes an open round: in one transaction marks it revealed, reads its answers, extends the
    /// answerers' streaks, and writes what <paramref name="plan"/> computes from them (board credits and the
    /// reveal post). Returns false when the round was already revealed, in which case nothing is written.</summary>
    /// <remarks>A streak counts the group's rounds in date order: a member who answered the group's previous
    /// revealed round extends it, anyone else starts at 1. Days without a round (paused, skipped) are not rounds,
    /// so they never break a streak.</remarks>
    Task<bool> RevealAsync(long roundId, DateTimeOffset now, Func<RevealContext, RevealPlan> plan, CancellationToken cancellationToken);

    /// <summary>The group's latest open round whose question post the platform refused for good (its outbox row failed).</summary>
    Task<DailyRound?> OpenUndeliveredAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>In one transaction: moves an open round whose post failed to <paramref name="channelId"/> and queues
    /// its post there (the reveal then edits that one). False, and nothing written, if the round is no longer
    /// open or its post is no longer a failed one.</summary>
    Task<bool> RepostAsync(long roundId, string channelId, Func<long, OutboxEntry> post, CancellationToken cancellationToken);

    /// <summary>A member's streak as of the group's latest revealed round (0 if they missed it).</summary>
    Task<Streak> StreakAsync(string groupId, string userId, CancellationToken cancellationToken);
}
