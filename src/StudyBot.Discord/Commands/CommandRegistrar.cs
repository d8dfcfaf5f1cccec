using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Chat;
using StudyBot.Discord.Rendering;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Commands;

/// <summary>Registers the bot's slash commands with one bulk overwrite at start: to the dev guild when one is
/// configured (updates show at once), globally otherwise.</summary>
internal sealed class CommandRegistrar(
    DiscordRestClient rest,
    IOptions<DiscordOptions> options,
    IEnumerable<CommandDefinition> definitions,
    ILogger<CommandRegistrar> logger)
{
    /// <summary>ADMINISTRATOR: members with it pass every permission check.</summary>
    public const ulong Administrator = 1UL << 3;

    /// <summary>MANAGE_GUILD ("Manage Server"): what StudyBot calls a group admin.</summary>
    public const ulong ManageGuild = 1UL << 5;

    private const int GuildContext = 0;

    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var payload = Build(definitions);
        var settings = options.Value;
        var guild = string.IsNullOrWhiteSpace(settings.DevGuildId) ? null : settings.DevGuildId;
        var route = guild is null
            ? DiscordRoute.BulkOverwriteGlobalCommands(settings.ApplicationId)
            : DiscordRoute.BulkOverwriteGuildCommands(settings.ApplicationId, guild);
        await rest.SendAsync(route, payload, DiscordJsonContext.Default.ListApplicationCommandPayload, cancellationToken);
        DiscordLog.CommandsRegistered(logger, payload.Count, guild is null ? "global" : "guild " + guild);
    }

    public static List<ApplicationCommandPayload> Build(IEnumerable<CommandDefinition> definitions) =>
        definitions.Select(Build).ToList();

    private static ApplicationCommandPayload Build(CommandDefinition definition)
    {
        List<CommandOptionPayload> options = definition.Subcommands.Count > 0
            ? definition.Subcommands.Select(s => new CommandOptionPayload
            {
                Type = 1,
                Name = Name(s.Name),
                Description = Description(s.Description, s.Name),
                Options = NullIfEmpty(Options(s.Options)),
            }).ToList()
            : Options(definition.Options);

        return new ApplicationCommandPayload
        {
            Name = Name(definition.Name),
            Description = Description(definition.Description, definition.Name),
            Options = NullIfEmpty(options),
            DefaultMemberPermissions = definition.AdminOnly ? ManageGuild.ToString(CultureInfo.InvariantCulture) : null,
            Contexts = [GuildContext],
        };
    }

    private static List<CommandOptionPayload> Options(IReadOnlyList<CommandOptionDefinition> options) =>
        // Discord requires required options before optional ones.
        options.OrderBy(o => o.Required ? 0 : 1).Take(25).Select(Option).ToList();

    private static CommandOptionPayload Option(CommandOptionDefinition option)
    {
        var type = option.Kind switch
        {
            CommandOptionKind.Number => 4,
            CommandOptionKind.User => 6,
            CommandOptionKind.Channel => 7,
            CommandOptionKind.Role => 8,
            CommandOptionKind.Attachment => 11,
            _ => 3,
        };
        var choices = (option.Choices ?? [])
            .Take(MessageRenderer.MaxChoices)
            .Select(c => Choice(c, type))
            .OfType<ChoicePayload>()
            .ToList();
        var canSuggest = type is 3 or 4 && choices.Count == 0;
        return new CommandOptionPayload
        {
            Type = type,
            Name = Name(option.Name),
            Description = Description(option.Description, option.Name),
            Required = option.Required ? true : null,
            Choices = NullIfEmpty(choices),
            Autocomplete = option.Autocomplete && canSuggest ? true : null,
            MinValue = type == 4 ? option.MinValue : null,
            MaxValue = type == 4 ? option.MaxValue : null,
        };
    }

    internal static ChoicePayload? Choice(AutocompleteChoice choice, int type) => type == 4
        ? long.TryParse(choice.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? new ChoicePayload { Name = ChoiceName(choice.Name), Value = JsonSerializer.SerializeToElement(number, DiscordJsonContext.Default.Int64) }
            : null
        : new ChoicePayload { Name = ChoiceName(choice.Name), Value = JsonSerializer.SerializeToElement(MessageRenderer.Truncate(choice.Value, MessageRenderer.MaxChoiceText), DiscordJsonContext.Default.String) };

    internal static string ChoiceName(string name) =>
        MessageRenderer.Truncate(string.IsNullOrWhiteSpace(name) ? "-" : name.Trim(), MessageRenderer.MaxChoiceText);

    private static string Name(string name) => name.Trim().ToLowerInvariant() is { Length: >= 1 and <= 32 } valid
        ? valid
        : throw new ArgumentException($"Command and option names must be 1-32 characters: '{name}'.", nameof(name));

    private static string Description(string description, string name) =>
        MessageRenderer.Truncate(string.IsNullOrWhiteSpace(description) ? name : description.Trim(), 100);

    private static List<T>? NullIfEmpty<T>(List<T> items) => items.Count == 0 ? null : items;
}
