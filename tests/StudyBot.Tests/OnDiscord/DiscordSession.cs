using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.App.Hosting;
using StudyBot.Discord.Tests.Emulator;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Tests.OnDiscord;

/// <summary>What a member sees in answer to an interaction: the callback type Discord got first, whether only
/// they see the answer (flag 64), its text (content, embed title, description, fields, button labels) and the
/// message itself (for the buttons on it). UpdatedInPlace: the answer replaced the clicked message (UPDATE_MESSAGE,
/// or a deferred update followed by an edit of it) instead of adding a message.</summary>
internal sealed record VisibleReply(int CallbackType, bool Ephemeral, string Text, JsonNode? Message, bool UpdatedInPlace = false);

/// <summary>
/// The real bot (StudyBotHost.CreateBuilder, exactly as Program.cs builds it) running on Discord, where Discord
/// is the emulator on loopback; a one-question bank and a database in a temporary folder. Only Discord's
/// protocol pacing is shortened, as in the Discord adapter's own tests.
/// </summary>
internal sealed class DiscordSession : IAsyncDisposable
{
    private static readonly Dictionary<string, string> UserIds = new(StringComparer.Ordinal)
    {
        ["Alex"] = "400000000000000010",
        ["Ana"] = "400000000000000011",
        ["Ben"] = "400000000000000012",
        ["Cy"] = "400000000000000013",
        ["Dee"] = "400000000000000014",
    };

    private readonly string folder;

    private DiscordSession(DiscordEmulator emulator, IHost host, CapturingLoggerProvider logs, string folder, string database)
    {
        Emulator = emulator;
        Host = host;
        Logs = logs;
        this.folder = folder;
        Database = database;
    }

    public DiscordEmulator Emulator { get; }

    public IHost Host { get; }

    public CapturingLoggerProvider Logs { get; }

    public string Database { get; }

    /// <summary>A group admin (Manage Server).</summary>
    public static JsonObject Admin => Payloads.Member(UserIds["Alex"], "Alex", Payloads.ManageGuildPermissions);

    /// <summary>A member without admin rights: Ana, Ben, Cy or Dee.</summary>
    public static JsonObject Member(string name) => Payloads.Member(UserIds[name], name);

    /// <param name="shippedBank">Run on the bank the bot ships with (enough questions for a mock exam) instead of the one-question bank.</param>
    /// <param name="time">The clock the whole app reads (the test's, to move a scheduled exam through its stages).</param>
    public static async Task<DiscordSession> StartAsync(bool shippedBank = false, TimeProvider? time = null)
    {
        var emulator = await DiscordEmulator.StartAsync();
        var (folder, bank, database) = LocalSession.Workspace();
        string[] args =
        [
            $"--Discord:Token={DiscordEmulator.Token}",
            $"--Discord:ApplicationId={DiscordEmulator.ApplicationId}",
            $"--Discord:ApiBaseUrl={emulator.ApiBaseUrl.AbsoluteUri}",
            $"--Discord:GatewayUrl={emulator.GatewayUrl.AbsoluteUri}",
            // Defer well inside the emulator's 3-second deadline even on a busy two-core machine.
            "--Discord:DeferAfter=00:00:01",
            $"--Database:Path={database}",
        ];
        var builder = StudyBotHost.CreateBuilder(shippedBank ? args : [.. args, $"--Bank:Path={bank}"]);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        BotHarness.UseFastTimings(builder.Services);
        var host = builder.Build();
        var session = new DiscordSession(emulator, host, logs, folder, database);
        await host.StartAsync();
        await Eventually.True(() => emulator.IsConnected, "the bot connected to the gateway");
        return session;
    }

    /// <summary>Runs a slash command as <paramref name="member"/> in the study channel and returns what they see.</summary>
    public Task<VisibleReply> CommandAsync(string name, JsonObject member, params JsonNode[] options) =>
        ReplyToAsync(Emulator.SendInteraction(Payloads.Command(name, new JsonArray(options), member)));

    public Task<VisibleReply> SetupAsync(string subcommand, JsonObject member, params JsonNode[] options) =>
        CommandAsync("setup", member, Payloads.Subcommand(subcommand, options));

    public Task<VisibleReply> ClickAsync(string customId, string messageId, JsonObject member) =>
        ReplyToAsync(Emulator.SendInteraction(Payloads.Click(customId, messageId, member)));

    /// <summary>Waits until the member sees a final answer, then reads it.</summary>
    public static async Task<VisibleReply> ReplyToAsync(EmulatedInteraction interaction)
    {
        await Eventually.True(() => interaction.Completed, $"interaction {interaction.Id} was answered");
        var callback = interaction.Callbacks.First();
        var type = callback["type"]!.GetValue<int>();
        var data = callback["data"];
        var followup = interaction.Followups.LastOrDefault();
        var edit = interaction.OriginalEdits.LastOrDefault();
        return type switch
        {
            // Deferred: a public answer arrives as a followup; a private one replaces the private placeholder.
            5 => followup is not null ? new(type, IsEphemeral(followup), TextOf(followup), followup) : new(type, IsEphemeral(data), TextOf(edit), edit),
            6 => followup is not null ? new(type, IsEphemeral(followup), TextOf(followup), followup) : new(type, false, TextOf(edit), edit, UpdatedInPlace: edit is not null),
            _ => new(type, IsEphemeral(data), TextOf(data), data, UpdatedInPlace: type == 7),
        };
    }

