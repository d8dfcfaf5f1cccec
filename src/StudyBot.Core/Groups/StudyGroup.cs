using NodaTime;
using StudyBot.Chat;
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
public sealed record StudyGroup(
    string Id,
    ChatPlatformKind Platform,
    string ChannelId,
    string TimeZoneId,
    LocalTime DailyAt,
    LocalTime RevealAt,
    IsoDayOfWeek WeekStart,
    bool Paused = false)
{
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
}
