using StudyBot.Chat;

namespace StudyBot.Discord.Rendering;

/// <summary>Renders the neutral <see cref="ChatMessage"/> as an embed with button rows, inside every Discord limit:
/// long text is shortened (marked with an ellipsis) or carried into a second embed, never rejected.</summary>
internal static class MessageRenderer
{
    public const int EphemeralFlag = 1 << 6;
    public const int MaxTitle = 256;
    public const int MaxDescription = 4096;
    public const int MaxFields = 25;
    public const int MaxFieldName = 256;
    public const int MaxFieldValue = 1024;
    public const int MaxEmbedTotal = 6000;
    public const int MaxEmbeds = 10;
    public const int MaxButtonLabel = 80;
    public const int ButtonsPerRow = 5;
    public const int MaxRows = 5;
    public const int MaxModalTitle = 45;
    public const int MaxInputLabel = 45;
    public const int MaxInputs = 5;
    public const int MaxChoices = 25;
    public const int MaxChoiceText = 100;
    public const int MaxMentionedUsers = 100;

    // Discord rejects empty field names and values; a zero-width space renders as nothing.
    private const string Blank = "\u200b";
    private const string Ellipsis = "…";
    private const int StudyBotColor = 0x2B7A78;

    /// <summary>A message body for channel posts, edits and interaction replies.</summary>
    /// <param name="allowEphemeral">Channel messages can't be ephemeral; only interaction replies set flag 64.</param>
    public static MessagePayload Render(ChatMessage message, bool allowEphemeral)
    {
        ArgumentNullException.ThrowIfNull(message);
        var embeds = RenderEmbeds(message);
        var users = MentionedUsers(message);
        return new MessagePayload
        {
            // Mentions inside embeds never ping, so they go in the content. An embed-less message still needs
            // some content to be accepted.
            Content = users.Count > 0 ? string.Join(' ', users.Select(id => $"<@{id}>")) : embeds.Count == 0 ? Blank : null,
            Embeds = embeds,
            Components = RenderButtons(message.Buttons),
            AllowedMentions = new AllowedMentionsPayload { Users = users.Count > 0 ? users : null },
            Flags = allowEphemeral && message.Ephemeral ? EphemeralFlag : null,
        };
    }

