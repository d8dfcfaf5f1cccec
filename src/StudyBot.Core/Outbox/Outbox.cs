using System.Text.Json;
using System.Text.Json.Serialization;
using StudyBot.Chat;

namespace StudyBot.Outbox;

/// <summary>What a pending outbox row asks the dispatcher to do.</summary>
public enum OutboxAction
{
    /// <summary>Post a new message to the channel.</summary>
    Send,

    /// <summary>Edit the message that an earlier outbox row posted (falls back to a new post if that one never made it).</summary>
    Edit,
}

/// <summary>A message to deliver, written in the same transaction as the state change that causes it.</summary>
/// <param name="ChannelId">The channel to post in.</param>
/// <param name="Action">Send or edit.</param>
/// <param name="Message">What to show.</param>
/// <param name="EditOf">For edits: the outbox id of the row that posted the message being edited.</param>
public sealed record OutboxEntry(string ChannelId, OutboxAction Action, ChatMessage Message, long? EditOf = null)
{
    public static OutboxEntry Send(string channelId, ChatMessage message) => new(channelId, OutboxAction.Send, message);

    public static OutboxEntry Edit(string channelId, long editOf, ChatMessage message) => new(channelId, OutboxAction.Edit, message, editOf);
}

/// <summary>An outbox row waiting for delivery.</summary>
/// <param name="Attempts">Delivery attempts so far.</param>
/// <param name="EditMessageId">For edits: the platform id of the message to edit, when its post was delivered.</param>
public sealed record PendingOutboxEntry(long Id, OutboxEntry Entry, int Attempts, string? EditMessageId);

/// <summary>The durable queue between scheduled work and the chat platform.</summary>
public interface IOutboxStore
{
    /// <summary>Rows due now, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PendingOutboxEntry>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Marks a row delivered and records the platform's message id.</summary>
    Task MarkSentAsync(long id, string messageId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt; the row is retried at <paramref name="retryAt"/>.</summary>
    Task MarkRetryAsync(long id, string error, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Gives up on a row: the platform said retrying cannot help.</summary>
    Task MarkFailedAsync(long id, string error, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Source-generated JSON for the messages kept in the outbox.</summary>
[JsonSerializable(typeof(ChatMessage))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
public sealed partial class OutboxJsonContext : JsonSerializerContext
{
    public static string Serialize(ChatMessage message) => JsonSerializer.Serialize(message, Default.ChatMessage);

    public static ChatMessage Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Default.ChatMessage) ?? throw new JsonException("An outbox row holds no message.");
}

/// <summary>Wakes the dispatcher when a new row is written, so posts go out at once instead of at the next poll.</summary>
public interface IOutboxSignal
{
    void Notify();
}

/// <summary>Told when the platform says a channel can no longer take the bot's posts (deleted, access removed).</summary>
public interface IUndeliverableChannelHandler
{
    Task ChannelFailedAsync(string channelId, string reason, CancellationToken cancellationToken);
}
