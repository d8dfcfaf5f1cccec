using NodaTime;
using Quartz;
using StudyBot.App.Scheduling;
using StudyBot.Chat;
using StudyBot.Groups;

namespace StudyBot.Tests.Scheduling;

public sealed class DailyScheduleTests
{
    private static readonly StudyGroup Chicago =
        new("g1", ChatPlatformKind.Discord, "c", "America/Chicago", new LocalTime(9, 0), new LocalTime(17, 0), IsoDayOfWeek.Monday);

    private static readonly TimeSpan Grace = TimeSpan.FromHours(6);

    [Fact]
    public void ShouldPost_OnTime_PostsForTodaysLocalDate()
    {
        var nine = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero); // 09:00 CST

        Assert.True(OpenDailyRoundJob.ShouldPost(Chicago, nine, Grace, out var date));
        Assert.Equal(new LocalDate(2026, 11, 23), date);
    }

    [Fact]
    public void ShouldPost_BackInsideTheGraceWindow_StillPosts()
    {
        var oneFiftyNine = new DateTimeOffset(2026, 11, 23, 20, 59, 0, TimeSpan.Zero); // 14:59 CST, 5 h 59 late

        Assert.True(OpenDailyRoundJob.ShouldPost(Chicago, oneFiftyNine, Grace, out _));
    }

    [Fact]
    public void ShouldPost_BackAfterTheGraceWindow_SkipsTheDay()
    {
        var threeOhOne = new DateTimeOffset(2026, 11, 23, 21, 1, 0, TimeSpan.Zero); // 15:01 CST

        Assert.False(OpenDailyRoundJob.ShouldPost(Chicago, threeOhOne, Grace, out _));
    }

    [Fact]
    public void ShouldPost_BackOnTheNextDayBeforeItsPostTime_DoesNotPostYesterdays()
    {
        var earlyNextDay = new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero); // 01:00 CST next day

        Assert.False(OpenDailyRoundJob.ShouldPost(Chicago, earlyNextDay, TimeSpan.FromHours(24), out _));
    }

    [Fact]
    public void Trigger_FiresAtNineLocal_OnBothSidesOfTheDstChange()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var trigger = TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity("t")
            .ForJob("j")
            .StartAt(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero))
            .WithSchedule(CronScheduleBuilder.Create("0 0 9 ? * *").InTimeZone(zone))
            .Build();

        var saturday = trigger.GetFireTimeAfter(new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero))!.Value;
        var monday = trigger.GetFireTimeAfter(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero))!.Value;

        Assert.Equal(new DateTimeOffset(2026, 3, 7, 15, 0, 0, TimeSpan.Zero), saturday.ToUniversalTime()); // CST, UTC-6
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero), monday.ToUniversalTime()); // CDT, UTC-5
    }
}
