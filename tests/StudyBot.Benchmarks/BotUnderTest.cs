using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using StudyBot.App.Hosting;
using StudyBot.Chat;
using StudyBot.Data;
using StudyBot.Discord;
using StudyBot.Discord.Interactions;
using StudyBot.Exams;
using StudyBot.Groups;

namespace StudyBot.Benchmarks;

/// <summary>The real program's service graph (StudyBotHost in Discord mode, SQLite with the shipped defaults:
/// WAL, synchronous=FULL), built but not started: benchmarks call its services directly. Quartz is replaced
/// by a schedule that records nothing, so no trigger fires while a figure is being measured.</summary>
internal sealed class BotUnderTest : IDisposable
{
    public const string Token = "bench.bot-token.secret";
    public const string ApplicationId = "100000000000000001";

    private BotUnderTest(IHost host, string databasePath)
    {
        Host = host;
        DatabasePath = databasePath;
    }

    public IHost Host { get; }

    public string DatabasePath { get; }

    public IServiceProvider Services => Host.Services;

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public InteractionDispatcher Dispatcher => Get<InteractionDispatcher>();

    /// <param name="apiBaseUrl">A Discord-compatible REST endpoint (the emulator), with <paramref name="token"/> the token it accepts.</param>
    public static async Task<BotUnderTest> CreateAsync(string folder, Uri? apiBaseUrl = null, string token = Token)
    {
        var database = Path.Combine(folder, "studybot.db");
        List<string> args =
        [
            $"--Database:Path={database}",
            $"--Bank:Path={Path.Combine(AppContext.BaseDirectory, "config", "bank")}",
            $"--Discord:Token={token}",
            $"--Discord:ApplicationId={ApplicationId}",
        ];
        if (apiBaseUrl is not null)
        {
            args.Add($"--Discord:ApiBaseUrl={apiBaseUrl.AbsoluteUri}");
        }

        var builder = StudyBotHost.CreateBuilder([.. args]);
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton<IGroupSchedule, NoSchedule>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IExamSchedule, NoSchedule>());
        var host = builder.Build();
        await host.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        return new BotUnderTest(host, database);
    }

    /// <summary>A group whose daily round is open all day (UTC, post 00:00, reveal 23:59).</summary>
    public static StudyGroup Group(string id, string channelId) =>
        new(id, ChatPlatformKind.Discord, channelId, "UTC", new LocalTime(0, 0), new LocalTime(23, 59), IsoDayOfWeek.Monday);

    /// <summary>A button click as Discord delivers it in INTERACTION_CREATE (UTF-8 JSON).</summary>
    public static byte[] ClickPayload(long interactionId, string guildId, string channelId, string userId, string customId) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["id"] = interactionId.ToString(CultureInfo.InvariantCulture),
            ["application_id"] = ApplicationId,
            ["type"] = 3,
            ["token"] = "itoken-" + interactionId.ToString(CultureInfo.InvariantCulture),
            ["version"] = 1,
            ["guild_id"] = guildId,
            ["channel_id"] = channelId,
            ["member"] = new Dictionary<string, object?>
            {
                ["user"] = new Dictionary<string, object?> { ["id"] = userId, ["username"] = "member_" + userId, ["global_name"] = "Member " + userId },
                ["nick"] = null,
                ["permissions"] = "1024",
                ["roles"] = Array.Empty<string>(),
            },
            ["message"] = new Dictionary<string, object?> { ["id"] = "600000000000000006", ["channel_id"] = channelId },
            ["data"] = new Dictionary<string, object?> { ["custom_id"] = customId, ["component_type"] = 2 },
        });

    /// <summary>The whole inbound path for one payload: parse, map, route, handle (durable commit), render the
    /// receipt to the JSON Discord would receive. Returns the rendered callback.</summary>
    public async Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var interaction = JsonSerializer.Deserialize(payload, DiscordJsonContext.Default.DiscordInteraction)
            ?? throw new InvalidOperationException("payload parsed to null");
        byte[] rendered = [];
        await Dispatcher.DispatchAsync(
            interaction,
            (callback, _) =>
            {
                rendered = JsonSerializer.SerializeToUtf8Bytes(callback, DiscordJsonContext.Default.InteractionCallbackPayload);
                return Task.CompletedTask;
            },
            cancellationToken);
        return rendered;
    }

    public void Dispose()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private sealed class NoSchedule : IGroupSchedule, IExamSchedule
    {
        public Task ScheduleAsync(StudyGroup group, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ScheduleAsync(MockExam exam, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UnscheduleAsync(long examId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
