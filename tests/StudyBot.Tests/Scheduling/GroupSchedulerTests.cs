using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Quartz;
using StudyBot.App.Scheduling;
using StudyBot.Chat;
using StudyBot.Groups;

namespace StudyBot.Tests.Scheduling;

public sealed class GroupSchedulerTests : IAsyncLifetime
{
    private IScheduler scheduler = null!;

    public async Task InitializeAsync()
    {
        scheduler = await QuartzSchedulerBuilder.Create().BuildScheduler();
        await GroupJobs.AddAllAsync(scheduler);
    }

    public async Task DisposeAsync() => await scheduler.Shutdown(false, default);

    private GroupScheduler Groups => new(new Factory(scheduler), TimeProvider.System, NullLogger<GroupScheduler>.Instance);

    private static StudyGroup Group(string id, string zone) =>
        new(id, ChatPlatformKind.Discord, "c-" + id, zone, new LocalTime(9, 0), new LocalTime(17, 0), IsoDayOfWeek.Monday);

    private async Task<DateTimeOffset> NextFireAsync(TriggerKey key, DateTimeOffset after) =>
        (await scheduler.GetTrigger(key, default))!.GetFireTimeAfter(after)!.Value.ToUniversalTime();

    [Fact]
    public async Task TwoGroupsAtNineLocal_InDifferentZones_FireAtDifferentInstants()
    {
        await Groups.ScheduleAsync(Group("tokyo", "Asia/Tokyo"), default);
        await Groups.ScheduleAsync(Group("berlin", "Europe/Berlin"), default);
        var from = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), await NextFireAsync(GroupScheduler.OpenTrigger("tokyo"), from));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), await NextFireAsync(GroupScheduler.OpenTrigger("berlin"), from));
    }

    [Fact]
    public async Task Rescheduling_AfterSetup_ReplacesTheTriggers()
    {
        var group = Group("g", "UTC");
        await Groups.ScheduleAsync(group, default);
        await Groups.ScheduleAsync(group with { DailyAt = new LocalTime(6, 15), TimeZoneId = "America/New_York" }, default);
        var from = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 11, 15, 0, TimeSpan.Zero), await NextFireAsync(GroupScheduler.OpenTrigger("g"), from));
    }

    [Fact]
    public async Task WeeklyClose_FiresAtMidnightStartingTheGroupsFirstDay()
    {
        await Groups.ScheduleAsync(Group("g", "America/Chicago") with { WeekStart = IsoDayOfWeek.Sunday }, default);

        var next = await NextFireAsync(GroupScheduler.WeekTrigger("g"), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 6, 0, 0, TimeSpan.Zero), next); // Sunday 00:00 CST
    }

    [Fact]
    public async Task Pausing_RemovesEveryTrigger()
    {
        var group = Group("g", "UTC");
        await Groups.ScheduleAsync(group, default);

        await Groups.ScheduleAsync(group with { Paused = true }, default);

        Assert.Null(await scheduler.GetTrigger(GroupScheduler.OpenTrigger("g"), default));
        Assert.Null(await scheduler.GetTrigger(GroupScheduler.RevealTrigger("g"), default));
        Assert.Null(await scheduler.GetTrigger(GroupScheduler.WeekTrigger("g"), default));
        Assert.Null(await scheduler.GetTrigger(GroupScheduler.RemindTrigger("g"), default));
    }

    [Fact]
    public async Task PracticeReminders_FireAtTheGroupsDailyPostTimeInItsZone()
    {
        await Groups.ScheduleAsync(Group("berlin", "Europe/Berlin"), default);

        var from = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(await NextFireAsync(GroupScheduler.OpenTrigger("berlin"), from), await NextFireAsync(GroupScheduler.RemindTrigger("berlin"), from));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), await NextFireAsync(GroupScheduler.RemindTrigger("berlin"), from));
    }

    private sealed class Factory(IScheduler scheduler) : ISchedulerFactory
    {
        public ValueTask<IScheduler> GetScheduler(CancellationToken cancellationToken = default) => ValueTask.FromResult(scheduler);

        public ValueTask<IScheduler?> LookupScheduler(string schedulerName, CancellationToken cancellationToken = default) => ValueTask.FromResult<IScheduler?>(scheduler);

        public ValueTask<List<IScheduler>> GetAllSchedulers(CancellationToken cancellationToken = default) => ValueTask.FromResult<List<IScheduler>>([scheduler]);
    }
}
