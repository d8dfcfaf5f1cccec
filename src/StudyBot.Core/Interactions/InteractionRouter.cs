using Microsoft.Extensions.Logging;
using StudyBot.Chat;

namespace StudyBot.Interactions;

/// <summary>A slash command, its definition for registration, and its behaviour.</summary>
public interface ICommandHandler
{
    CommandDefinition Definition { get; }

    Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AutocompleteChoice>>([]);
}

/// <summary>Handles clicks on buttons whose custom id starts with <see cref="Prefix"/> and a colon.</summary>
public interface IComponentHandler
{
    string Prefix { get; }

    Task<InteractionResponse> HandleAsync(ComponentClick click, CancellationToken cancellationToken);
}

/// <summary>Handles submitted forms whose custom id starts with <see cref="Prefix"/> and a colon.</summary>
public interface IModalHandler
{
    string Prefix { get; }

    Task<InteractionResponse> HandleAsync(ModalSubmission submission, CancellationToken cancellationToken);
}

/// <summary>
/// Routes interactions from any platform to the feature that handles them, checks admin-only commands
/// on the server, and turns an unexpected fault into a short private apology plus a log line.
/// </summary>
public sealed partial class InteractionRouter : IInteractionHandler
{
    private readonly Dictionary<string, ICommandHandler> commands;
    private readonly Dictionary<string, IComponentHandler> components;
    private readonly Dictionary<string, IModalHandler> modals;
    private readonly ILogger<InteractionRouter> logger;

    public InteractionRouter(
        IEnumerable<ICommandHandler> commands,
        IEnumerable<IComponentHandler> components,
        IEnumerable<IModalHandler> modals,
        ILogger<InteractionRouter> logger)
    {
        this.commands = commands.ToDictionary(c => c.Definition.Name, StringComparer.OrdinalIgnoreCase);
        this.components = components.ToDictionary(c => c.Prefix, StringComparer.Ordinal);
        this.modals = modals.ToDictionary(c => c.Prefix, StringComparer.Ordinal);
        this.logger = logger;
    }

    /// <summary>Every command, for registration with a platform and for /help.</summary>
    public IReadOnlyList<CommandDefinition> Definitions => [.. commands.Values.Select(c => c.Definition).OrderBy(d => d.Name, StringComparer.Ordinal)];

    public async Task<InteractionResponse> HandleCommandAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (!commands.TryGetValue(request.Name, out var handler))
        {
            return Reply($"I don't know /{request.Name}. Type /help to see what I can do.");
        }

        var definition = handler.Definition;
        SubcommandDefinition? sub = null;
        if (definition.Subcommands.Count > 0)
        {
            sub = definition.Subcommands.FirstOrDefault(s => s.Name.Equals(request.Subcommand, StringComparison.OrdinalIgnoreCase));
            if (sub is null)
            {
                var names = string.Join(", ", definition.Subcommands.Select(s => s.Name));
                return Reply(request.Subcommand is null
                    ? $"/{definition.Name} needs one of: {names}."
                    : $"/{definition.Name} has no '{request.Subcommand}'. Use one of: {names}.");
            }
        }

        if ((definition.AdminOnly || sub?.AdminOnly == true) && !request.Context.IsGroupAdmin)
        {
            var name = sub is null ? definition.Name : $"{definition.Name} {sub.Name}";
            return Reply($"Only group admins (members with the Manage Server permission) can use /{name}. Ask one of them to run it.");
        }

        var known = (sub?.Options ?? definition.Options).Select(o => o.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = request.Options.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            var allowed = known.Count == 0 ? "it takes no options" : "its options are " + string.Join(", ", known);
            return Reply($"/{definition.Name} has no option '{unknown}'; {allowed}.");
        }

        var missing = (sub?.Options ?? definition.Options).FirstOrDefault(o => o.Required && string.IsNullOrWhiteSpace(request.Option(o.Name)));
        if (missing is not null)
        {
            return Reply($"/{definition.Name} needs the option '{missing.Name}': {missing.Description}.");
        }

        return await Guard(() => handler.HandleAsync(request, cancellationToken), $"/{request.Name}");
    }

    public async Task<InteractionResponse> HandleClickAsync(ComponentClick click, CancellationToken cancellationToken)
    {
        var prefix = click.CustomId.Split(':', 2)[0];
        return components.TryGetValue(prefix, out var handler)
            ? await Guard(() => handler.HandleAsync(click, cancellationToken), $"button {prefix}")
            : Reply("That button no longer does anything. Use the latest message instead.");
    }

    public async Task<InteractionResponse> HandleModalAsync(ModalSubmission submission, CancellationToken cancellationToken)
    {
        var prefix = submission.CustomId.Split(':', 2)[0];
        return modals.TryGetValue(prefix, out var handler)
            ? await Guard(() => handler.HandleAsync(submission, cancellationToken), $"form {prefix}")
            : Reply("That form has expired. Start again from the command.");
    }

    public async Task<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken)
    {
        if (!commands.TryGetValue(request.Command, out var handler))
        {
            return [];
        }

        try
        {
            return await handler.AutocompleteAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFault(logger, ex, $"autocomplete /{request.Command}");
            return [];
        }
    }

    private async Task<InteractionResponse> Guard(Func<Task<InteractionResponse>> handle, string what)
    {
        try
        {
            return await handle();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFault(logger, ex, what);
            return Reply("Something went wrong on my side. Please try again in a minute; if it keeps happening, tell a group admin.");
        }
    }

    private static ReplyResponse Reply(string text) => new(ChatMessage.Private(text));

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {What} failed")]
    private static partial void LogFault(ILogger logger, Exception exception, string what);
}
