using System.Collections.Concurrent;
using System.Globalization;
using StudyBot.Chat;

namespace StudyBot.App.Local;

/// <summary>The local channel as a chat platform: posts and edits are printed to the terminal.</summary>
public sealed class LocalChatPlatform(LocalConsole console) : IChatPlatform
{
    private readonly ConcurrentDictionary<string, ChatMessage> messages = new();
    private int nextId;

    public ChatPlatformKind Kind => ChatPlatformKind.Local;

    /// <summary>The id of the latest message with buttons that can still be clicked.</summary>
    public string? LatestClickable { get; private set; }

    public Task<string> SendAsync(string channelId, ChatMessage message, CancellationToken cancellationToken)
    {
        var id = "m" + Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        Remember(id, message);
        console.Write(LocalRenderer.Render(message));
        return Task.FromResult(id);
    }

    public Task EditAsync(string channelId, string messageId, ChatMessage message, CancellationToken cancellationToken)
    {
        if (!messages.ContainsKey(messageId))
        {
            throw new ChatDeliveryException($"Message {messageId} does not exist.", isPermanent: true);
        }

        Remember(messageId, message);
        console.Write(LocalRenderer.Render(message, $"(message {messageId} was edited)"));
        return Task.CompletedTask;
    }

    /// <summary>Shows a reply to the person at the terminal; its buttons become clickable.</summary>
    public void ShowReply(ChatMessage message, string? replacing = null)
    {
        var id = replacing ?? "r" + Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        Remember(id, message);
        console.Write(LocalRenderer.Render(message));
    }

    /// <summary>Finds the button a typed /click means: by label on the latest clickable message.</summary>
    public (ChatButton? Button, string? MessageId) FindButton(string label)
    {
        if (LatestClickable is not { } id || !messages.TryGetValue(id, out var message))
        {
            return (null, null);
        }

        var button = message.Buttons.FirstOrDefault(b => !b.Disabled && b.Label.Equals(label.Trim(), StringComparison.OrdinalIgnoreCase));
        return (button, id);
    }

    private void Remember(string id, ChatMessage message)
    {
        messages[id] = message;
        if (message.Buttons.Any(b => !b.Disabled))
        {
            LatestClickable = id;
        }
        else if (LatestClickable == id)
        {
            LatestClickable = null;
        }
    }
}
