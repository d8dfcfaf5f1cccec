using Microsoft.Extensions.DependencyInjection;
using StudyBot.Chat;
using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Emulator;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Rest;

public sealed class DiscordRestClientTests
{
    private static readonly ChatMessage Daily = new("Daily question", "Which code reports...?", [], [new ChatButton("daily:1:a", "A"), new ChatButton("daily:1:b", "B")], Ephemeral: false);

    [Fact]
    public async Task Send_PostsEmbedWithButtons_NoMentions_AndDiscordBotUserAgent()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);

        var id = await bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, CancellationToken.None);

        var stored = bot.Emulator.Messages[id];
        Assert.Equal("Daily question", stored["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Equal(2, stored["components"]![0]!["components"]!.AsArray().Count);
        Assert.Empty(stored["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Null(stored["flags"]);
        Assert.StartsWith("DiscordBot (", Assert.Single(bot.Emulator.Requests).UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_ReplacesTheMessage_AndRemovesButtons()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);
        var id = await bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, CancellationToken.None);

        await bot.Platform.EditAsync(DiscordEmulator.ChannelId, id, ChatMessage.Public("Revealed", "B is right."), CancellationToken.None);

        Assert.Equal("Revealed", bot.Emulator.Messages[id]["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Empty(bot.Emulator.Messages[id]["components"]!.AsArray());
    }

    [Fact]
    public async Task ManySendsToOneChannel_FollowBucketHeaders_WithoutBeingRateLimited()
    {
        await using var bot = await BotHarness.CreateAsync(e => e.BucketLimit = 3, start: false);

        var sends = Enumerable.Range(0, 8).Select(_ => bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, CancellationToken.None));
        var ids = await Task.WhenAll(sends);

        Assert.Equal(8, ids.Distinct().Count());
        Assert.Equal(0, bot.Emulator.UnrequestedRateLimits);
    }

    [Fact]
    public async Task GlobalLimit_SixtyRequests_StayUnderFiftyPerSecond()
    {
        await using var bot = await BotHarness.CreateAsync(e => e.BucketLimit = 1000, start: false);

        var ids = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, CancellationToken.None)));

        Assert.Equal(60, ids.Length);
        Assert.Equal(0, bot.Emulator.UnrequestedRateLimits);
    }

    [Theory]
    [InlineData(RestFault.RouteRateLimit)]
    [InlineData(RestFault.GlobalRateLimit)]
    [InlineData(RestFault.SharedRateLimit)]
    [InlineData(RestFault.Status500)]
    [InlineData(RestFault.Status502)]
    public async Task TransientFault_IsRetried_AndTheMessageArrivesOnce(RestFault fault)
    {
        await using var bot = await BotHarness.CreateAsync(e => e.FailNext("/messages", fault), start: false);

        var id = await bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, CancellationToken.None);

        Assert.Single(bot.Emulator.Messages);
        Assert.True(bot.Emulator.Messages.ContainsKey(id));
        Assert.Equal(2, bot.Emulator.RequestsTo("POST", "/messages").Count());
    }

    [Theory]
    [InlineData(RestFault.RouteRateLimit, 1)]
    [InlineData(RestFault.GlobalRateLimit, 1)]
    [InlineData(RestFault.SharedRateLimit, 0)]
    public async Task RateLimit_CountsAsInvalidRequest_UnlessShared(RestFault fault, int invalid)
    {
        await using var bot = await BotHarness.CreateAsync(e => e.FailNext("/messages", fault), start: false);

        await bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, CancellationToken.None);

        Assert.Equal(invalid, bot.Services.GetService<DiscordRestClient>()!.InvalidRequestCount);
    }

    [Fact]
    public async Task SlowResponse_TimesOut_AndTheIdempotentEditIsRetried()
    {
        await using var bot = await BotHarness.CreateAsync(
            e => e.SlowResponse = TimeSpan.FromSeconds(5),
            settings: new() { ["Discord:RequestTimeout"] = "00:00:00.300" },
            start: false);
        var id = await bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, CancellationToken.None);
        bot.Emulator.FailNext("/messages/", RestFault.Slow);

        await bot.Platform.EditAsync(DiscordEmulator.ChannelId, id, ChatMessage.Public("Revealed", "B."), CancellationToken.None);

        Assert.Equal("Revealed", bot.Emulator.Messages[id]["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Contains(bot.Logs.Lines, l => l.Contains("PATCH /channels/{channel_id}/messages/{message_id} failed with", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DiscordEmulator.ForbiddenChannelId)]
    [InlineData("399999999999999999")]
    public async Task Send_MissingAccessOrUnknownChannel_IsPermanentFailure(string channel)
    {
        await using var bot = await BotHarness.CreateAsync(start: false);

        var failure = await Assert.ThrowsAsync<ChatDeliveryException>(() => bot.Platform.SendAsync(channel, Daily, CancellationToken.None));

        Assert.True(failure.IsPermanent);
        Assert.Single(bot.Emulator.Requests);
    }

    [Fact]
    public async Task Send_ServerKeepsFailing_IsTransientFailure()
    {
        await using var bot = await BotHarness.CreateAsync(
            e =>
            {
                for (var i = 0; i < 5; i++)
                {
                    e.FailNext("/messages", RestFault.Status500);
                }
            },
            start: false);

        var failure = await Assert.ThrowsAsync<ChatDeliveryException>(() => bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, CancellationToken.None));

        Assert.False(failure.IsPermanent);
        Assert.Empty(bot.Emulator.Messages);
    }

    [Fact]
    public async Task InvalidRequestGuard_StopsSendingAfterTheLimit()
    {
        var timings = new DiscordTimings { InvalidRequestLimit = 3, RestRetryBaseDelay = TimeSpan.FromMilliseconds(10) };
        await using var bot = await BotHarness.CreateAsync(timings: timings, start: false);

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<ChatDeliveryException>(() => bot.Platform.SendAsync(DiscordEmulator.ForbiddenChannelId, Daily, CancellationToken.None));
        }

        Assert.Equal(3, bot.Emulator.Requests.Count);
        Assert.Contains(bot.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("invalid requests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LongRateLimit_FailsAsTransient_InsteadOfWaitingMinutes()
    {
        await using var bot = await BotHarness.CreateAsync(e => e.FailNext("/messages", RestFault.LongSharedRateLimit), start: false);

        var failure = await Assert.ThrowsAsync<ChatDeliveryException>(() => bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, CancellationToken.None));

        Assert.False(failure.IsPermanent);
        Assert.Equal(0, bot.Services.GetService<DiscordRestClient>()!.InvalidRequestCount);
    }

    [Fact]
    public async Task Send_StoredButResponseLost_RetryWithTheSameKeyReturnsTheFirstMessage()
    {
        await using var bot = await BotHarness.CreateAsync(
            start: false,
            settings: new() { ["Discord:RequestTimeout"] = "00:00:00.500" },
            configureEmulator: e => e.SlowResponse = TimeSpan.FromSeconds(3));
        bot.Emulator.FailNext($"/channels/{DiscordEmulator.ChannelId}/messages", RestFault.SlowAfterServing);

        var id = await bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, "outbox-42", CancellationToken.None);
        var again = await bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, "outbox-42", CancellationToken.None);

        // The first attempt was stored and timed out; the client's retry and a later outbox retry both get it back.
        Assert.Equal(id, Assert.Single(bot.Emulator.Messages.Keys));
        Assert.Equal(id, again);
        Assert.Equal(2, bot.Emulator.NonceHits);
        Assert.All(bot.Emulator.RequestsTo("POST", "/messages"), r => Assert.Equal("outbox-42", r.Body!["nonce"]!.GetValue<string>()));
        Assert.All(bot.Emulator.RequestsTo("POST", "/messages"), r => Assert.True(r.Body!["enforce_nonce"]!.GetValue<bool>()));
        Assert.Empty(bot.Emulator.SchemaErrors);
    }

    [Fact]
    public async Task Send_DifferentKeys_PostTwoMessages()
    {
        await using var bot = await BotHarness.CreateAsync(start: false);

        var first = await bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, "outbox-1", CancellationToken.None);
        var second = await bot.Platform.SendAsync(DiscordEmulator.ChannelId, Daily, "outbox-2", CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(2, bot.Emulator.Messages.Count);
    }
}
