using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Gateway;

/// <summary>Asks Discord how many shards to run, then runs them, identifying no faster than max_concurrency allows.</summary>
internal sealed class DiscordGateway(
    DiscordRestClient rest,
    InteractionDispatcher dispatcher,
    IOptions<DiscordOptions> options,
    DiscordTimings timings,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger<DiscordGateway>();
    private readonly List<GatewayShard> shards = [];

    /// <summary>The running shards (for health checks and tests).</summary>
    public IReadOnlyList<GatewayShard> Shards
    {
        get
        {
            lock (shards)
            {
                return [.. shards];
            }
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var info = await GetGatewayInfoAsync(stopping);
        var url = options.Value.GatewayUrl ?? new Uri(info.Url);
        var limit = info.SessionStartLimit ?? new SessionStartLimit { Remaining = 1, MaxConcurrency = 1 };
        var count = Math.Max(1, info.Shards);
        if (limit.Remaining < count && limit.ResetAfter > 0)
        {
            // Out of session starts for today: identifying now would only get the token reset.
            var wait = TimeSpan.FromMilliseconds(limit.ResetAfter);
            DiscordLog.GatewaySessionLimitExhausted(logger, limit.Remaining, wait);
            await Task.Delay(wait, time, stopping);
        }

        DiscordLog.GatewayStarting(logger, count, limit.MaxConcurrency);
        var gate = new IdentifyGate(limit.MaxConcurrency, timings.IdentifyInterval, time);
        var shardLogger = loggers.CreateLogger<GatewayShard>();
        var runs = new List<Task>();
        lock (shards)
        {
            for (var id = 0; id < count; id++)
            {
                var shard = new GatewayShard(id, count, url, options.Value.Token, gate, timings, time, OnDispatch, shardLogger);
                shards.Add(shard);
                runs.Add(shard.RunAsync(stopping));
            }
        }

        try
        {
            await Task.WhenAll(runs);
        }
        finally
        {
            lock (shards)
            {
                shards.ForEach(s => s.Dispose());
            }
        }
    }

    private async Task<GatewayBotResponse> GetGatewayInfoAsync(CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await rest.GetAsync(DiscordRoute.GetGatewayBot(), DiscordJsonContext.Default.GatewayBotResponse, stopping)
                    ?? throw new InvalidOperationException("GET /gateway/bot returned nothing.");
            }
            catch (DiscordRestException ex) when (ex.StatusCode is 0 or >= 500)
            {
                // Discord is down or unreachable: keep trying (slowly) instead of stopping the bot.
                var delay = TimeSpan.FromTicks(Math.Min(timings.ReconnectMaxDelay.Ticks, timings.ReconnectBaseDelay.Ticks * (1L << Math.Min(attempt, 16))));
                DiscordLog.GatewayInfoUnavailable(logger, ex, delay);
                await Task.Delay(delay, time, stopping);
            }
        }
    }

    private Task OnDispatch(string name, JsonElement data, CancellationToken stopping) =>
        name == "INTERACTION_CREATE" ? dispatcher.DispatchGatewayEventAsync(data, stopping) : Task.CompletedTask;
}
