namespace StudyBot.Chat;

/// <summary>The chat platforms StudyBot speaks to. Feature code never sees a platform's own types.</summary>
public enum ChatPlatformKind
{
    Local,
    Discord,
    Teams,
}

/// <summary>A member of a study group as the platform identifies them.</summary>
/// <param name="Id">The platform's stable user id (a Discord snowflake, a local name).</param>
/// <param name="DisplayName">The name to show on boards and reveals.</param>
public sealed record ChatUser(string Id, string DisplayName)
{
    public string Id { get; } = !string.IsNullOrWhiteSpace(Id) ? Id : throw new ArgumentException("A user needs an id.", nameof(Id));

    public string DisplayName { get; } = string.IsNullOrWhiteSpace(DisplayName) ? Id : DisplayName;
}

/// <summary>Where an inbound request came from and who sent it.</summary>
/// <param name="Platform">The platform the request arrived on.</param>
/// <param name="GroupId">The study group: a Discord guild id, or "local".</param>
/// <param name="ChannelId">The channel the request was made in.</param>
/// <param name="User">Who sent it.</param>
/// <param name="IsGroupAdmin">True when the platform says this user may administer the group
/// (on Discord: the Manage Server permission). Admin commands check this on the server side.</param>
public sealed record ChatContext(ChatPlatformKind Platform, string GroupId, string ChannelId, ChatUser User, bool IsGroupAdmin);

/// <summary>A slash command (or its typed equivalent on the local channel).</summary>
/// <param name="Context">Who sent it, where.</param>
/// <param name="Name">The top-level command, lower case, without the slash: "answer", "leaderboard".</param>
/// <param name="Subcommand">The subcommand, if any: "schedule" in "/exam schedule".</param>
/// <param name="Options">Named option values as the user gave them, still unvalidated text.</param>
public sealed record CommandRequest(
    ChatContext Context,
    string Name,
    string? Subcommand,
    IReadOnlyDictionary<string, string> Options)
{
    public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A click on a button the bot rendered earlier.</summary>
/// <param name="Context">Who clicked, where.</param>
/// <param name="CustomId">The button's custom id, as the bot wrote it (at most 100 characters). Never trusted:
/// whatever it encodes is checked against the store and the clicking user.</param>
/// <param name="MessageId">The platform id of the message the button is on, when known.</param>
public sealed record ComponentClick(ChatContext Context, string CustomId, string? MessageId);

/// <summary>How a button looks. Adapters map it to their platform's styles.</summary>
public enum ButtonStyle
{
    Primary,
    Secondary,
    Success,
    Danger,
}

/// <summary>A button under a message.</summary>
/// <param name="CustomId">Opaque id handed back in <see cref="ComponentClick"/>; at most 100 characters.</param>
/// <param name="Label">Text on the button; at most 80 characters.</param>
public sealed record ChatButton(string CustomId, string Label, ButtonStyle Style = ButtonStyle.Secondary, bool Disabled = false)
{
    public const int MaxCustomIdLength = 100;

    public string CustomId { get; } = CustomId is { Length: > 0 and <= MaxCustomIdLength }
        ? CustomId
        : throw new ArgumentException($"A button's custom id must be 1-{MaxCustomIdLength} characters.", nameof(CustomId));
}

/// <summary>A named block of text within a message (an embed field on Discord).</summary>
public sealed record ChatField(string Name, string Value, bool Inline = false);

/// <summary>A message the bot sends: platform-neutral, rendered by each adapter within its own limits.</summary>
/// <param name="Title">A short heading.</param>
/// <param name="Body">The main text.</param>
/// <param name="Fields">Extra named blocks, in order.</param>
/// <param name="Buttons">Buttons under the message, in order.</param>
/// <param name="Ephemeral">True when only the person who asked may see it (receipts, errors, private work).</param>
public sealed record ChatMessage(
    string Title,
    string Body,
    IReadOnlyList<ChatField> Fields,
    IReadOnlyList<ChatButton> Buttons,
    bool Ephemeral)
{
    /// <summary>Platform user ids this message means to ping, in order; none by default. Adapters ping exactly
    /// these members (on Discord: mentions in the content and allowed_mentions.users) and nobody else. The body
    /// should still say in words who is meant, so the text reads the same where pings do not exist.</summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];

    /// <summary>A private reply with only text: receipts and error messages.</summary>
    public static ChatMessage Private(string body) => new(string.Empty, body, [], [], Ephemeral: true);

    /// <summary>A private reply with a heading.</summary>
    public static ChatMessage Private(string title, string body) => new(title, body, [], [], Ephemeral: true);

    /// <summary>A message everyone in the channel sees.</summary>
    public static ChatMessage Public(string title, string body) => new(title, body, [], [], Ephemeral: false);
}

/// <summary>What a platform needs to post and edit messages in a group's channel.</summary>
public interface IChatPlatform
{
    ChatPlatformKind Kind { get; }

    /// <summary>Posts a message to a channel and returns the platform's id for it.</summary>
    /// <exception cref="ChatDeliveryException">The platform refused or failed; see <see cref="ChatDeliveryException.IsPermanent"/>.</exception>
    Task<string> SendAsync(string channelId, ChatMessage message, CancellationToken cancellationToken) =>
        SendAsync(channelId, message, idempotencyKey: null, cancellationToken);

    /// <summary>Posts a message to a channel and returns the platform's id for it. A platform that can
    /// deduplicate (Discord's nonce) posts a message once per <paramref name="idempotencyKey"/>, so a retry
    /// after a lost response returns the first message instead of posting another; others may ignore it.</summary>
    /// <param name="idempotencyKey">Stable across retries of the same post (at most 25 characters); null for none.</param>
    /// <exception cref="ChatDeliveryException">The platform refused or failed; see <see cref="ChatDeliveryException.IsPermanent"/>.</exception>
    Task<string> SendAsync(string channelId, ChatMessage message, string? idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Replaces the content of a message the bot posted earlier.</summary>
    /// <exception cref="ChatDeliveryException">The platform refused or failed; see <see cref="ChatDeliveryException.IsPermanent"/>.</exception>
    Task EditAsync(string channelId, string messageId, ChatMessage message, CancellationToken cancellationToken);
}

/// <summary>A send or edit that did not reach the channel.</summary>
public sealed class ChatDeliveryException : Exception
{
    public ChatDeliveryException(string message, bool isPermanent, Exception? inner = null)
        : base(message, inner) => IsPermanent = isPermanent;

    public ChatDeliveryException()
    {
    }

    public ChatDeliveryException(string message)
        : base(message)
    {
    }

    public ChatDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when retrying cannot help (the channel is gone, the bot lost its permission).</summary>
    public bool IsPermanent { get; }
}
