using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Http;

/// <summary>The HTTP interactions endpoint: verifies the signature, answers PING with PONG, and otherwise answers
/// with whatever the dispatcher sends first (the reply, or a defer followed later by a REST edit).</summary>
internal sealed class InteractionEndpoint(
    InteractionSignatureVerifier verifier,
    InteractionDispatcher dispatcher,
    IHostApplicationLifetime lifetime,
    ILogger<InteractionEndpoint> logger)
{
    private const int MaxBodyBytes = 1 << 20;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.ToArray();

        var verdict = verifier.Verify(request.Headers["X-Signature-Ed25519"].ToString(), request.Headers["X-Signature-Timestamp"].ToString(), bytes);
        if (verdict != SignatureVerdict.Valid)
        {
            DiscordLog.SignatureRejected(logger, verdict.ToString());
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("invalid request signature", context.RequestAborted);
            return;
        }

        DiscordInteraction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize(bytes, DiscordJsonContext.Default.DiscordInteraction);
        }
        catch (JsonException)
        {
            interaction = null;
        }

        if (interaction is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // The dispatcher outlives this request when it defers (the edit comes later over REST),
        // so it runs on the host's stopping token, not on the request's.
        var initial = new TaskCompletionSource<InteractionCallbackPayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(
            () => dispatcher.DispatchAsync(
                interaction,
                (callback, _) =>
                {
                    initial.TrySetResult(callback);
                    return Task.CompletedTask;
                },
                lifetime.ApplicationStopping),
            CancellationToken.None);

        var callback = await initial.Task.WaitAsync(context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, callback, DiscordJsonContext.Default.InteractionCallbackPayload, context.RequestAborted);
    }
}
