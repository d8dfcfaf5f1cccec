using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;
using NodaTime;
using StudyBot.App.Scheduling;
using StudyBot.Chat;
using StudyBot.Groups;
using StudyBot.Tests.Scheduling;

namespace StudyBot.Tests.Faults;

/// <summary>
/// The bot stopped across a group's post time and reveal time and restarted inside or outside the grace
/// window. Each process lifetime is simulated over the same database with a fake clock: the group's real
/// Quartz triggers (as GroupScheduler builds them) say when the jobs fire while the process is up, and their
/// misfire instruction says what fires at restart for what was missed while it was down. Each restart builds
/// new jobs and a new outbox dispatcher, as a new process would.
/// </summary>
public sealed class DowntimeScheduleTests
{
    // The fixture's group: America/Chicago, post 09:00, reveal 17:00. Monday 23 Nov 2026, CST = UTC-6.
    private static readonly DateTimeOffset Midnight = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DownAcrossThePost_BackInsideTheGrace_PostsOnceAtRestart_AndRevealsOnTime()
    {
        using var f = await DailyFixture.CreateAsync();
        var life = await Life.CreateAsync(f, TimeSpan.FromHours(6));

        await life.UpAsync(Midnight, Local(8, 30));
        await life.UpAsync(Local(12, 0), Local(23, 0)); // 3 h late: inside the 6 h grace

        Assert.Single(f.Platform.Sent);
        Assert.Equal(f.Platform.Sent[0].Id, Assert.Single(f.Platform.Edits).MessageId);
    }

