using System.Globalization;
using System.Text.Json;
using StudyBot.Chat;
using StudyBot.Discord.Commands;

namespace StudyBot.Discord.Interactions;

/// <summary>Translates Discord interaction payloads into the platform-neutral model.</summary>
internal static class InteractionMapper
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;
    public const int ModalSubmit = 5;

    private const int SubcommandType = 1;
    private const int SubcommandGroupType = 2;
    private const int AttachmentType = 11;

    public static ChatContext Context(DiscordInteraction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var user = interaction.Member?.User ?? interaction.User
            ?? throw new InvalidOperationException("An interaction without a user.");
        var display = interaction.Member?.Nick ?? user.GlobalName ?? user.Username ?? user.Id;
        var channel = interaction.ChannelId ?? string.Empty;
        return new ChatContext(
            ChatPlatformKind.Discord,
            interaction.GuildId ?? $"dm:{channel}",
            channel,
            new ChatUser(user.Id, display),
            IsGroupAdmin(interaction));
    }

    /// <summary>True when the member in a guild has Administrator or Manage Server. Never true in DMs.</summary>
    public static bool IsGroupAdmin(DiscordInteraction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.GuildId is null
            || !ulong.TryParse(interaction.Member?.Permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var permissions))
        {
            return false;
        }

        return (permissions & (CommandRegistrar.Administrator | CommandRegistrar.ManageGuild)) != 0;
    }

    public static CommandRequest Command(DiscordInteraction interaction)
    {
        var (subcommand, options) = Flatten(interaction.Data?.Options);
        // An attachment option's value is the attachment's id; features get its download URL instead,
        // which they read through IAttachmentReader.
        var attachments = interaction.Data?.Resolved?.Attachments;
        var values = options.ToDictionary(
            o => o.Name,
            o => o.Type == AttachmentType && attachments?.GetValueOrDefault(Text(o.Value)) is { } file ? file.Url : Text(o.Value),
            StringComparer.Ordinal);
        return new CommandRequest(Context(interaction), CommandName(interaction), subcommand, values);
    }

    public static AutocompleteRequest AutocompleteFor(DiscordInteraction interaction)
    {
        var (subcommand, options) = Flatten(interaction.Data?.Options);
        var focused = options.FirstOrDefault(o => o.Focused == true) ?? options.LastOrDefault();
        return new AutocompleteRequest(
            Context(interaction),
            CommandName(interaction),
            subcommand,
            focused?.Name ?? string.Empty,
            focused is null ? string.Empty : Text(focused.Value));
    }

    /// <summary>The Discord option type of the option being typed (4 integer, 10 number, 3 string).</summary>
    public static int FocusedOptionType(DiscordInteraction interaction)
    {
        var (_, options) = Flatten(interaction.Data?.Options);
        return (options.FirstOrDefault(o => o.Focused == true) ?? options.LastOrDefault())?.Type ?? 3;
    }

    public static ComponentClick Click(DiscordInteraction interaction) =>
        new(Context(interaction), interaction.Data?.CustomId ?? string.Empty, interaction.Message?.Id);

    public static ModalSubmission Modal(DiscordInteraction interaction)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(interaction.Data?.Components, values);
        return new ModalSubmission(Context(interaction), interaction.Data?.CustomId ?? string.Empty, values);
    }

    private static string CommandName(DiscordInteraction interaction) =>
        (interaction.Data?.Name ?? string.Empty).ToLowerInvariant();

    private static void Collect(List<SubmittedComponent>? components, Dictionary<string, string> values)
    {
        foreach (var component in components ?? [])
        {
            // Text inputs arrive inside action rows (legacy) or labels (current).
            if (component.CustomId is { } id && component.Value is { } value)
            {
                values[id] = value;
            }

            Collect(component.Components, values);
            if (component.Component is { } inner)
            {
                Collect([inner], values);
            }
        }
    }

    private static (string? Subcommand, List<InteractionOption> Options) Flatten(List<InteractionOption>? options)
    {
        options ??= [];
        if (options is [{ Type: SubcommandGroupType } group])
        {
            var (sub, inner) = Flatten(group.Options);
            return (sub is null ? group.Name : $"{group.Name} {sub}", inner);
        }

        if (options is [{ Type: SubcommandType } subcommand])
        {
            return (subcommand.Name, subcommand.Options ?? []);
        }

        return (null, options);
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => string.Empty,
    };
}
