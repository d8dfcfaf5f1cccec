using System.Globalization;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Rest;
using StudyBot.Groups;

namespace StudyBot.Discord;

/// <summary>Discord permission bits StudyBot cares about (developers/topics/permissions).</summary>
[Flags]
internal enum DiscordPermissions : ulong
{
    None = 0,
    Administrator = 1UL << 3,
    ViewChannel = 1UL << 10,
    SendMessages = 1UL << 11,
    EmbedLinks = 1UL << 14,
    ReadMessageHistory = 1UL << 16,
    All = ulong.MaxValue,
}

/// <summary>The bot's effective permissions in a channel, by the "Permission Overwrites" algorithm of Discord's
/// documentation: @everyone, then the member's roles (Administrator grants everything), then the channel's
/// @everyone overwrite, its role overwrites taken together, and last the member's own overwrite.</summary>
internal static class ChannelPermissions
{
    public static DiscordPermissions Compute(
        string guildId, string userId, IReadOnlyCollection<string> memberRoles, IReadOnlyList<RoleResponse> guildRoles, IReadOnlyList<PermissionOverwrite> overwrites)
    {
        // Guild ownership (which also grants everything) is not checked: a bot owns a guild only if it created
        // it, and asking for the guild on every check would cost a request for a case StudyBot never meets.
        var everyone = guildRoles.FirstOrDefault(r => r.Id == guildId);
        var permissions = Parse(everyone?.Permissions);
        foreach (var role in guildRoles.Where(r => memberRoles.Contains(r.Id)))
        {
            permissions |= Parse(role.Permissions);
        }

        if (permissions.HasFlag(DiscordPermissions.Administrator))
        {
            return DiscordPermissions.All;
        }

        if (overwrites.FirstOrDefault(o => o.Id == guildId) is { } everyoneOverwrite)
        {
            permissions = (permissions & ~Parse(everyoneOverwrite.Deny)) | Parse(everyoneOverwrite.Allow);
        }

        var allow = DiscordPermissions.None;
        var deny = DiscordPermissions.None;
        foreach (var overwrite in overwrites.Where(o => o.Type == 0 && o.Id != guildId && memberRoles.Contains(o.Id)))
        {
            allow |= Parse(overwrite.Allow);
            deny |= Parse(overwrite.Deny);
        }

        permissions = (permissions & ~deny) | allow;
        if (overwrites.FirstOrDefault(o => o.Type == 1 && o.Id == userId) is { } memberOverwrite)
        {
            permissions = (permissions & ~Parse(memberOverwrite.Deny)) | Parse(memberOverwrite.Allow);
        }

        return permissions;
    }

    private static DiscordPermissions Parse(string? bits) =>
        ulong.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? (DiscordPermissions)value : DiscordPermissions.None;
}

/// <summary>
/// /setup channel on Discord: reads the channel, the guild's roles and the bot's member record, and refuses a
/// channel the bot cannot post its embeds in, saying which permission is missing. When Discord does not answer
/// (5xx, timeouts, a long rate limit) the channel is accepted unchecked: the first post is the real test, and a
/// refused post pauses the group with the reason.
/// </summary>
internal sealed partial class DiscordChannelAccess(DiscordRestClient rest, DiscordTimings timings, ILogger<DiscordChannelAccess> logger) : IChannelAccess
{
    private static readonly (DiscordPermissions Bit, string Name)[] Needed =
    [
        (DiscordPermissions.ViewChannel, "View Channel"),
        (DiscordPermissions.SendMessages, "Send Messages"),
        (DiscordPermissions.EmbedLinks, "Embed Links"),
        (DiscordPermissions.ReadMessageHistory, "Read Message History"),
    ];

    private string? botUserId;

    public async Task<ChannelCheck> CheckCanPostAsync(string groupId, string channelId, CancellationToken cancellationToken)
    {
        if (!ulong.TryParse(channelId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return ChannelCheck.Refused("that is not a Discord channel id; pick the channel from the list.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timings.ChannelCheckTimeout);
        try
        {
            return await CheckAsync(groupId, channelId, timeout.Token);
        }
        catch (DiscordRestException ex) when (ex.StatusCode == 404)
        {
            return ChannelCheck.Refused("that channel does not exist (it may have been deleted).");
        }
        catch (DiscordRestException ex) when (ex.StatusCode == 403)
        {
            return ChannelCheck.Refused("I can't see that channel: give me the View Channel permission there.");
        }
        catch (DiscordRestException ex)
        {
            LogUnchecked(logger, ex, groupId, channelId);
            return ChannelCheck.Unverified("Discord did not answer");
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnchecked(logger, ex, groupId, channelId);
            return ChannelCheck.Unverified("Discord did not answer in time");
        }
    }

    private async Task<ChannelCheck> CheckAsync(string groupId, string channelId, CancellationToken cancellationToken)
    {
        var channel = await rest.GetAsync(DiscordRoute.GetChannel(channelId), DiscordJsonContext.Default.ChannelResponse, cancellationToken)
            ?? throw new DiscordRestException("Discord described no channel.", 0, 0);
        if (channel.GuildId != groupId)
        {
            return ChannelCheck.Refused("that channel is not in this server.");
        }

        // Text (0) and announcement (5) channels take the bot's posts; threads need other permissions and
        // voice channels, categories, forums and stages are no place for a daily question.
        if (channel.Type is not (0 or 5))
        {
            return ChannelCheck.Refused("that is not a text channel.");
        }

        var userId = botUserId ??= (await rest.GetAsync(DiscordRoute.GetCurrentUser(), DiscordJsonContext.Default.DiscordUser, cancellationToken))?.Id
            ?? throw new DiscordRestException("Discord described no current user.", 0, 0);
        var roles = await rest.GetAsync(DiscordRoute.GetGuildRoles(groupId), DiscordJsonContext.Default.ListRoleResponse, cancellationToken) ?? [];
        var member = await rest.GetAsync(DiscordRoute.GetGuildMember(groupId, userId), DiscordJsonContext.Default.DiscordMember, cancellationToken);
        var permissions = ChannelPermissions.Compute(groupId, userId, member?.Roles ?? [], roles, channel.PermissionOverwrites ?? []);
        if (!permissions.HasFlag(DiscordPermissions.ViewChannel))
        {
            return ChannelCheck.Refused("I can't see that channel: give me the View Channel permission there.");
        }

        var missing = Needed.Where(n => !permissions.HasFlag(n.Bit)).Select(n => n.Name).ToList();
        return missing.Count == 0
            ? ChannelCheck.Usable
            : ChannelCheck.Refused($"I am missing {string.Join(", ", missing)} there.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the bot's permissions in channel {ChannelId} of group {GroupId}; accepting it unchecked")]
    private static partial void LogUnchecked(ILogger logger, Exception exception, string groupId, string channelId);
}
