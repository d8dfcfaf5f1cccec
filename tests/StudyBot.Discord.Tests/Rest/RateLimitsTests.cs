using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Rest;

public sealed class RateLimitsTests
{
    [Fact]
    public async Task SlidingWindow_GatewaySendLimit_HoldsThe121stSendUntilTheWindowMoves()
    {
        var time = new ManualTime();
        var limiter = new SlidingWindowLimiter(120, TimeSpan.FromSeconds(60), time);
        for (var i = 0; i < 120; i++)
        {
            await limiter.WaitAsync(CancellationToken.None);
        }

        var next = limiter.WaitAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(60));
        await next;
    }

    [Fact]
    public async Task SlidingWindow_PausedByGlobal429_WaitsUntilThePauseEnds()
    {
        var time = new ManualTime();
        var limiter = new SlidingWindowLimiter(50, TimeSpan.FromSeconds(1), time);
        limiter.PauseUntil(time.GetUtcNow().AddSeconds(2));

        var next = limiter.WaitAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(2));
        await next;
    }

    [Fact]
    public void InvalidRequestGuard_ForgetsRequestsOlderThanTheWindow()
    {
        var time = new ManualTime();
        var guard = new InvalidRequestGuard(2, TimeSpan.FromMinutes(10), time);
        guard.Record();
        guard.Record();
        Assert.True(guard.IsTripped);

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.False(guard.IsTripped);
    }

    [Fact]
    public void Buckets_RoutesSharingAHash_ShareStatePerMajorParameter()
    {
        var buckets = new RateLimitBuckets();
        var create = DiscordRoute.CreateMessage("1");
        var edit = DiscordRoute.EditMessage("1", "9");
        var now = DateTimeOffset.UnixEpoch;

        buckets.Update(create, buckets.For(create), "hash-a", 0, TimeSpan.FromSeconds(2), now);
        buckets.Update(edit, buckets.For(edit), "hash-a", 0, TimeSpan.FromSeconds(2), now);

        Assert.Same(buckets.For(create), buckets.For(edit));
        Assert.NotSame(buckets.For(create), buckets.For(DiscordRoute.CreateMessage("2")));
        Assert.Equal(TimeSpan.FromSeconds(2), buckets.For(create).WaitNeeded(now));
    }
}