    [Fact]
    public async Task DownAcrossPostAndReveal_BackOutsideTheGrace_SkipsTheDay_AndTheNextDayPostsOnce()
    {
        using var f = await DailyFixture.CreateAsync();
        var life = await Life.CreateAsync(f, TimeSpan.FromHours(6));

        await life.UpAsync(Midnight, Local(8, 30));
        await life.UpAsync(Local(18, 0), Local(23, 0)); // 9 h after the post time, after the reveal time
        Assert.Empty(f.Platform.Sent);
        Assert.Empty(f.Platform.Edits);

        await life.UpAsync(Local(23, 0), Local(47, 0)); // the same process runs through the next day
        Assert.Single(f.Platform.Sent);
        Assert.Single(f.Platform.Edits);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DownAcrossPostAndReveal_BackInsideTheGrace_PostsOnceAndRevealsOnce_WhicheverMisfireRunsFirst(bool openFirst)
    {
        using var f = await DailyFixture.CreateAsync();
        var life = await Life.CreateAsync(f, TimeSpan.FromHours(10), openFirst);

        await life.UpAsync(Midnight, Local(8, 30));
        await life.UpAsync(Local(17, 30), Local(23, 0)); // 8.5 h late: inside a 10 h grace, after the reveal time
        Assert.Single(f.Platform.Sent);

        await life.UpAsync(Local(23, 0), Local(47, 0));

        // Today's post and tomorrow's; each revealed exactly once (today's at restart or at tomorrow's reveal).
        Assert.Equal(2, f.Platform.Sent.Count);
        Assert.Equal(2, f.Platform.Edits.Count);
        Assert.Equal(2, f.Platform.Edits.Select(e => e.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task CrashAfterTheJobRan_TriggerFiresAgainAtRestart_NothingIsPostedTwice()
    {
        using var f = await DailyFixture.CreateAsync();
        var life = await Life.CreateAsync(f, TimeSpan.FromHours(10)); // wide enough that the late open would still post
        await life.UpAsync(Midnight, Local(17, 30));

        // A process killed after the jobs ran but before Quartz recorded them fires them again on recovery.
        await life.FireAsync(GroupScheduler.OpenTrigger(f.Group.Id), Local(17, 31), Local(9, 0));
        await life.FireAsync(GroupScheduler.RevealTrigger(f.Group.Id), Local(17, 31), Local(17, 0));
        await life.UpAsync(Local(17, 31), Local(23, 0));

        Assert.Single(f.Platform.Sent);
        Assert.Single(f.Platform.Edits);
    }

    [Fact]
    public async Task Restart_SchedulingTheSameGroupAgain_KeepsTheFiringMissedWhileDown()
    {
        // Every start schedules every group (GroupStartup) before Quartz starts. If that replaced the stored
        // trigger, the replacement would start from now and the firing missed while down would never misfire.
        var time = new Shared.FakeTime(Midnight.AddHours(8));
        var scheduler = await QuartzSchedulerBuilder.Create().BuildScheduler();
        try
        {
            await GroupJobs.AddAllAsync(scheduler);
            var group = new StudyGroup("g1", ChatPlatformKind.Discord, "chan-1", "America/Chicago", new LocalTime(9, 0), new LocalTime(17, 0), IsoDayOfWeek.Monday);
            await new GroupScheduler(new OneScheduler(scheduler), time, NullLogger<GroupScheduler>.Instance).ScheduleAsync(group, default);

            time.Now = Midnight.AddHours(12); // down from 08:00 to 12:00 local: 09:00 was missed
            await new GroupScheduler(new OneScheduler(scheduler), time, NullLogger<GroupScheduler>.Instance).ScheduleAsync(group, default);

            var open = (await scheduler.GetTrigger(GroupScheduler.OpenTrigger("g1")))!;
            Assert.Equal(Local(9, 0), open.NextFireTimeUtc?.ToUniversalTime()); // still due: Quartz fires it once at start
        }
        finally
        {
            await scheduler.Shutdown(false);
        }
    }

    private static DateTimeOffset Local(int hour, int minute) => Midnight.AddHours(hour).AddMinutes(minute);

    /// <summary>Process lifetimes over one database: while up, every trigger fires at its fire times; at each
    /// start, a trigger that missed fire times while the process was down fires as its misfire instruction says.</summary>
    private sealed class Life
    {
        private readonly DailyFixture f;
        private readonly TimeSpan grace;
        private readonly bool openFirst;
        private readonly Dictionary<TriggerKey, ITrigger> triggers = [];
        private DateTimeOffset? lastDown;

        private Life(DailyFixture f, TimeSpan grace, bool openFirst)
        {
            this.f = f;
            this.grace = grace;
            this.openFirst = openFirst;
        }

        public static async Task<Life> CreateAsync(DailyFixture f, TimeSpan grace, bool openFirst = true)
        {
            var life = new Life(f, grace, openFirst);
            f.Time.Now = Midnight;
            var scheduler = await QuartzSchedulerBuilder.Create().BuildScheduler();
            try
            {
                await GroupJobs.AddAllAsync(scheduler);
                await new GroupScheduler(new OneScheduler(scheduler), f.Time, NullLogger<GroupScheduler>.Instance).ScheduleAsync(f.Group, default);
                foreach (var key in new[] { GroupScheduler.OpenTrigger(f.Group.Id), GroupScheduler.RevealTrigger(f.Group.Id) })
                {
                    var trigger = (await scheduler.GetTrigger(key))!;
                    Assert.Equal((int)CronTriggerMisfireInstruction.FireAndProceed, trigger.MisfireInstructionCode);
                    life.triggers[key] = trigger;
                }
            }
            finally
            {
                await scheduler.Shutdown(false);
            }

            return life;
        }

        /// <summary>One process lifetime from <paramref name="from"/> to <paramref name="to"/>.</summary>
        public async Task UpAsync(DateTimeOffset from, DateTimeOffset to)
        {
            var firings = new List<(DateTimeOffset At, DateTimeOffset Scheduled, TriggerKey Key)>();
            foreach (var (key, trigger) in triggers.OrderBy(t => t.Key.Name.StartsWith("open", StringComparison.Ordinal) == openFirst ? 0 : 1))
            {
                // Missed while down: FireOnceNow fires once at start, due now.
                if (lastDown is { } down && Next(trigger, down) is { } missed && missed < from)
                {
                    firings.Add((from, from, key));
                }

                for (var t = Next(trigger, from); t is { } at && at <= to; t = Next(trigger, at))
                {
                    firings.Add((at, at, key));
                }
            }

            foreach (var (at, scheduled, key) in firings.OrderBy(x => x.At))
            {
                await FireAsync(key, at, scheduled);
            }

            f.Time.Now = to;
            lastDown = to;
        }

        public async Task FireAsync(TriggerKey key, DateTimeOffset at, DateTimeOffset scheduled)
        {
            f.Time.Now = at;
            IJob job = key.Name.StartsWith("open", StringComparison.Ordinal)
                ? new OpenDailyRoundJob(f.Groups, f.Daily, f.Time, Options.Create(new ScheduleOptions { MissedPostGrace = grace }), NullLogger<OpenDailyRoundJob>.Instance)
                : new RevealDailyRoundJob(f.Groups, f.Daily, f.Time);
            var context = JobExecutionContextBuilder.For(job).WithTrigger(triggers[key]).FiredAt(at, scheduled).WithTimeProvider(f.Time).Build();
            await job.Execute(context);

            // A new dispatcher each time: nothing in memory carries over, only what the database holds.
            using var dispatcher = f.NewDispatcher();
            await dispatcher.DispatchDueAsync(default);
        }

        private static DateTimeOffset? Next(ITrigger trigger, DateTimeOffset after) => trigger.GetFireTimeAfter(after)?.ToUniversalTime();
    }

    private sealed class OneScheduler(IScheduler scheduler) : ISchedulerFactory
    {
        public ValueTask<IScheduler> GetScheduler(CancellationToken cancellationToken = default) => ValueTask.FromResult(scheduler);

        public ValueTask<IScheduler?> LookupScheduler(string schedulerName, CancellationToken cancellationToken = default) => ValueTask.FromResult<IScheduler?>(scheduler);

        public ValueTask<List<IScheduler>> GetAllSchedulers(CancellationToken cancellationToken = default) => ValueTask.FromResult<List<IScheduler>>([scheduler]);
    }
}
