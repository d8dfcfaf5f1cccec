using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Commands;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Http;

namespace StudyBot.Discord;

/// <summary>Registers the slash commands, then receives interactions: over the gateway, or on the HTTP
/// interactions endpoint, as <see cref="DiscordOptions.Mode"/> says.</summary>
internal sealed class DiscordHostedService(
    CommandRegistrar registrar,
    DiscordGateway gateway,
    IServiceProvider services,
    IOptions<DiscordOptions> options,
    ILogger<DiscordHostedService> logger) : BackgroundService
{
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Where the HTTP endpoint listens once started (the real port when configured with port 0).</summary>
    public Task<Uri> HttpEndpointAddress => listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await registrar.RegisterAsync(stoppingToken);
        }
        catch (Rest.DiscordRestException ex)
        {
            // Existing registrations keep working; the bot still serves them.
            DiscordLog.CommandRegistrationFailed(logger, ex);
        }

        if (options.Value.Mode == DiscordMode.Gateway)
        {
            try
            {
                await gateway.RunAsync(stoppingToken);
            }
            catch (Rest.DiscordRestException ex) when (ex.StatusCode == 401)
            {
                DiscordLog.TokenRejected(logger);
                return;
            }

            foreach (var shard in gateway.Shards.Where(s => s.StopReason == ShardStopReason.FatalCloseCode))
            {
                DiscordLog.GatewayStopped(logger, shard.ShardId, shard.FatalCloseCode ?? 0);
            }

            return;
        }

        await RunHttpEndpointAsync(stoppingToken);
    }

    private async Task RunHttpEndpointAsync(CancellationToken stoppingToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Value.HttpListenUrl.GetLeftPart(UriPartial.Authority));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
        await using var app = builder.Build();
        var endpoint = services.GetRequiredService<InteractionEndpoint>();
        var path = options.Value.HttpListenUrl.AbsolutePath is { Length: > 1 } p ? p : "/interactions";
        app.MapPost(path, (RequestDelegate)endpoint.HandleAsync);
        await app.StartAsync(stoppingToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var url = new Uri(new Uri(address ?? options.Value.HttpListenUrl.AbsoluteUri), path);
        DiscordLog.HttpEndpointListening(logger, url.AbsoluteUri);
        listening.TrySetResult(url);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // host stopping
        }

        await app.StopAsync(CancellationToken.None);
    }
}
