using StudyBot.Chat;
using StudyBot.Discord.Rendering;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord;

/// <summary>Posts and edits channel messages through Discord's REST API.</summary>
internal sealed class DiscordChatPlatform(DiscordRestClient rest) : IChatPlatform
{
    private const int MaxNonceLength = 25;

    public ChatPlatformKind Kind => ChatPlatformKind.Discord;

    public async Task<string> SendAsync(string channelId, ChatMessage message, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var payload = MessageRenderer.Render(message, allowEphemeral: false);
        if (idempotencyKey is not null)
        {
            // The REST client retries a timed-out attempt with the same body, and the outbox retries with the same
            // key: either way a post Discord stored before the response was lost comes back instead of a second one.
            payload.Nonce = idempotencyKey.Length <= MaxNonceLength ? idempotencyKey
                : throw new ArgumentException($"An idempotency key on Discord is at most {MaxNonceLength} characters.", nameof(idempotencyKey));
            payload.EnforceNonce = true;
        }

        try
        {
            var sent = await rest.SendAsync(
                DiscordRoute.CreateMessage(channelId),
                payload,
                DiscordJsonContext.Default.MessagePayload,
                DiscordJsonContext.Default.MessageResponse,
                cancellationToken);
            return sent?.Id is { Length: > 0 } id ? id : throw new ChatDeliveryException("Discord did not return a message id.", isPermanent: false);
        }
        catch (DiscordRestException ex)
        {
            throw Translate(ex, channelId);
        }
    }

    public async Task EditAsync(string channelId, string messageId, ChatMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await rest.SendAsync(
                DiscordRoute.EditMessage(channelId, messageId),
                MessageRenderer.Render(message, allowEphemeral: false),
                DiscordJsonContext.Default.MessagePayload,
                cancellationToken);
        }
        catch (DiscordRestException ex)
        {
            throw Translate(ex, channelId);
        }
    }

    private static ChatDeliveryException Translate(DiscordRestException ex, string channelId)
    {
        // 403 (missing access or permissions) and 404 (unknown channel or message) won't change by retrying;
        // neither will a 400 (the request itself is wrong). Rate limits, 5xx and timeouts might.
        var permanent = ex.StatusCode is 400 or 403 or 404;
        return new ChatDeliveryException($"Discord refused the message for channel {channelId}: {ex.Message}", permanent, ex);
    }
}