    /// <summary>The users the message means to ping: snowflakes only (anything else could not be a Discord user),
    /// each once, at most the 100 Discord accepts.</summary>
    public static List<string> MentionedUsers(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return [.. message.Mentions
            .Where(id => id.Length is > 0 and <= 20 && id.All(char.IsAsciiDigit))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxMentionedUsers)];
    }

    public static InteractionCallbackData ToCallbackData(MessagePayload payload) => new()
    {
        Content = payload.Content,
        Embeds = payload.Embeds,
        Components = payload.Components,
        AllowedMentions = payload.AllowedMentions,
        Flags = payload.Flags,
    };

    public static List<EmbedPayload> RenderEmbeds(ChatMessage message)
    {
        var title = Truncate(message.Title.Trim(), MaxTitle);
        var fields = message.Fields.Take(MaxFields)
            .Select(f => new EmbedFieldPayload
            {
                Name = Truncate(NonEmpty(f.Name), MaxFieldName),
                Value = Truncate(NonEmpty(f.Value), MaxFieldValue),
                Inline = f.Inline ? true : null,
            })
            .ToList();
        if (message.Fields.Count > MaxFields)
        {
            // Say that something was left out rather than dropping it silently.
            fields[^1] = new EmbedFieldPayload { Name = Ellipsis, Value = $"{message.Fields.Count - MaxFields + 1} more not shown" };
        }

        var body = message.Body.Trim();
        if (title.Length == 0 && body.Length == 0 && fields.Count == 0)
        {
            return [];
        }

        // Every embed of a message shares one 6000-character budget. Title first, then the body
        // (keep at least a good part of it), then as many fields as still fit.
        var budget = MaxEmbedTotal - title.Length;
        var fieldsTotal = fields.Sum(f => f.Name.Length + f.Value.Length);
        var bodyBudget = Math.Min(body.Length, Math.Max(budget - fieldsTotal, Math.Min(budget, 2000)));
        body = Truncate(body, bodyBudget);
        var fieldBudget = budget - body.Length;
        while (fields.Count > 0 && fields.Sum(f => f.Name.Length + f.Value.Length) > fieldBudget)
        {
            fields.RemoveAt(fields.Count - 1);
        }

        var embeds = new List<EmbedPayload>();
        var chunks = Chunk(body, MaxDescription);
        for (var i = 0; i < chunks.Count || i == 0; i++)
        {
            embeds.Add(new EmbedPayload
            {
                Title = i == 0 && title.Length > 0 ? title : null,
                Description = i < chunks.Count && chunks[i].Length > 0 ? chunks[i] : null,
                Color = StudyBotColor,
            });
        }

        if (fields.Count > 0)
        {
            embeds[^1].Fields = fields;
        }

        return embeds;
    }

    public static List<ComponentPayload> RenderButtons(IReadOnlyList<ChatButton> buttons)
    {
        var rows = new List<ComponentPayload>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons)
        {
            // Discord rejects a message whose custom ids repeat, and allows 25 buttons in all.
            if (!seen.Add(button.CustomId) || seen.Count > ButtonsPerRow * MaxRows)
            {
                continue;
            }

            if (rows.Count == 0 || rows[^1].Components!.Count == ButtonsPerRow)
            {
                rows.Add(new ComponentPayload { Type = 1, Components = [] });
            }

            rows[^1].Components!.Add(new ComponentPayload
            {
                Type = 2,
                Style = button.Style switch
                {
                    ButtonStyle.Primary => 1,
                    ButtonStyle.Success => 3,
                    ButtonStyle.Danger => 4,
                    _ => 2,
                },
                Label = Truncate(string.IsNullOrWhiteSpace(button.Label) ? "•" : button.Label.Trim(), MaxButtonLabel),
                CustomId = button.CustomId,
                Disabled = button.Disabled ? true : null,
            });
        }

        return rows;
    }

    public static InteractionCallbackData RenderModal(ChatModal modal) => new()
    {
        CustomId = modal.CustomId.Length <= 100 ? modal.CustomId : throw new ArgumentException("A modal's custom id must be at most 100 characters.", nameof(modal)),
        Title = Truncate(NonEmpty(modal.Title), MaxModalTitle),
        Components = modal.Inputs.Take(MaxInputs).Select(input => new ComponentPayload
        {
            Type = 18, // label wrapping a text input
            Label = Truncate(NonEmpty(input.Label), MaxInputLabel),
            Component = new ComponentPayload
            {
                Type = 4,
                CustomId = input.CustomId,
                Style = input.Paragraph ? 2 : 1,
                Required = input.Required,
                MaxLength = Math.Clamp(input.MaxLength, 1, 4000),
            },
        }).ToList(),
    };

    /// <summary>Cuts text to at most <paramref name="max"/> UTF-16 units, ending with an ellipsis, never splitting a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= Ellipsis.Length)
        {
            return Ellipsis[..Math.Max(max, 0)];
        }

        var cut = max - Ellipsis.Length;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }

    private static string NonEmpty(string text) => string.IsNullOrWhiteSpace(text) ? Blank : text.Trim();

    private static List<string> Chunk(string text, int size)
    {
        var chunks = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(size, text.Length - start);
            if (start + length < text.Length)
            {
                // Prefer to break at a line end or space in the last quarter of the chunk.
                var breakAt = text.LastIndexOfAny(['\n', ' '], start + length - 1, length / 4);
                if (breakAt > start)
                {
                    length = breakAt - start + 1;
                }
                else if (char.IsHighSurrogate(text[start + length - 1]))
                {
                    length--;
                }
            }

            chunks.Add(text.Substring(start, length));
            start += length;
        }

        return chunks;
    }
}
