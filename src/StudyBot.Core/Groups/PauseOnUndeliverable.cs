using Microsoft.Extensions.Logging;
using StudyBot.Outbox;

namespace StudyBot.Groups;

/// <summary>Pauses the groups of a channel the platform refuses for good, so the bot stops posting into
/// the void; an admin's /setup channel or /setup resume starts it again.</summary>
public sealed partial class PauseOnUndeliverable(IGroupStore groups, IGroupSchedule schedule, ILogger<PauseOnUndeliverable> logger) : IUndeliverableChannelHandler
{
    public async Task ChannelFailedAsync(string channelId, string reason, CancellationToken cancellationToken)
    {
        foreach (var group in await groups.FindByChannelAsync(channelId, cancellationToken))
        {
            if (group.Paused)
            {
                continue;
            }

            var paused = group with { Paused = true, PausedReason = $"the bot could not post in the channel: {reason}" };
            await groups.SaveAsync(paused, cancellationToken);
            await schedule.ScheduleAsync(paused, cancellationToken);
            LogPaused(logger, group.Id, channelId, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {GroupId} paused: channel {ChannelId} refused the bot's post ({Reason}). An admin can run /setup channel to pick another.")]
    private static partial void LogPaused(ILogger logger, string groupId, string channelId, string reason);
}
