using StudyBot.Groups;

namespace StudyBot.App.Hosting;

/// <summary>
/// On Discord, whether the bot may post in a channel depends on role and channel permission overwrites
/// that change at any time; the first post is the real test. A refused post marks the outbox row failed
/// and pauses the group with the reason (see <see cref="PauseOnUndeliverable"/>), and /setup show says why.
/// </summary>
public sealed class DiscordChannelAccess : IChannelAccess
{
    public Task<string?> CheckCanPostAsync(string groupId, string channelId, CancellationToken cancellationToken) =>
        Task.FromResult(ulong.TryParse(channelId, out _)
            ? null
            : "that is not a Discord channel id; pick the channel from the list.");
}
