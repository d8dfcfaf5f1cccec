using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Chat;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Rendering;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>Runs one interaction through the bot's <see cref="IInteractionHandler"/> (in its own DI scope, with a
/// timeout) and answers Discord within its 3-second deadline: directly when the handler is quick, otherwise by
/// deferring first and editing or following up when the handler finishes.</summary>
internal sealed class InteractionDispatcher(
    IServiceScopeFactory scopes,
    DiscordRestClient rest,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<InteractionDispatcher> logger)
{
    private const int Pong = 1;
    private const int ChannelMessage = 4;
    private const int DeferredChannelMessage = 5;
    private const int DeferredUpdate = 6;
    private const int UpdateMessage = 7;
    private const int AutocompleteResult = 8;
    private const int Modal = 9;

    private static readonly ChatMessage FaultReply = ChatMessage.Private("Sorry, something went wrong with that. Please try again in a moment.");
    private static readonly ChatMessage LateFormReply = ChatMessage.Private("That took too long to open. Please click again.");

    /// <summary>Parses a gateway INTERACTION_CREATE and answers through the REST callback endpoint.</summary>
    public Task DispatchGatewayEventAsync(JsonElement data, CancellationToken stopping)
    {
        DiscordInteraction? interaction;
        try
        {
            interaction = data.Deserialize(DiscordJsonContext.Default.DiscordInteraction);
        }
        catch (JsonException ex)
        {
            DiscordLog.InteractionUnreadable(logger, ex);
            return Task.CompletedTask;
        }

        return interaction is null
            ? Task.CompletedTask
            : DispatchAsync(
                interaction,
                (callback, ct) => rest.SendAsync(DiscordRoute.InteractionCallback(interaction.Id, interaction.Token), callback, DiscordJsonContext.Default.InteractionCallbackPayload, ct),
                stopping);
    }

    /// <summary>Handles one interaction. Never throws: faults are logged and the user gets a short private apology.</summary>
    /// <param name="respond">Sends the initial response (REST callback in gateway mode, the HTTP response in HTTP mode).</param>
    public async Task DispatchAsync(DiscordInteraction interaction, Func<InteractionCallbackPayload, CancellationToken, Task> respond, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(respond);
        var responded = false;
        var inner = respond;
        respond = async (callback, ct) =>
        {
            responded = true;
            await inner(callback, ct);
        };

        try
        {
            if (interaction.Type == InteractionMapper.Ping)
            {
                await respond(new InteractionCallbackPayload { Type = Pong }, stopping);
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<IInteractionHandler>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(options.Value.HandlerTimeout);

            if (interaction.Type == InteractionMapper.Autocomplete)
            {
                await AutocompleteAsync(interaction, handler, respond, timeout.Token, stopping);
                return;
            }

            // On the thread pool: a handler may block before its first await (Microsoft.Data.Sqlite's async calls
            // run synchronously, so a locked database blocks the caller), and the deferral below must not wait for it.
            var work = Task.Run(
                () => interaction.Type switch
                {
                    InteractionMapper.ApplicationCommand => handler.HandleCommandAsync(InteractionMapper.Command(interaction), timeout.Token),
                    InteractionMapper.MessageComponent => handler.HandleClickAsync(InteractionMapper.Click(interaction), timeout.Token),
                    InteractionMapper.ModalSubmit => handler.HandleModalAsync(InteractionMapper.Modal(interaction), timeout.Token),
                    _ => Task.FromResult<InteractionResponse>(new ReplyResponse(ChatMessage.Private("StudyBot does not know this kind of interaction."))),
                },
                CancellationToken.None);

            var deferAfter = Task.Delay(options.Value.DeferAfter, time, stopping);
            if (await Task.WhenAny(work, deferAfter) == work)
            {
                await respond(Initial(interaction, await Outcome(work, interaction)), stopping);
                return;
            }

            // Slow work: acknowledge now, deliver later. Component clicks defer as "update" so the clicked
            // message stays as it is; commands defer privately so nothing private can leak into the channel.
            var deferredUpdate = interaction.Type == InteractionMapper.MessageComponent;
            DiscordLog.InteractionDeferred(logger, interaction.Id, interaction.Type);
            await respond(
                deferredUpdate
                    ? new InteractionCallbackPayload { Type = DeferredUpdate }
                    : new InteractionCallbackPayload { Type = DeferredChannelMessage, Data = new InteractionCallbackData { Flags = MessageRenderer.EphemeralFlag } },
                stopping);
            await FollowUpAsync(interaction, await Outcome(work, interaction), deferredUpdate, stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            DiscordLog.InteractionFailed(logger, ex, interaction.Id, interaction.Type);
            if (!responded)
            {
                await AnswerWithApologyAsync(interaction, inner, stopping);
            }
        }
    }

    private async Task AnswerWithApologyAsync(DiscordInteraction interaction, Func<InteractionCallbackPayload, CancellationToken, Task> respond, CancellationToken stopping)
    {
        // No interaction is left unanswered: the user at least learns that something went wrong.
        try
        {
            await respond(Reply(FaultReply), stopping);
        }
        catch (Exception ex) when (ex is DiscordRestException or HttpRequestException or OperationCanceledException)
        {
            DiscordLog.InteractionFailed(logger, ex, interaction.Id, interaction.Type);
        }
    }

    private async Task<InteractionResponse> Outcome(Task<InteractionResponse> work, DiscordInteraction interaction)
    {
        try
        {
            return await work;
        }
        catch (Exception ex)
        {
            DiscordLog.HandlerFailed(logger, ex, interaction.Id, interaction.Type);
            return new ReplyResponse(FaultReply);
        }
    }

    private async Task AutocompleteAsync(
        DiscordInteraction interaction,
        IInteractionHandler handler,
        Func<InteractionCallbackPayload, CancellationToken, Task> respond,
        CancellationToken handlerToken,
        CancellationToken stopping)
    {
        // Suggestions can't be deferred: whatever is ready before the deadline is the answer.
        IReadOnlyList<AutocompleteChoice> choices = [];
        var work = Task.Run(() => handler.AutocompleteAsync(InteractionMapper.AutocompleteFor(interaction), handlerToken), CancellationToken.None);
        if (await Task.WhenAny(work, Task.Delay(options.Value.DeferAfter, time, stopping)) == work)
        {
            try
            {
                choices = await work;
            }
            catch (Exception ex)
            {
                DiscordLog.HandlerFailed(logger, ex, interaction.Id, interaction.Type);
            }
        }

        // Integer options need integer choice values; anything that isn't one can't be offered.
        var integer = InteractionMapper.FocusedOptionType(interaction) == 4;
        await respond(
            new InteractionCallbackPayload
            {
                Type = AutocompleteResult,
                Data = new InteractionCallbackData
                {
                    Choices = choices
                        .Select(c => CommandRegistrar.Choice(c, integer ? 4 : 3))
                        .OfType<ChoicePayload>()
                        .Take(MessageRenderer.MaxChoices)
                        .ToList(),
                },
            },
            stopping);
    }

    private static InteractionCallbackPayload Initial(DiscordInteraction interaction, InteractionResponse response) => response switch
    {
        UpdateResponse update when interaction.Type == InteractionMapper.MessageComponent =>
            new() { Type = UpdateMessage, Data = MessageRenderer.ToCallbackData(MessageRenderer.Render(update.Message with { Ephemeral = false }, allowEphemeral: false)) },
        UpdateResponse update => Reply(update.Message),
        ReplyResponse reply => Reply(reply.Message),
        // A modal can't answer a modal submit; tell the user instead of failing silently.
        ModalResponse modal when interaction.Type != InteractionMapper.ModalSubmit => new() { Type = Modal, Data = MessageRenderer.RenderModal(modal.Modal) },
        _ => Reply(LateFormReply),
    };

    private static InteractionCallbackPayload Reply(ChatMessage message) =>
        new() { Type = ChannelMessage, Data = MessageRenderer.ToCallbackData(MessageRenderer.Render(message, allowEphemeral: true)) };

    private async Task FollowUpAsync(DiscordInteraction interaction, InteractionResponse response, bool deferredUpdate, CancellationToken stopping)
    {
        var app = interaction.ApplicationId;
        var token = interaction.Token;
        var message = response switch
        {
            ReplyResponse reply => reply.Message,
            UpdateResponse update => update.Message,
            _ => LateFormReply, // a modal can no longer open once the interaction was deferred
        };

        if (deferredUpdate && response is UpdateResponse)
        {
            // After a deferred update, @original is the message that holds the clicked button.
            await rest.SendAsync(DiscordRoute.EditOriginal(app, token), MessageRenderer.Render(message with { Ephemeral = false }, allowEphemeral: false), DiscordJsonContext.Default.MessagePayload, stopping);
            return;
        }

        if (deferredUpdate || !message.Ephemeral)
        {
            if (!deferredUpdate)
            {
                // The private "thinking..." placeholder gives way to the public answer.
                await rest.DeleteAsync(DiscordRoute.DeleteOriginal(app, token), stopping);
            }

            await rest.SendAsync(DiscordRoute.CreateFollowup(app, token), MessageRenderer.Render(message, allowEphemeral: true), DiscordJsonContext.Default.MessagePayload, stopping);
            return;
        }

        await rest.SendAsync(DiscordRoute.EditOriginal(app, token), MessageRenderer.Render(message with { Ephemeral = false }, allowEphemeral: false), DiscordJsonContext.Default.MessagePayload, stopping);
    }
}
