using StudyBot.Chat;

namespace StudyBot.Tests.Daily;

public sealed class OutboxDispatcherTests
{
    [Fact]
    public async Task CrashBetweenCommitAndSend_PostsOnceAfterRestart()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);

        // The "crash": nothing was dispatched before the process died. A new dispatcher over the same
        // database (as after a restart) finds the row and posts it once; a second pass posts nothing.
        using var restarted = f.NewDispatcher();
        Assert.Equal(1, await restarted.DispatchDueAsync(default));
        Assert.Equal(0, await restarted.DispatchDueAsync(default));
        Assert.Single(f.Platform.Sent);
    }

    [Fact]
    public async Task TransientFault_IsRetriedAfterBackoffAndThenDelivered()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        f.Platform.FailWith = new HttpRequestException("502 Bad Gateway");

        Assert.Equal(0, await f.Dispatcher.DispatchDueAsync(default));
        f.Platform.FailWith = null;
        Assert.Equal(0, await f.Dispatcher.DispatchDueAsync(default)); // backing off
        f.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, await f.Dispatcher.DispatchDueAsync(default));
        Assert.Single(f.Platform.Sent);
    }

    [Fact]
    public async Task PermanentFault_IsGivenUpNotRetriedForever()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        f.Platform.FailWith = new ChatDeliveryException("Unknown Channel", isPermanent: true);

        await f.Dispatcher.DispatchDueAsync(default);
        f.Platform.FailWith = null;
        f.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, await f.Dispatcher.DispatchDueAsync(default));
        Assert.Empty(f.Platform.Sent);
    }

    [Fact]
    public async Task RevealWhosePostWasLost_IsPostedAsANewMessage()
    {
        using var f = await DailyFixture.CreateAsync();
        var (round, _) = await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        f.Platform.FailWith = new ChatDeliveryException("Missing Access", isPermanent: true);
        await f.Dispatcher.DispatchDueAsync(default);
        f.Platform.FailWith = null;

        await f.Daily.RevealAsync(f.Group, round, default);
        await f.Dispatcher.DispatchDueAsync(default);

        var sent = Assert.Single(f.Platform.Sent);
        Assert.StartsWith("Answer revealed", sent.Message.Title, StringComparison.Ordinal);
        Assert.Empty(f.Platform.Edits);
    }
}
