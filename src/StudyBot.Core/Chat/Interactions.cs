namespace StudyBot.Chat;

/// <summary>A form the user fills in (a Discord modal; a prompt on the local channel).</summary>
public sealed record ChatModal(string CustomId, string Title, IReadOnlyList<ChatTextInput> Inputs);

/// <summary>One text box in a <see cref="ChatModal"/>.</summary>
public sealed record ChatTextInput(string CustomId, string Label, bool Paragraph, bool Required, int MaxLength);

/// <summary>The values a user submitted in a <see cref="ChatModal"/>, keyed by input custom id.</summary>
public sealed record ModalSubmission(ChatContext Context, string CustomId, IReadOnlyDictionary<string, string> Values);

/// <summary>A request for suggestions while the user types an option value.</summary>
public sealed record AutocompleteRequest(ChatContext Context, string Command, string? Subcommand, string Option, string Partial);

/// <summary>One suggestion: what the user sees and the value the option receives.</summary>
public sealed record AutocompleteChoice(string Name, string Value);

/// <summary>What the bot answers to an interaction.</summary>
public abstract record InteractionResponse;

/// <summary>Answer with a new message (ephemeral or public, as the message says).</summary>
public sealed record ReplyResponse(ChatMessage Message) : InteractionResponse;

/// <summary>Replace the message whose button was clicked (paging, exam navigation).</summary>
public sealed record UpdateResponse(ChatMessage Message) : InteractionResponse;

/// <summary>Open a form.</summary>
public sealed record ModalResponse(ChatModal Modal) : InteractionResponse;

/// <summary>Everything the bot does with inbound interactions. Adapters call this; features implement it
/// through the router.</summary>
public interface IInteractionHandler
{
    Task<InteractionResponse> HandleCommandAsync(CommandRequest request, CancellationToken cancellationToken);

    Task<InteractionResponse> HandleClickAsync(ComponentClick click, CancellationToken cancellationToken);

    Task<InteractionResponse> HandleModalAsync(ModalSubmission submission, CancellationToken cancellationToken);

    Task<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken);
}

/// <summary>The kind of value a command option takes.</summary>
public enum CommandOptionKind
{
    Text,
    Number,
    User,
    Channel,
    Role,
    Attachment,
}

/// <summary>One option of a command, as platforms register it.</summary>
/// <param name="Choices">Fixed choices (name, value); empty when free text.</param>
/// <param name="Autocomplete">True when the bot suggests values as the user types.</param>
public sealed record CommandOptionDefinition(
    string Name,
    string Description,
    CommandOptionKind Kind = CommandOptionKind.Text,
    bool Required = false,
    IReadOnlyList<AutocompleteChoice>? Choices = null,
    bool Autocomplete = false,
    int? MinValue = null,
    int? MaxValue = null);

/// <summary>A subcommand: "/setup timezone".</summary>
/// <param name="AdminOnly">Checked on the server for this subcommand even when the command itself is open to members.</param>
public sealed record SubcommandDefinition(string Name, string Description, IReadOnlyList<CommandOptionDefinition> Options, bool AdminOnly = false);

/// <summary>A top-level command as platforms register it. Names are lower case, 1-32 characters.</summary>
/// <param name="AdminOnly">Hidden from members by default on platforms that support it, and always checked on the server.</param>
public sealed record CommandDefinition(
    string Name,
    string Description,
    IReadOnlyList<CommandOptionDefinition> Options,
    IReadOnlyList<SubcommandDefinition> Subcommands,
    bool AdminOnly = false);
