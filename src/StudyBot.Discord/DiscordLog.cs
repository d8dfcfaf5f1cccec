using Microsoft.Extensions.Logging;

namespace StudyBot.Discord;

/// <summary>Every Discord log line. None takes a token, a public key or a URL path that holds an interaction token:
/// routes are logged by their template.</summary>
internal static partial class DiscordLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Gateway shard {ShardId} connecting to {Host} ({Mode})")]
    private static partial void GatewayConnectingCore(ILogger logger, int shardId, string host, string mode);

    public static void GatewayConnecting(ILogger logger, int shardId, string host, bool resuming) =>
        GatewayConnectingCore(logger, shardId, host, resuming ? "resume" : "identify");

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Gateway shard {ShardId} of {ShardCount} is ready")]
    public static partial void GatewayReady(ILogger logger, int shardId, int shardCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Gateway shard {ShardId} resumed at sequence {Sequence}")]
    public static partial void GatewayResumed(ILogger logger, int shardId, int sequence);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Gateway shard {ShardId}: Discord asked for a reconnect")]
    public static partial void GatewayReconnectRequested(ILogger logger, int shardId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Gateway shard {ShardId}: session invalidated (resumable: {Resumable})")]
    public static partial void GatewayInvalidSession(ILogger logger, int shardId, bool resumable);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Gateway shard {ShardId}: no heartbeat ACK since the last heartbeat; reconnecting to resume")]
    public static partial void GatewayZombie(ILogger logger, int shardId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Gateway shard {ShardId} closed with code {CloseCode}; reconnecting (resume: {Resume})")]
    public static partial void GatewayClosed(ILogger logger, int shardId, int closeCode, bool resume);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Critical, Message = "Gateway shard {ShardId} closed with fatal code {CloseCode} ({Meaning}); not reconnecting")]
    public static partial void GatewayFatalClose(ILogger logger, int shardId, int closeCode, string meaning);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Gateway shard {ShardId} lost its connection ({Failure})")]
    public static partial void GatewayConnectionLost(ILogger logger, Exception exception, int shardId, string failure);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Gateway shard {ShardId} reconnecting in {Delay} (resume: {Resume})")]
    public static partial void GatewayReconnecting(ILogger logger, int shardId, TimeSpan delay, bool resume);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Gateway session starts exhausted ({Remaining} left); waiting {Wait} for the daily reset")]
    public static partial void GatewaySessionLimitExhausted(ILogger logger, int remaining, TimeSpan wait);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Starting {ShardCount} gateway shard(s), max_concurrency {MaxConcurrency}")]
    public static partial void GatewayStarting(ILogger logger, int shardCount, int maxConcurrency);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Critical, Message = "Discord gateway stopped: shard {ShardId} was closed with fatal code {CloseCode}. The bot receives no interactions until the configuration is fixed and it is restarted.")]
    public static partial void GatewayStopped(ILogger logger, int shardId, int closeCode);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "GET /gateway/bot failed; retrying in {Delay}")]
    public static partial void GatewayInfoUnavailable(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Critical, Message = "Discord rejected the bot token (401). Set Discord:Token (STUDYBOT_DISCORD__TOKEN) to the token from the developer portal and restart; the bot is not connected to Discord.")]
    public static partial void TokenRejected(ILogger logger);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Debug, Message = "Interaction {InteractionId} (type {InteractionType}) deferred: the handler is still working")]
    public static partial void InteractionDeferred(ILogger logger, string interactionId, int interactionType);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Error, Message = "Interaction handler failed for {InteractionId} (type {InteractionType})")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string interactionId, int interactionType);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Error, Message = "Could not answer interaction {InteractionId} (type {InteractionType})")]
    public static partial void InteractionFailed(ILogger logger, Exception exception, string interactionId, int interactionType);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Warning, Message = "An INTERACTION_CREATE event could not be read")]
    public static partial void InteractionUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning, Message = "{Route} rate limited ({Scope}); retrying after {RetryAfter}")]
    public static partial void RestRateLimited(ILogger logger, string route, string scope, TimeSpan retryAfter);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Warning, Message = "{Route} answered {Status} (attempt {Attempt}); retrying in {Delay}")]
    public static partial void RestServerError(ILogger logger, string route, int status, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Warning, Message = "{Route} failed with {Failure} (attempt {Attempt}); retrying in {Delay}")]
    public static partial void RestTransientFailure(ILogger logger, string route, string failure, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3033, Level = LogLevel.Warning, Message = "{Route} rejected with {Status}, Discord code {Code}: {DiscordMessage}")]
    public static partial void RestRejected(ILogger logger, string route, int status, int code, string discordMessage);

    [LoggerMessage(EventId = 3034, Level = LogLevel.Critical, Message = "Refusing {Route}: {Count} invalid requests in the current window; Discord bans at 10,000")]
    public static partial void InvalidRequestGuardTripped(ILogger logger, string route, int count);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Information, Message = "Registered {Count} application command(s) ({Scope})")]
    public static partial void CommandsRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(EventId = 3041, Level = LogLevel.Error, Message = "Registering application commands failed; the previous registration stays in force")]
    public static partial void CommandRegistrationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3050, Level = LogLevel.Warning, Message = "Interaction request refused with 401: {Verdict}")]
    public static partial void SignatureRejected(ILogger logger, string verdict);

    [LoggerMessage(EventId = 3051, Level = LogLevel.Information, Message = "Discord interactions endpoint listening on {Url}")]
    public static partial void HttpEndpointListening(ILogger logger, string url);
}
