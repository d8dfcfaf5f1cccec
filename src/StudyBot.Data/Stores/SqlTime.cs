using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace StudyBot.Data.Stores;

/// <summary>How times and dates are stored: Unix milliseconds and ISO dates.</summary>
internal static class SqlTime
{
    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static string Time(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static LocalTime ParseTime(string text) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text).GetValueOrThrow();
}
