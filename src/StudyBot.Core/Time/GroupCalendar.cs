using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace StudyBot.Time;

/// <summary>Dates and weeks as a study group sees them, in its own IANA time zone.</summary>
public static class GroupCalendar
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>Finds an IANA zone ("America/Chicago"); null when the id is unknown.</summary>
    public static DateTimeZone? FindZone(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim());

    /// <summary>The zone for an id already validated at configuration time.</summary>
    public static DateTimeZone Zone(string id) =>
        FindZone(id) ?? throw new ArgumentException($"Unknown IANA time zone '{id}'.", nameof(id));

    public static Instant ToInstant(DateTimeOffset time) => Instant.FromDateTimeOffset(time);

    /// <summary>The group-local date at an instant.</summary>
    public static LocalDate LocalDate(DateTimeOffset time, string zoneId) =>
        ToInstant(time).InZone(Zone(zoneId)).Date;

    /// <summary>The first day of the group-local week containing <paramref name="date"/>.</summary>
    public static LocalDate WeekStart(LocalDate date, IsoDayOfWeek firstDay) =>
        date.With(DateAdjusters.PreviousOrSame(firstDay));

    /// <summary>The leaderboard period key of the week that contains <paramref name="date"/>.</summary>
    public static string WeekKey(LocalDate date, IsoDayOfWeek firstDay) =>
        "week:" + WeekStart(date, firstDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The instant a group-local date and time happens; in a DST gap, the first valid instant after it.</summary>
    public static DateTimeOffset At(LocalDate date, LocalTime time, string zoneId) =>
        (date + time).InZoneLeniently(Zone(zoneId)).ToDateTimeOffset();

    public static bool TryParseTime(string? text, out LocalTime time)
    {
        var result = TimePattern.Parse(text?.Trim() ?? string.Empty);
        time = result.Success ? result.Value : default;
        return result.Success;
    }

    public static string FormatTime(LocalTime time) => TimePattern.Format(time);

    public static bool TryParseDay(string? text, out IsoDayOfWeek day)
    {
        day = IsoDayOfWeek.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        foreach (var candidate in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            var name = candidate.ToString();
            if (name.Equals(trimmed, StringComparison.OrdinalIgnoreCase)
                || (trimmed.Length >= 3 && name.StartsWith(trimmed, StringComparison.OrdinalIgnoreCase)))
            {
                day = candidate;
                return true;
            }
        }

        return false;
    }
}
