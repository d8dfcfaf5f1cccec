using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;
using StudyBot.Groups;

namespace StudyBot.App.Scheduling;

/// <summary>Keeps each group's Quartz triggers in step with its settings: a daily post, a daily reveal, the
/// week's close and the practice reminders (at the daily post time), as cron triggers in the group's own time zone, stored in the persistent job store.</summary>
public sealed partial class GroupScheduler(ISchedulerFactory schedulers, TimeProvider time, ILogger<GroupScheduler> logger) : IGroupSchedule
{
    public const string GroupIdKey = "groupId";

    public static TriggerKey OpenTrigger(string groupId) => new($"open/{groupId}", "daily");

    public static TriggerKey RevealTrigger(string groupId) => new($"reveal/{groupId}", "daily");

    public static TriggerKey WeekTrigger(string groupId) => new($"week/{groupId}", "daily");

    public static TriggerKey RemindTrigger(string groupId) => new($"remind/{groupId}", "daily");

    /// <summary>Creates or replaces the group's triggers; a paused group has none.</summary>
    public async Task ScheduleAsync(StudyGroup group, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (group.Paused)
        {
            await scheduler.UnscheduleJobs([OpenTrigger(group.Id), RevealTrigger(group.Id), WeekTrigger(group.Id), RemindTrigger(group.Id)], cancellationToken);
            LogUnscheduled(logger, group.Id);
            return;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(group.TimeZoneId);
        var changed = await EnsureAsync(scheduler, OpenTrigger(group.Id), OpenDailyRoundJob.Key, group, Cron(group.DailyAt, "*"), zone, cancellationToken)
            | await EnsureAsync(scheduler, RevealTrigger(group.Id), RevealDailyRoundJob.Key, group, Cron(group.RevealAt, "*"), zone, cancellationToken)
            | await EnsureAsync(scheduler, WeekTrigger(group.Id), WeeklyCloseJob.Key, group, Cron(NodaTime.LocalTime.Midnight, DayName(group.WeekStart)), zone, cancellationToken)
            | await EnsureAsync(scheduler, RemindTrigger(group.Id), PracticeReminderJob.Key, group, Cron(group.DailyAt, "*"), zone, cancellationToken);
        if (changed)
        {
            LogScheduled(logger, group.Id, group.DailyAt, group.RevealAt, group.TimeZoneId);
        }
    }

    /// <summary>Stores the trigger unless the job store already holds it exactly so. Every start schedules every
    /// group; rewriting unchanged triggers cost one durable write each (4 per group, seconds for a thousand
    /// groups) and would move their next fire time for nothing.</summary>
    private async Task<bool> EnsureAsync(IScheduler scheduler, TriggerKey key, JobKey job, StudyGroup group, string cron, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger existing
            && existing.CronExpressionString == cron
            && existing.TimeZone.Id == zone.Id
            && existing.JobKey.Equals(job)
            && existing.MisfireInstructionCode == (int)CronTriggerMisfireInstruction.FireAndProceed
            && existing.JobDataMap.GetString(GroupIdKey) == group.Id)
        {
            return false;
        }

        await scheduler.ScheduleTrigger(Build(key, job, group, cron, zone), TriggerConflict.Replace, cancellationToken);
        return true;
    }

    /// <summary>A Quartz cron expression: at a local time, every day ("*") or on one day ("MON").</summary>
    public static string Cron(NodaTime.LocalTime at, string days) =>
        string.Create(CultureInfo.InvariantCulture, $"0 {at.Minute} {at.Hour} ? * {days}");

    private static string DayName(NodaTime.IsoDayOfWeek day) => day.ToString()[..3].ToUpperInvariant();

    // FireAndProceed on purpose: after downtime each trigger fires once at restart, and the job decides
    // from the group's clock whether that late firing still acts (grace window for posts; reveals and
    // weekly results always happen).
    private ITrigger Build(TriggerKey key, JobKey job, StudyGroup group, string cron, TimeZoneInfo zone) =>
        TriggerBuilder.Create(time)
            .WithIdentity(key)
            .ForJob(job)
            .UsingJobData(GroupIdKey, group.Id)
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {GroupId}: daily question at {PostAt}, reveal at {RevealAt} ({TimeZone})")]
    private static partial void LogScheduled(ILogger logger, string groupId, NodaTime.LocalTime postAt, NodaTime.LocalTime revealAt, string timeZone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {GroupId} is paused: its schedule is removed")]
    private static partial void LogUnscheduled(ILogger logger, string groupId);
}
