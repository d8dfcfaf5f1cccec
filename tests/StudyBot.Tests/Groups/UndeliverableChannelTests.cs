using StudyBot.Chat;

namespace StudyBot.Tests.Groups;

public sealed class UndeliverableChannelTests
{
    [Fact]
    public async Task ChannelGone_PausesTheGroupWithTheReasonAndStopsItsSchedule()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        f.Platform.FailWith = new ChatDeliveryException("Unknown Channel", isPermanent: true);

        await f.Dispatcher.DispatchDueAsync(default);

        var group = (await f.Groups.FindAsync("g1", default))!;
        Assert.True(group.Paused);
        Assert.Equal("the bot could not post in the channel: Unknown Channel", group.PausedReason);
        Assert.True(Assert.Single(f.Schedule.Scheduled).Paused);
    }

    [Fact]
    public async Task TransientFault_DoesNotPause()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.Daily.OpenRoundAsync(f.Group, f.Today, default);
        f.Platform.FailWith = new TimeoutException("slow");

        await f.Dispatcher.DispatchDueAsync(default);

        Assert.False((await f.Groups.FindAsync("g1", default))!.Paused);
    }
}
