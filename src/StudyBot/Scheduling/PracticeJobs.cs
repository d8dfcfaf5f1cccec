using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using StudyBot.Groups;
using StudyBot.Practice;

namespace StudyBot.App.Scheduling;

/// <summary>Fires at a group's daily post time and nudges its opted-in members who have practice reviews due.</summary>
/// <remarks>
/// Same clock rules as the daily post (<see cref="OpenDailyRoundJob.ShouldPost"/>): a firing replayed after
/// downtime still nudges within the grace window on the same local day, otherwise the day is skipped. The
/// store records each member's nudge per local day with its outbox row, so a second firing nudges nobody twice.
/// </remarks>
public sealed partial class PracticeReminderJob(
    IGroupStore groups, PracticeReminders reminders, TimeProvider time, IOptions<ScheduleOptions> options, ILogger<PracticeReminderJob> logger) : IJob
{
    public static readonly JobKey Key = new("practice-reminder", "daily");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var groupId = context.MergedJobDataMap.GetString(GroupScheduler.GroupIdKey) ?? string.Empty;
        if (await groups.FindAsync(groupId, cancellationToken) is not { Paused: false } group)
        {
            return;
        }

        if (!OpenDailyRoundJob.ShouldPost(group, time.GetUtcNow(), options.Value.MissedPostGrace, out var date))
        {
            LogMissed(logger, groupId);
            return;
        }

        await reminders.RemindAsync(group, date, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Practice reminders for group {GroupId} skipped: the bot was down at the daily post time")]
    private static partial void LogMissed(ILogger logger, string groupId);
}
