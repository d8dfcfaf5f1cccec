using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.App.Hosting;
using StudyBot.Data;
using StudyBot.Discord;
using StudyBot.Discord.Interactions;
using StudyBot.Exams;
using StudyBot.Groups;

namespace StudyBot.Tests.Faults;

/// <summary>The real program's services in Discord mode (router, features, SQLite), built but not started, fed
/// INTERACTION_CREATE payloads through the real Discord mapper and dispatcher. Nothing is scheduled.</summary>
internal sealed class DiscordAppHarness : IDisposable
{
    public const string MemberPermissions = "1024"; // VIEW_CHANNEL only
    public const string AdminPermissions = "32"; // MANAGE_GUILD

    private readonly string folder;
    private long nextId = 800000000000000000;

    private DiscordAppHarness(string folder, IHost host)
    {
        this.folder = folder;
        Host = host;
    }

    public IHost Host { get; }

    public string DatabasePath => Path.Combine(folder, "data", "studybot.db");

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public static async Task<DiscordAppHarness> CreateAsync()
    {
        var (folder, bank, database) = LocalSession.Workspace();
        var builder = StudyBotHost.CreateBuilder(
        [
            $"--Database:Path={database}",
            $"--Bank:Path={bank}",
            "--Discord:Token=harness.bot-token",
            "--Discord:ApplicationId=100000000000000001",
        ]);
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton<IGroupSchedule, NoSchedule>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IExamSchedule, NoSchedule>());
        var host = builder.Build();
        await host.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        return new DiscordAppHarness(folder, host);
    }

    public static JsonObject Member(string userId, string permissions = MemberPermissions) => new()
    {
        ["user"] = new JsonObject { ["id"] = userId, ["username"] = "user" + userId, ["global_name"] = "User " + userId },
        ["permissions"] = permissions,
        ["roles"] = new JsonArray(),
    };

    public static JsonObject Command(string guildId, JsonObject member, string name, string? subcommand = null) => new()
    {
        ["type"] = 2,
        ["guild_id"] = guildId,
        ["channel_id"] = "chan-" + guildId,
        ["member"] = member,
        ["data"] = new JsonObject
        {
            ["id"] = "500000000000000005",
            ["name"] = name,
            ["type"] = 1,
            ["options"] = subcommand is null ? new JsonArray() : new JsonArray(new JsonObject { ["name"] = subcommand, ["type"] = 1, ["options"] = new JsonArray() }),
        },
    };

    public static JsonObject Click(string guildId, JsonObject member, string customId) => new()
    {
        ["type"] = 3,
        ["guild_id"] = guildId,
        ["channel_id"] = "chan-" + guildId,
        ["member"] = member,
        ["message"] = new JsonObject { ["id"] = "600000000000000006", ["channel_id"] = "chan-" + guildId },
        ["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 },
    };

    /// <summary>Parses the payload as the gateway does, dispatches it, and returns the text of the single answer.</summary>
    public async Task<string> SendAsync(JsonObject payload)
    {
        payload["id"] = (++nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        payload["token"] = "itoken-" + nextId;
        payload["application_id"] = "100000000000000001";
        var interaction = payload.Deserialize(DiscordJsonContext.Default.DiscordInteraction)!;
        var answers = new List<InteractionCallbackPayload>();
        await Get<InteractionDispatcher>().DispatchAsync(
            interaction,
            (callback, _) =>
            {
                answers.Add(callback);
                return Task.CompletedTask;
            },
            CancellationToken.None);
        return JsonSerializer.Serialize(Assert.Single(answers), DiscordJsonContext.Default.InteractionCallbackPayload);
    }

    public long Count(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Host.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS
        }
    }

    private sealed class NoSchedule : IGroupSchedule, IExamSchedule
    {
        public Task ScheduleAsync(StudyGroup group, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ScheduleAsync(MockExam exam, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UnscheduleAsync(long examId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
