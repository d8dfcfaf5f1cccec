using Microsoft.Extensions.Options;

namespace StudyBot.Discord;

/// <summary>How StudyBot receives interactions from Discord.</summary>
public enum DiscordMode
{
    /// <summary>A gateway websocket connection (no public URL needed).</summary>
    Gateway,

    /// <summary>Discord POSTs interactions to an HTTPS endpoint this process serves.</summary>
    Http,
}

/// <summary>Discord settings, bound from the <c>Discord</c> section (<c>STUDYBOT_DISCORD__TOKEN</c> and so on).</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    /// <summary>The bot token. Secret: never logged.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The application (client) id, a snowflake.</summary>
    public string ApplicationId { get; set; } = string.Empty;

    /// <summary>The application's Ed25519 public key in hex; required in <see cref="DiscordMode.Http"/> mode. Never logged.</summary>
    public string PublicKey { get; set; } = string.Empty;

    /// <summary>When set, commands are registered to this guild only (instant updates while developing).</summary>
    public string? DevGuildId { get; set; }

    /// <summary>REST base URL, without a trailing slash.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>Overrides the gateway URL that GET /gateway/bot returns (an emulator on loopback).</summary>
    public Uri? GatewayUrl { get; set; }

    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    /// <summary>Where the HTTP interactions endpoint listens in <see cref="DiscordMode.Http"/> mode; it serves POST /interactions.</summary>
    public Uri HttpListenUrl { get; set; } = new("http://0.0.0.0:8080");

    /// <summary>How long an interaction handler may run before the bot defers the response.</summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an interaction handler may run in all (a deferred response can be edited for 15 minutes).</summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one REST request may take before it counts as timed out and is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Reports every bad Discord setting at once, naming the configuration key.</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Prefix = DiscordOptions.SectionName + ":";

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add($"{Prefix}Token is required (environment: STUDYBOT_DISCORD__TOKEN).");
        }
        else if (options.Token.Any(char.IsWhiteSpace))
        {
            // The token's value is never echoed, not even in a validation message.
            failures.Add($"{Prefix}Token must not contain spaces; give the bare token without the 'Bot ' prefix.");
        }

        if (!IsSnowflake(options.ApplicationId))
        {
            failures.Add($"{Prefix}ApplicationId must be the application's numeric id.");
        }

        if (options.DevGuildId is { Length: > 0 } guild && !IsSnowflake(guild))
        {
            failures.Add($"{Prefix}DevGuildId must be a numeric guild id or empty.");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || (options.ApiBaseUrl.Scheme != Uri.UriSchemeHttps && options.ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Prefix}ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (options.GatewayUrl is { } gateway && (!gateway.IsAbsoluteUri || (gateway.Scheme != "wss" && gateway.Scheme != "ws")))
        {
            failures.Add($"{Prefix}GatewayUrl must be an absolute ws(s) URL.");
        }

        if (options.Mode == DiscordMode.Http)
        {
            if (options.PublicKey.Length != 64 || !options.PublicKey.All(Uri.IsHexDigit))
            {
                failures.Add($"{Prefix}PublicKey must be the application's 64-character hex public key in Http mode.");
            }

            if (!options.HttpListenUrl.IsAbsoluteUri)
            {
                failures.Add($"{Prefix}HttpListenUrl must be an absolute URL in Http mode.");
            }
        }

        if (options.DeferAfter <= TimeSpan.Zero || options.DeferAfter > TimeSpan.FromSeconds(2.5))
        {
            failures.Add($"{Prefix}DeferAfter must be more than zero and at most 2.5 seconds (Discord's deadline is 3).");
        }

        if (options.HandlerTimeout <= options.DeferAfter || options.HandlerTimeout > TimeSpan.FromMinutes(14))
        {
            failures.Add($"{Prefix}HandlerTimeout must exceed DeferAfter and be at most 14 minutes.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}RequestTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSnowflake(string? value) => value is { Length: > 0 and <= 20 } && value.All(char.IsAsciiDigit);
}
