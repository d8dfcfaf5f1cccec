using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;
using StudyBot.Groups;

namespace StudyBot.App.Scheduling;

/// <summary>Keeps each group's Quartz triggers in step with its settings: a daily post and a daily reveal,
/// as cron triggers in the group's own time zone, stored in the persistent job store.</summary>
public sealed partial class GroupScheduler(ISchedulerFactory schedulers, TimeProvider time, ILogger<GroupScheduler> logger)
{
    public const string GroupIdKey = "groupId";

    public static TriggerKey OpenTrigger(string groupId) => new($"open/{groupId}", "daily");

    public static TriggerKey RevealTrigger(string groupId) => new($"reveal/{groupId}", "daily");

    /// <summary>Creates or replaces the group's triggers; a paused group has none.</summary>
    public async Task ScheduleAsync(StudyGroup group, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (group.Paused)
        {
            await scheduler.UnscheduleJobs([OpenTrigger(group.Id), RevealTrigger(group.Id)], cancellationToken);
            LogUnscheduled(logger, group.Id);
            return;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(group.TimeZoneId);
        await scheduler.ScheduleTrigger(Daily(OpenTrigger(group.Id), OpenDailyRoundJob.Key, group, group.DailyAt, zone), TriggerConflict.Replace, cancellationToken);
        await scheduler.ScheduleTrigger(Daily(RevealTrigger(group.Id), RevealDailyRoundJob.Key, group, group.RevealAt, zone), TriggerConflict.Replace, cancellationToken);
        LogScheduled(logger, group.Id, group.DailyAt, group.RevealAt, group.TimeZoneId);
    }

    private ITrigger Daily(TriggerKey key, JobKey job, StudyGroup group, NodaTime.LocalTime at, TimeZoneInfo zone) =>
        TriggerBuilder.Create(time)
            .WithIdentity(key)
            .ForJob(job)
            .UsingJobData(GroupIdKey, group.Id)
            .WithSchedule(CronScheduleBuilder
                .Create(string.Create(CultureInfo.InvariantCulture, $"0 {at.Minute} {at.Hour} ? * *"))
                .InTimeZone(zone)
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {GroupId}: daily question at {PostAt}, reveal at {RevealAt} ({TimeZone})")]
    private static partial void LogScheduled(ILogger logger, string groupId, NodaTime.LocalTime postAt, NodaTime.LocalTime revealAt, string timeZone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {GroupId} is paused: its schedule is removed")]
    private static partial void LogUnscheduled(ILogger logger, string groupId);
}
