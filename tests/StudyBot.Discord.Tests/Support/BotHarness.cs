using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Chat;
using StudyBot.Discord.Tests.Emulator;

namespace StudyBot.Discord.Tests.Support;

/// <summary>The Discord adapter wired exactly as the app wires it (AddDiscordPlatform), pointed at an emulator.</summary>
internal sealed class BotHarness : IAsyncDisposable
{
    private BotHarness(DiscordEmulator emulator, IHost host, FakeInteractionHandler handler, CapturingLoggerProvider logs)
    {
        Emulator = emulator;
        Host = host;
        Handler = handler;
        Logs = logs;
    }

    public DiscordEmulator Emulator { get; }

    public IHost Host { get; }

    public FakeInteractionHandler Handler { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => Host.Services;

    public static readonly CommandDefinition[] DefaultCommands =
    [
        new("answer", "Answer today's question", [new CommandOptionDefinition("choice", "Your answer", Required: true, Choices: [new("A", "a"), new("B", "b")])], []),
        new("leaderboard", "Show the board", [], []),
    ];

    /// <summary>Builds the host; starts it (and so the gateway or HTTP endpoint) unless <paramref name="start"/> is false.</summary>
    public static async Task<BotHarness> CreateAsync(
        Action<DiscordEmulator>? configureEmulator = null,
        Dictionary<string, string?>? settings = null,
        DiscordTimings? timings = null,
        IEnumerable<CommandDefinition>? commands = null,
        bool start = true,
        DiscordEmulator? emulator = null)
    {
        emulator ??= await DiscordEmulator.StartAsync();
        configureEmulator?.Invoke(emulator);
        var config = new Dictionary<string, string?>
        {
            ["Discord:Token"] = DiscordEmulator.Token,
            ["Discord:ApplicationId"] = DiscordEmulator.ApplicationId,
            ["Discord:ApiBaseUrl"] = emulator.ApiBaseUrl.AbsoluteUri,
            ["Discord:GatewayUrl"] = emulator.GatewayUrl.AbsoluteUri,
            ["Discord:DeferAfter"] = "00:00:01",
            ["Discord:RequestTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? [])
        {
            config[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(config);
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(timings ?? Fast);
        builder.Services.AddSingleton(TimeProvider.System);
        var handler = new FakeInteractionHandler();
        builder.Services.AddSingleton<IInteractionHandler>(handler);
        foreach (var command in commands ?? DefaultCommands)
        {
            builder.Services.AddSingleton(command);
        }

        builder.Services.AddDiscordPlatform(builder.Configuration);
        var host = builder.Build();
        var harness = new BotHarness(emulator, host, handler, logs);
        if (start)
        {
            await host.StartAsync();
        }

        return harness;
    }

    /// <summary>Protocol waits shortened for loopback; Discord's limits (120 sends, 50 req/s) stay as they are.</summary>
    internal static DiscordTimings Fast { get; } = new()
    {
        RestRetryBaseDelay = TimeSpan.FromMilliseconds(20),
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        InvalidSessionMinDelay = TimeSpan.FromMilliseconds(10),
        InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(50),
        IdentifyInterval = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>Replaces Discord's pacing with <see cref="Fast"/> in a host built elsewhere (the app's own host in
    /// its end-to-end tests); registered after AddDiscordPlatform, it wins over the default.</summary>
    public static void UseFastTimings(IServiceCollection services) => services.AddSingleton(Fast);

    public IChatPlatform Platform => Services.GetRequiredService<IChatPlatform>();

    public Task ConnectedAsync() => Eventually.True(() => Emulator.IsConnected, "the bot connected to the gateway");

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await Host.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // a host that would not stop in time is still disposed
            }
        }

        Host.Dispose();
        await Emulator.DisposeAsync();

        // Invariants of every test: each body the bot sent matches Discord's OpenAPI schema, and no
        // interaction was left without an answer the user can see.
        Assert.Empty(Emulator.SchemaErrors);
        if (!AllowUnansweredInteractions)
        {
            Assert.All(Emulator.Interactions.Values, i => Assert.True(i.Completed, $"interaction {i.Id} was left unanswered"));
        }
    }

    public bool AllowUnansweredInteractions { get; set; }
}
