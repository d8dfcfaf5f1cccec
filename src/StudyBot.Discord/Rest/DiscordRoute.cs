namespace StudyBot.Discord.Rest;

/// <summary>One REST call: the route template names the rate-limit route, the major parameter splits its bucket.</summary>
/// <param name="Template">Method and path template, e.g. "POST /channels/{channel_id}/messages". Safe to log.</param>
/// <param name="Path">The concrete relative path. May hold an interaction token: never logged.</param>
/// <param name="MajorParameter">The top-level resource id that Discord buckets by (channel, guild, webhook).</param>
/// <param name="ExemptFromGlobalLimit">Interaction callbacks and webhooks do not count toward the global limit.</param>
internal sealed record DiscordRoute(HttpMethod Method, string Template, string Path, string MajorParameter, bool ExemptFromGlobalLimit = false)
{
    public string BucketKey => $"{Template}:{MajorParameter}";

    public static DiscordRoute GetGatewayBot() =>
        new(HttpMethod.Get, "GET /gateway/bot", "gateway/bot", string.Empty);

    public static DiscordRoute GetCurrentUser() =>
        new(HttpMethod.Get, "GET /users/@me", "users/@me", string.Empty);

    public static DiscordRoute GetChannel(string channelId) =>
        new(HttpMethod.Get, "GET /channels/{channel_id}", $"channels/{Esc(channelId)}", channelId);

    public static DiscordRoute GetGuildRoles(string guildId) =>
        new(HttpMethod.Get, "GET /guilds/{guild_id}/roles", $"guilds/{Esc(guildId)}/roles", guildId);

    public static DiscordRoute GetGuildMember(string guildId, string userId) =>
        new(HttpMethod.Get, "GET /guilds/{guild_id}/members/{user_id}", $"guilds/{Esc(guildId)}/members/{Esc(userId)}", guildId);

    public static DiscordRoute CreateMessage(string channelId) =>
        new(HttpMethod.Post, "POST /channels/{channel_id}/messages", $"channels/{Esc(channelId)}/messages", channelId);

    public static DiscordRoute EditMessage(string channelId, string messageId) =>
        new(HttpMethod.Patch, "PATCH /channels/{channel_id}/messages/{message_id}", $"channels/{Esc(channelId)}/messages/{Esc(messageId)}", channelId);

    public static DiscordRoute BulkOverwriteGlobalCommands(string applicationId) =>
        new(HttpMethod.Put, "PUT /applications/{application_id}/commands", $"applications/{Esc(applicationId)}/commands", applicationId);

    public static DiscordRoute BulkOverwriteGuildCommands(string applicationId, string guildId) =>
        new(HttpMethod.Put, "PUT /applications/{application_id}/guilds/{guild_id}/commands", $"applications/{Esc(applicationId)}/guilds/{Esc(guildId)}/commands", guildId);

    public static DiscordRoute InteractionCallback(string interactionId, string token) =>
        new(HttpMethod.Post, "POST /interactions/{interaction_id}/{interaction_token}/callback", $"interactions/{Esc(interactionId)}/{Esc(token)}/callback", interactionId, ExemptFromGlobalLimit: true);

    public static DiscordRoute EditOriginal(string applicationId, string token) =>
        new(HttpMethod.Patch, "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original", $"webhooks/{Esc(applicationId)}/{Esc(token)}/messages/@original", applicationId + token, ExemptFromGlobalLimit: true);

    public static DiscordRoute DeleteOriginal(string applicationId, string token) =>
        new(HttpMethod.Delete, "DELETE /webhooks/{application_id}/{interaction_token}/messages/@original", $"webhooks/{Esc(applicationId)}/{Esc(token)}/messages/@original", applicationId + token, ExemptFromGlobalLimit: true);

    public static DiscordRoute CreateFollowup(string applicationId, string token) =>
        new(HttpMethod.Post, "POST /webhooks/{application_id}/{interaction_token}", $"webhooks/{Esc(applicationId)}/{Esc(token)}", applicationId + token, ExemptFromGlobalLimit: true);

    private static string Esc(string segment) => Uri.EscapeDataString(segment);
}

/// <summary>Discord answered with an error that retrying the same request will not fix.</summary>
public sealed class DiscordRestException : Exception
{
    public DiscordRestException(string message, int statusCode, int discordCode, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        DiscordCode = discordCode;
    }

    public DiscordRestException()
    {
    }

    public DiscordRestException(string message)
        : base(message)
    {
    }

    public DiscordRestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status; 0 when no response came back (timeouts, the invalid-request guard).</summary>
    public int StatusCode { get; }

    /// <summary>Discord's JSON error code (10003 unknown channel, 50001 missing access...), 0 when absent.</summary>
    public int DiscordCode { get; }
}
