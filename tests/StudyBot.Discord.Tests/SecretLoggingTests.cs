using StudyBot.Chat;
using StudyBot.Discord.Tests.Emulator;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests;

public sealed class SecretLoggingTests
{
    [Fact]
    public async Task Logs_AcrossFaultsAndFailures_NeverContainTheTokenOrInteractionTokens()
    {
        await using var bot = await BotHarness.CreateAsync(e =>
        {
            e.FailNext("/commands", RestFault.Status500);
            e.FailNext("/commands", RestFault.RouteRateLimit);
        });
        await bot.ConnectedAsync();

        bot.Handler.OnCommand = (_, _) => throw new InvalidOperationException("boom");
        var failed = bot.Emulator.SendInteraction(Payloads.Command("answer"));
        await Eventually.True(() => failed.Completed, "the failed command was answered");
        await Assert.ThrowsAsync<ChatDeliveryException>(() => bot.Platform.SendAsync(DiscordEmulator.ForbiddenChannelId, ChatMessage.Public("t", "b"), CancellationToken.None));
        await bot.Emulator.SendReconnectAsync();
        await Eventually.True(() => bot.Emulator.Handshakes.Contains("resume"), "a resume");
        await bot.ConnectedAsync();
        await bot.Emulator.CloseAsync(4004);
        await Eventually.True(() => bot.Logs.Lines.Any(l => l.Contains("fatal code 4004", StringComparison.Ordinal)), "the fatal close was logged");

        var logs = bot.Logs.AllText;
        Assert.NotEmpty(bot.Logs.Lines);
        Assert.DoesNotContain(DiscordEmulator.Token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Zx9_secret", logs, StringComparison.Ordinal);
        Assert.All(bot.Emulator.Interactions.Values, i => Assert.DoesNotContain(i.Token, logs, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_InHttpMode_NeverContainThePublicKey()
    {
        const string PublicKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
        await using var bot = await BotHarness.CreateAsync(settings: new()
        {
            ["Discord:Mode"] = "Http",
            ["Discord:PublicKey"] = PublicKey,
            ["Discord:HttpListenUrl"] = "http://127.0.0.1:0",
        });
        var address = await ((DiscordHostedService)bot.Services.GetService(typeof(DiscordHostedService))!).HttpEndpointAddress.WaitAsync(TimeSpan.FromSeconds(15));
        using var client = new HttpClient();
        using var response = await client.PostAsync(address, new StringContent("{}"));

        Assert.Contains(bot.Logs.Lines, l => l.Contains("401", StringComparison.Ordinal));
        Assert.DoesNotContain(PublicKey, bot.Logs.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DiscordEmulator.Token, bot.Logs.AllText, StringComparison.Ordinal);
    }
}
