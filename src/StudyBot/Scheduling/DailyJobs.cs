using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Quartz;
using StudyBot.Daily;
using StudyBot.Groups;
using StudyBot.Time;

namespace StudyBot.App.Scheduling;

/// <summary>Fires at a group's daily post time and opens that day's round.</summary>
/// <remarks>
/// The trigger's misfire policy is FireAndProceed: after downtime Quartz fires once at restart. Whether
/// that late firing still posts is decided here, from the group's own clock, not from Quartz's idea of
/// the missed time: inside the grace window on the same local day it posts, otherwise the day is skipped.
/// Firing twice for the same day opens one round (the store's unique group + date).
/// </remarks>
public sealed partial class OpenDailyRoundJob(
    IGroupStore groups, DailyService daily, TimeProvider time, IOptions<ScheduleOptions> options, ILogger<OpenDailyRoundJob> logger) : IJob
{
    public static readonly JobKey Key = new("open-daily-round", "daily");

    // Quartz may fire a moment before the minute; a firing this close to the post time counts as on time.
    private static readonly Duration EarlyTolerance = Duration.FromMinutes(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var groupId = context.MergedJobDataMap.GetString(GroupScheduler.GroupIdKey) ?? string.Empty;
        var group = await groups.FindAsync(groupId, cancellationToken);
        if (group is null || group.Paused)
        {
            LogSkipped(logger, groupId, group is null ? "the group no longer exists" : "the group is paused");
            return;
        }

        var now = time.GetUtcNow();
        if (!ShouldPost(group, now, options.Value.MissedPostGrace, out var date))
        {
            LogMissed(logger, groupId, options.Value.MissedPostGrace);
            return;
        }

        await daily.OpenRoundAsync(group, date, cancellationToken);
    }

    /// <summary>True when <paramref name="now"/> is within the grace window after today's post time.</summary>
    public static bool ShouldPost(StudyGroup group, DateTimeOffset now, TimeSpan grace, out LocalDate date)
    {
        date = group.LocalDate(now);
        var postAt = GroupCalendar.ToInstant(GroupCalendar.At(date, group.DailyAt, group.TimeZoneId));
        var late = GroupCalendar.ToInstant(now) - postAt;
        return late >= -EarlyTolerance && late <= Duration.FromTimeSpan(grace);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily post for group {GroupId} skipped: the bot was down at the post time and came back more than {Grace} later, or on another day")]
    private static partial void LogMissed(ILogger logger, string groupId, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily post for group {GroupId} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string groupId, string reason);
}

/// <summary>Fires at a group's reveal time and reveals every round whose reveal time has come.
/// A reveal missed during downtime happens at restart (FireAndProceed), whatever the grace window.</summary>
public sealed class RevealDailyRoundJob(IGroupStore groups, DailyService daily, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("reveal-daily-round", "daily");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var groupId = context.MergedJobDataMap.GetString(GroupScheduler.GroupIdKey) ?? string.Empty;
        if (await groups.FindAsync(groupId, cancellationToken) is not { } group)
        {
            return;
        }

        // Quartz may fire a moment before the scheduled instant; reveal as of the later of the two.
        var now = time.GetUtcNow();
        var asOf = context.ScheduledFireTimeUtc is { } scheduled && scheduled > now ? scheduled : now;
        await daily.RevealDueAsync(group, asOf, cancellationToken);
    }
}

/// <summary>Fires when a group's week ends (midnight starting its first day, in its zone) and posts the
/// week's final board and winners. Posting is recorded per group and week, so a repeated or late firing
/// (FireAndProceed after downtime) posts once.</summary>
public sealed class WeeklyCloseJob(IGroupStore groups, StudyBot.Leaderboards.WeeklyChallenge challenge, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("close-week", "daily");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var groupId = context.MergedJobDataMap.GetString(GroupScheduler.GroupIdKey) ?? string.Empty;
        if (await groups.FindAsync(groupId, cancellationToken) is { Paused: false } group)
        {
            // Fired a moment early, the scheduled instant still names the new week.
            var now = time.GetUtcNow();
            var asOf = context.ScheduledFireTimeUtc is { } scheduled && scheduled > now ? scheduled : now;
            await challenge.ClosePreviousWeekAsync(group, asOf, cancellationToken);
        }
    }
}
