using StudyBot.Discord.Gateway;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Gateway;

public sealed class GatewayShardTests
{
    [Fact]
    public async Task Start_IdentifiesWithGuildsIntentOnly_AndKeepsHeartbeating()
    {
        await using var bot = await BotHarness.CreateAsync();
        await bot.ConnectedAsync();
        await Eventually.True(() => bot.Emulator.HeartbeatsReceived >= 2, "two heartbeats");

        var identify = Assert.Single(bot.Emulator.Identifies)["d"]!;
        Assert.Equal(1, identify["intents"]!.GetValue<int>());
        Assert.Equal([0, 1], identify["shard"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(["identify"], bot.Emulator.Handshakes);
    }

    [Fact]
    public async Task ServerHeartbeatRequest_IsAnsweredAtOnce()
    {
        // An interval of ten minutes: any heartbeat seen soon is the answer to the request.
        await using var bot = await BotHarness.CreateAsync(e => e.HeartbeatIntervalMs = 600_000);
        await bot.ConnectedAsync();
        var before = bot.Emulator.HeartbeatsReceived;

        await bot.Emulator.RequestHeartbeatAsync();

        await Eventually.True(() => bot.Emulator.HeartbeatsReceived > before, "a heartbeat in answer to op 1");
    }

    [Fact]
    public async Task Reconnect_Op7_ResumesTheSession()
    {
        await using var bot = await BotHarness.CreateAsync();
        await bot.ConnectedAsync();

        await bot.Emulator.SendReconnectAsync();

        await Eventually.True(() => bot.Emulator.Handshakes.Count == 2, "a second handshake");
        Assert.Equal(["identify", "resume"], bot.Emulator.Handshakes);
        await AnswersInteractionAsync(bot);
    }

    [Fact]
    public async Task InvalidSession_Resumable_Resumes()
    {
        await using var bot = await BotHarness.CreateAsync();
        await bot.ConnectedAsync();

        await bot.Emulator.SendInvalidSessionAsync(resumable: true);

        await Eventually.True(() => bot.Emulator.Handshakes.Count == 2, "a second handshake");
        Assert.Equal(["identify", "resume"], bot.Emulator.Handshakes);
        await AnswersInteractionAsync(bot);
    }

    [Fact]
    public async Task InvalidSession_NotResumable_IdentifiesAfresh()
    {
        await using var bot = await BotHarness.CreateAsync();
        await bot.ConnectedAsync();

        await bot.Emulator.SendInvalidSessionAsync(resumable: false);

        await Eventually.True(() => bot.Emulator.Handshakes.Count == 2, "a second handshake");
        Assert.Equal(["identify", "identify"], bot.Emulator.Handshakes);
        await AnswersInteractionAsync(bot);
    }

    [Fact]
    public async Task WithheldHeartbeatAcks_ZombieConnection_ReconnectsAndResumes()
    {
        await using var bot = await BotHarness.CreateAsync(e => e.HeartbeatIntervalMs = 100);
        await bot.ConnectedAsync();

        bot.Emulator.WithholdAcks = true;
        await Eventually.True(() => bot.Emulator.Handshakes.Contains("resume"), "a resume after the zombie connection");
        bot.Emulator.WithholdAcks = false;

        Assert.Equal("identify", bot.Emulator.Handshakes.First());
        Assert.Contains(bot.Logs.Lines, l => l.Contains("no heartbeat ACK", StringComparison.Ordinal));
        await AnswersInteractionAsync(bot);
    }

    [Fact]
    public async Task Close4000_UnknownError_Resumes()
    {
        await using var bot = await BotHarness.CreateAsync();
        await bot.ConnectedAsync();

        await bot.Emulator.CloseAsync(4000);

        await Eventually.True(() => bot.Emulator.Handshakes.Count == 2, "a second handshake");
        Assert.Equal(["identify", "resume"], bot.Emulator.Handshakes);
        await AnswersInteractionAsync(bot);
    }

    [Fact]
    public async Task DroppedSocket_InteractionSentMeanwhile_IsReplayedOnResumeAndAnswered()
    {
        await using var bot = await BotHarness.CreateAsync();
        await bot.ConnectedAsync();

        bot.Emulator.DropConnection();
        var missed = bot.Emulator.SendInteraction(Payloads.Command("leaderboard"));

        await Eventually.True(() => missed.Completed, "the interaction sent while disconnected was answered");
        Assert.Contains("resume", bot.Emulator.Handshakes);
        Assert.Single(bot.Handler.Commands);
    }

    [Theory]
    [InlineData(4004, "authentication failed")]
    [InlineData(4014, "disallowed intents")]
    public async Task FatalCloseCode_StopsWithClearLogLine(int code, string meaning)
    {
        await using var bot = await BotHarness.CreateAsync(e => e.CloseOnIdentify = code);
        var gateway = (DiscordGateway)bot.Services.GetService(typeof(DiscordGateway))!;

        await Eventually.True(() => gateway.Shards.Count == 1 && gateway.Shards[0].StopReason == ShardStopReason.FatalCloseCode, "the shard stopped");

        Assert.Equal(code, gateway.Shards[0].FatalCloseCode);
        Assert.Single(bot.Emulator.Handshakes);
        await Eventually.True(() => bot.Logs.Lines.Any(l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains($"fatal code {code}", StringComparison.Ordinal) && l.Contains(meaning, StringComparison.Ordinal)), "a critical log line naming the close code");
        await Eventually.True(() => bot.Logs.Lines.Any(l => l.Contains("Discord gateway stopped", StringComparison.Ordinal)), "the gateway's stop line");
    }

    [Fact]
    public async Task TwoShards_EachIdentifiesWithItsShardId()
    {
        await using var bot = await BotHarness.CreateAsync(e =>
        {
            e.Shards = 2;
            e.MaxConcurrency = 1;
        });

        await Eventually.True(() => bot.Emulator.Identifies.Count == 2, "both shards identified");

        var shards = bot.Emulator.Identifies.Select(i => i["d"]!["shard"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray()).OrderBy(s => s[0]).ToList();
        Assert.Equal([0, 2], shards[0]);
        Assert.Equal([1, 2], shards[1]);
    }

    [Fact]
    public async Task IdentifyGate_SameRateLimitKey_WaitsTheInterval_OtherKeysDoNot()
    {
        var time = new ManualTime();
        var gate = new IdentifyGate(maxConcurrency: 2, TimeSpan.FromSeconds(5), time);

        await gate.WaitAsync(0, CancellationToken.None);
        await gate.WaitAsync(1, CancellationToken.None); // key 1: not held back by shard 0
        var shard2 = gate.WaitAsync(2, CancellationToken.None); // key 0 again: must wait

        Assert.False(shard2.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        await shard2;
    }

    private static async Task AnswersInteractionAsync(BotHarness bot)
    {
        await bot.ConnectedAsync();
        var interaction = bot.Emulator.SendInteraction(Payloads.Click("daily:1:a"));
        await Eventually.True(() => interaction.Completed, "the interaction after recovery was answered");
        Assert.All(bot.Emulator.Interactions.Values, i => Assert.True(i.Completed));
    }

    [Fact]
    public async Task WrongToken_RestRejects_StopsWithClearLogLine_AndNeverIdentifies()
    {
        const string WrongToken = "wrong.token-value-for-test";
        await using var bot = await BotHarness.CreateAsync(settings: new() { ["Discord:Token"] = WrongToken });

        await Eventually.True(() => bot.Logs.Lines.Any(l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("rejected the bot token", StringComparison.Ordinal)), "a critical line about the token");

        Assert.Empty(bot.Emulator.Identifies);
        Assert.Single(bot.Emulator.Requests); // the command registration's 401; after it the client stops calling
        Assert.DoesNotContain(WrongToken, bot.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close4000BeforeReady_IdentifiesAgain_AndConnects()
    {
        await using var bot = await BotHarness.CreateAsync(e => e.CloseOnIdentify = 4000);

        await bot.ConnectedAsync();

        Assert.Equal(["identify", "identify"], bot.Emulator.Handshakes);
        await AnswersInteractionAsync(bot);
    }
}