    /// <summary>Successful posts (POST /channels/{id}/messages answered 200) to a channel, in order; each body
    /// carries the id the emulator gave the message.</summary>
    /// <summary>The messages posted to a channel, once each: a retried post that Discord matched to the first
    /// by its enforced nonce is the same message, not a second one.</summary>
    public IReadOnlyList<JsonNode> PostsTo(string channelId = DiscordEmulator.ChannelId) =>
        [.. Emulator.RequestsTo("POST", $"/channels/{channelId}/messages")
            .Where(r => r.Status == 200)
            .Select((r, index) => (Body: r.Body!, Key: r.Body?["nonce"]?.ToString() ?? $"#{index}"))
            .DistinctBy(p => p.Key)
            .Select(p => p.Body)];

    /// <summary>Waits for the daily question's post in the channel and returns it.</summary>
    public async Task<JsonNode> QuestionPostAsync()
    {
        await Eventually.True(() => PostsTo().Any(p => TextOf(p).Contains("Question of the day", StringComparison.Ordinal)), "the daily question was posted");
        return PostsTo().Single(p => TextOf(p).Contains("Question of the day", StringComparison.Ordinal));
    }

    /// <summary>Waits for the accepted edit (PATCH answered 200) of a message in the study channel and returns its body.</summary>
    public async Task<JsonNode> RevealEditAsync(string messageId)
    {
        var path = $"/channels/{DiscordEmulator.ChannelId}/messages/{messageId}";
        await Eventually.True(() => Emulator.RequestsTo("PATCH", path).Any(r => r.Status == 200), $"message {messageId} was edited");
        return Emulator.RequestsTo("PATCH", path).Single(r => r.Status == 200).Body!;
    }

    /// <summary>The custom id of the button labelled <paramref name="label"/> on a posted message.</summary>
    public static string ButtonId(JsonNode message, string label) =>
        Buttons(message).Single(b => b["label"]!.GetValue<string>() == label)["custom_id"]!.GetValue<string>();

    public static IEnumerable<JsonNode> Buttons(JsonNode? message) =>
        (message?["components"]?.AsArray() ?? []).SelectMany(row => row!["components"]!.AsArray()).Select(b => b!);

    /// <summary>Every word a member can read on a message: content, embed titles, descriptions, fields, button labels.</summary>
    public static string TextOf(JsonNode? message)
    {
        var text = new StringBuilder();
        text.Append(message?["content"]?.GetValue<string>()).Append('\n');
        foreach (var embed in message?["embeds"]?.AsArray() ?? [])
        {
            text.Append(embed!["title"]?.GetValue<string>()).Append('\n');
            text.Append(embed["description"]?.GetValue<string>()).Append('\n');
            foreach (var field in embed["fields"]?.AsArray() ?? [])
            {
                text.Append(field!["name"]!.GetValue<string>()).Append(": ").Append(field["value"]!.GetValue<string>()).Append('\n');
            }
        }

        foreach (var button in Buttons(message))
        {
            text.Append('[').Append(button["label"]?.GetValue<string>()).Append("] ");
        }

        return text.ToString();
    }

    /// <summary>Waits until the bot finished its <paramref name="count"/>th gateway handshake (READY or RESUMED sent).</summary>
    public Task HandshakesDoneAsync(int count) =>
        Eventually.True(() => Volatile.Read(ref Emulator.CompletedHandshakes) >= count && Emulator.IsConnected, $"gateway handshake {count} completed");

    /// <summary>The outbox as the database holds it: (state, last error) per row, oldest first.</summary>
    public async Task<IReadOnlyList<(string State, string? LastError)>> OutboxRowsAsync() =>
        [.. (await QueryAsync("SELECT state, last_error FROM outbox ORDER BY id")).Select(r => (r[0]!, r[1]))];

    /// <summary>Waits for a condition on state the bot keeps (its database); the limit is a safety net, never the assertion.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Never happened: {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Takes the database's write lock until disposed, as a long backup or a stalled disk would: the bot's
    /// writes wait (SQLite busy timeout) while its reads go on.</summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection; // disposing it rolls the empty transaction back and frees the lock
    }

    /// <summary>Reads the bot's database as an operator would, beside the running bot.</summary>
    public async Task<IReadOnlyList<string?[]>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))]);
        }

        return rows;
    }

    /// <summary>The invariants of every Discord session: each interaction got an answer the member can see, in
    /// time, and every request body the bot sent matched Discord's OpenAPI schema.</summary>
    public async Task AssertEveryInteractionAnsweredAsync()
    {
        await Eventually.True(() => Emulator.Interactions.Values.All(i => i.Completed), "every interaction was answered");
        Assert.All(Emulator.Interactions.Values, i => Assert.Equal(0, i.LateCallbacks));
        Assert.Empty(Emulator.SchemaErrors);
    }

    private static bool IsEphemeral(JsonNode? message) => ((message?["flags"]?.GetValue<int>() ?? 0) & 64) != 0;

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
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp folder is cleaned by the OS
        }
    }
}
