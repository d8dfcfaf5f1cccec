using NodaTime;
using StudyBot.Chat;
using StudyBot.Groups;
using StudyBot.Time;

namespace StudyBot.Core.Tests.Time;

public sealed class GroupCalendarTests
{
    private static StudyGroup Group(string zone, IsoDayOfWeek weekStart = IsoDayOfWeek.Monday) =>
        new("g", ChatPlatformKind.Local, "c", zone, new LocalTime(9, 0), new LocalTime(17, 0), weekStart);

    [Fact]
    public void WeekKey_SundayNightInChicago_IsStillTheWeekThatStartedMonday()
    {
        // 2026-03-08 is the US spring-forward Sunday; 23:30 local is 05:30 UTC on Monday the 9th.
        var group = Group("America/Chicago");
        var sundayNight = new DateTimeOffset(2026, 3, 9, 4, 30, 0, TimeSpan.Zero);

        Assert.Equal(new LocalDate(2026, 3, 8), group.LocalDate(sundayNight));
        Assert.Equal("week:2026-03-02", group.WeekKey(group.LocalDate(sundayNight)));
    }

    [Fact]
    public void WeekKey_MondayAfterSpringForward_StartsANewWeek()
    {
        var group = Group("America/Chicago");
        var mondayMorning = new DateTimeOffset(2026, 3, 9, 5, 30, 0, TimeSpan.Zero); // 00:30 CDT

        Assert.Equal("week:2026-03-09", group.WeekKey(group.LocalDate(mondayMorning)));
    }

    [Fact]
    public void WeekKey_SameInstant_DependsOnTheGroupsZone()
    {
        var instant = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero); // Monday 02:00 UTC

        Assert.Equal("week:2026-11-23", Group("Europe/London").WeekKey(Group("Europe/London").LocalDate(instant)));
        Assert.Equal("week:2026-11-16", Group("America/Los_Angeles").WeekKey(Group("America/Los_Angeles").LocalDate(instant)));
    }

    [Fact]
    public void WeekKey_SundayStart_UsesTheConfiguredFirstDay()
    {
        var group = Group("UTC", IsoDayOfWeek.Sunday);

        Assert.Equal("week:2026-11-22", group.WeekKey(new LocalDate(2026, 11, 28)));
        Assert.Equal("week:2026-11-29", group.WeekKey(new LocalDate(2026, 11, 29)));
    }

    [Fact]
    public void RevealTime_AcrossFallBack_IsSeventeenHundredLocal()
    {
        // 2026-11-01: US clocks fall back at 02:00. 17:00 CST = 23:00 UTC.
        var group = Group("America/Chicago");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 23, 0, 0, TimeSpan.Zero), group.RevealTime(new LocalDate(2026, 11, 1)).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 22, 0, 0, TimeSpan.Zero), group.RevealTime(new LocalDate(2026, 10, 31)).ToUniversalTime());
    }

    [Fact]
    public void RevealTime_EarlierThanPostTime_IsNextDay()
    {
        var group = Group("UTC") with { DailyAt = new LocalTime(20, 0), RevealAt = new LocalTime(8, 0) };

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), group.RevealTime(new LocalDate(2026, 11, 22)));
    }

    [Fact]
    public void StudyGroup_UnknownZone_CannotExist() =>
        Assert.Throws<ArgumentException>(() => Group("Mars/Olympus_Mons"));

    [Theory]
    [InlineData("09:00", true)]
    [InlineData("23:59", true)]
    [InlineData("25:00", false)]
    [InlineData("9am", false)]
    public void TryParseTime_AcceptsTwentyFourHourTimesOnly(string text, bool ok) =>
        Assert.Equal(ok, GroupCalendar.TryParseTime(text, out _));
}
