using StudyBot.Groups;

namespace StudyBot.App.Local;

/// <summary>On the local channel the bot can always post: the terminal is the channel.</summary>
public sealed class LocalChannelAccess : IChannelAccess
{
    public Task<ChannelCheck> CheckCanPostAsync(string groupId, string channelId, CancellationToken cancellationToken) =>
        Task.FromResult(ChannelCheck.Usable);
}
