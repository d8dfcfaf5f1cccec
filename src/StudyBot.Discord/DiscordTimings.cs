namespace StudyBot.Discord;

/// <summary>Protocol pacing that Discord dictates. Not configuration: the defaults are Discord's numbers.
/// Tests against the loopback emulator shorten the waits so they finish quickly.</summary>
internal sealed class DiscordTimings
{
    public TimeSpan RestRetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public int RestMaxAttempts { get; init; } = 5;

    /// <summary>The longest 429 retry_after the client waits out itself; longer ones fail as transient.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Discord bans an IP for a while after 10,000 invalid requests (401, 403, 429) in 10 minutes;
    /// the client refuses to send once it has seen a tenth of that.</summary>
    public int InvalidRequestLimit { get; init; } = 1_000;

    public TimeSpan InvalidRequestWindow { get; init; } = TimeSpan.FromMinutes(10);

    public int GlobalRequestsPerSecond { get; init; } = 50;

    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After an invalid session with d:false Discord asks for a random 1-5 s wait before identifying again.</summary>
    public TimeSpan InvalidSessionMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InvalidSessionMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>One identify per rate-limit key (shard id modulo max_concurrency) every 5 seconds.</summary>
    public TimeSpan IdentifyInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long /setup channel waits for Discord to describe a channel before accepting it unchecked.
    /// Well inside an interaction's 15-minute token, short enough that the admin is not left waiting.</summary>
    public TimeSpan ChannelCheckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int GatewaySendsPerWindow { get; init; } = 120;

    public TimeSpan GatewaySendWindow { get; init; } = TimeSpan.FromSeconds(60);
}
