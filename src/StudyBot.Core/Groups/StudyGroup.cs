using NodaTime;
using StudyBot.Chat;
using StudyBot.Questions;
using StudyBot.Time;

namespace StudyBot.Groups;

/// <summary>A study group: one Discord server (or the local channel) with its own channel and clock.</summary>
/// <param name="Id">The platform's id for the group (a guild id, or "local").</param>
/// <param name="ChannelId">Where daily questions are posted.</param>
/// <param name="TimeZoneId">IANA zone id; every group-facing time is in this zone.</param>
/// <param name="DailyAt">Local time the daily question is posted.</param>
/// <param name="RevealAt">Local time the answer is revealed (on the same day).</param>
/// <param name="WeekStart">First day of the group's leaderboard week.</param>
/// <param name="Paused">When true nothing is posted on schedule.</param>
/// <param name="Areas">Content areas the daily question draws from; empty means all of them.</param>
/// <param name="WinnerRoleId">A platform role handed to each week's winners, if the group wants one.</param>
/// <param name="PausedReason">Why the bot paused the group itself (the channel vanished, a permission was removed).</param>
/// <param name="Drills">When true, code drills generated from the imported code sets join the daily questions.</param>
public sealed record StudyGroup(
    string Id,
    ChatPlatformKind Platform,
    string ChannelId,
    string TimeZoneId,
    LocalTime DailyAt,
    LocalTime RevealAt,
    IsoDayOfWeek WeekStart,
    bool Paused = false,
    IReadOnlySet<ContentArea>? Areas = null,
    string? WinnerRoleId = null,
    string? PausedReason = null,
    bool Drills = false)
{
    /// <summary>Settings a group gets when an admin first runs /setup.</summary>
    public static StudyGroup Default(string id, ChatPlatformKind platform, string channelId) =>
        new(id, platform, channelId, "UTC", new LocalTime(9, 0), new LocalTime(17, 0), IsoDayOfWeek.Monday);

    public IReadOnlySet<ContentArea> Areas { get; init; } = Areas ?? new HashSet<ContentArea>();

    /// <summary>True when the daily question may come from this area.</summary>
    public bool Includes(ContentArea area) => Areas.Count == 0 || Areas.Contains(area);

    // Validated on construction and on every `with`: an invalid group cannot exist.
    public string Id { get; init => field = RequireId(value); } = RequireId(Id);

    public string TimeZoneId { get; init => field = RequireZone(value); } = RequireZone(TimeZoneId);

    public IsoDayOfWeek WeekStart { get; init => field = RequireDay(value); } = RequireDay(WeekStart);

    /// <summary>The group-local date at an instant.</summary>
    public LocalDate LocalDate(DateTimeOffset now) => GroupCalendar.LocalDate(now, TimeZoneId);

    /// <summary>The leaderboard key of the week containing a local date.</summary>
    public string WeekKey(LocalDate date) => GroupCalendar.WeekKey(date, WeekStart);

    /// <summary>When the answer for a round opened on <paramref name="date"/> is revealed.</summary>
    public DateTimeOffset RevealTime(LocalDate date) =>
        GroupCalendar.At(RevealAt > DailyAt ? date : date.PlusDays(1), RevealAt, TimeZoneId);

    /// <summary>"17:00 (America/Chicago)", for messages.</summary>
    public string Describe(LocalTime time) => $"{GroupCalendar.FormatTime(time)} ({TimeZoneId})";

    private static string RequireId(string id) =>
        !string.IsNullOrWhiteSpace(id) ? id : throw new ArgumentException("A group needs an id.", nameof(id));

    private static string RequireZone(string zone) =>
        GroupCalendar.FindZone(zone) is not null ? zone : throw new ArgumentException($"Unknown IANA time zone '{zone}'.", nameof(zone));

    private static IsoDayOfWeek RequireDay(IsoDayOfWeek day) =>
        day != IsoDayOfWeek.None ? day : throw new ArgumentException("A week must start on a day.", nameof(day));
}

/// <summary>Where groups and their settings are kept.</summary>
public interface IGroupStore
{
    Task<StudyGroup?> FindAsync(string groupId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StudyGroup>> ListAsync(CancellationToken cancellationToken);

    Task SaveAsync(StudyGroup group, CancellationToken cancellationToken);

    /// <summary>Groups posting to a channel (normally one).</summary>
    Task<IReadOnlyList<StudyGroup>> FindByChannelAsync(string channelId, CancellationToken cancellationToken);
}

/// <summary>Keeps a group's scheduled posts in step with its settings (Quartz in the host).</summary>
public interface IGroupSchedule
{
    /// <summary>Creates or replaces the group's triggers; a paused group gets none.</summary>
    Task ScheduleAsync(StudyGroup group, CancellationToken cancellationToken);
}

/// <summary>Told after an admin points a group at a channel (the change is saved), so features can catch up there.</summary>
public interface IGroupChannelListener
{
    /// <summary>Acts on the group's new channel; returns a sentence for the admin when it did something, else null.</summary>
    Task<string?> ChannelChangedAsync(StudyGroup group, CancellationToken cancellationToken);
}

/// <summary>Asks the platform whether the bot can post in a channel.</summary>
public interface IChannelAccess
{
    /// <summary>Whether the bot can post there, and if not, what is wrong in words an admin can act on.</summary>
    Task<ChannelCheck> CheckCanPostAsync(string groupId, string channelId, CancellationToken cancellationToken);
}

/// <summary>What a channel check found.</summary>
public enum ChannelCheckOutcome
{
    /// <summary>The bot can post there.</summary>
    Usable,

    /// <summary>The bot cannot post there; <see cref="ChannelCheck.Reason"/> says why.</summary>
    Refused,

    /// <summary>The platform did not answer in time; the channel is accepted and the first post will tell.</summary>
    Unverified,
}

/// <summary>The answer of <see cref="IChannelAccess.CheckCanPostAsync"/>.</summary>
/// <param name="Reason">For a refused or unverified channel: what happened, as a sentence for an admin.</param>
public sealed record ChannelCheck(ChannelCheckOutcome Outcome, string? Reason = null)
{
    public static ChannelCheck Usable { get; } = new(ChannelCheckOutcome.Usable);

    public static ChannelCheck Refused(string reason) => new(ChannelCheckOutcome.Refused, reason);

    public static ChannelCheck Unverified(string reason) => new(ChannelCheckOutcome.Unverified, reason);
}
