using System.Collections.Concurrent;
using StudyBot.Chat;

namespace StudyBot.Discord.Tests.Support;

/// <summary>A scripted handler: each kind of interaction answers with what the test set, and every request is recorded.</summary>
public sealed class FakeInteractionHandler : IInteractionHandler
{
    public ConcurrentQueue<CommandRequest> Commands { get; } = new();

    public ConcurrentQueue<ComponentClick> Clicks { get; } = new();

    public ConcurrentQueue<ModalSubmission> Modals { get; } = new();

    public ConcurrentQueue<AutocompleteRequest> Autocompletes { get; } = new();

    public Func<CommandRequest, CancellationToken, Task<InteractionResponse>> OnCommand { get; set; } =
        (_, _) => Task.FromResult<InteractionResponse>(new ReplyResponse(ChatMessage.Private("Recorded.")));

    public Func<ComponentClick, CancellationToken, Task<InteractionResponse>> OnClick { get; set; } =
        (_, _) => Task.FromResult<InteractionResponse>(new ReplyResponse(ChatMessage.Private("Answer recorded.")));

    public Func<ModalSubmission, CancellationToken, Task<InteractionResponse>> OnModal { get; set; } =
        (_, _) => Task.FromResult<InteractionResponse>(new ReplyResponse(ChatMessage.Private("Thanks.")));

    public Func<AutocompleteRequest, CancellationToken, Task<IReadOnlyList<AutocompleteChoice>>> OnAutocomplete { get; set; } =
        (_, _) => Task.FromResult<IReadOnlyList<AutocompleteChoice>>([]);

    public Task<InteractionResponse> HandleCommandAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        Commands.Enqueue(request);
        return OnCommand(request, cancellationToken);
    }

    public Task<InteractionResponse> HandleClickAsync(ComponentClick click, CancellationToken cancellationToken)
    {
        Clicks.Enqueue(click);
        return OnClick(click, cancellationToken);
    }

    public Task<InteractionResponse> HandleModalAsync(ModalSubmission submission, CancellationToken cancellationToken)
    {
        Modals.Enqueue(submission);
        return OnModal(submission, cancellationToken);
    }

    public Task<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken)
    {
        Autocompletes.Enqueue(request);
        return OnAutocomplete(request, cancellationToken);
    }
}
