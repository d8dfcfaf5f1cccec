using StudyBot.Leaderboards;

namespace StudyBot.Tests.Daily;

public sealed class WeeklyChallengeTests
{
    [Fact]
    public async Task WeekClose_PostsFinalBoardWithTiedWinnersOnce()
    {
        using var f = await DailyFixture.CreateAsync(); // Monday 23 Nov 2026, Chicago
        await f.PlayDayAsync(("Ana", "B"), ("Cy", "B"), ("Ben", "A"));
        f.Time.Advance(TimeSpan.FromDays(7)); // the next Monday

        Assert.True(await f.Weekly.ClosePreviousWeekAsync(f.Group, f.Time.Now, default));
        Assert.False(await f.Weekly.ClosePreviousWeekAsync(f.Group, f.Time.Now, default));
        await f.Dispatcher.DispatchDueAsync(default);

        var post = f.Platform.Sent.Single(m => m.Message.Title.StartsWith("Weekly challenge", StringComparison.Ordinal));
        Assert.Equal("Weekly challenge results · week of 23 Nov 2026", post.Message.Title);
        Assert.StartsWith("Winners: Ana and Cy, tied with 1 point each!", post.Message.Body, StringComparison.Ordinal);
        Assert.Contains("3. Ben — 0 points (0/1 right)", post.Message.Body, StringComparison.Ordinal);
        Assert.Equal("chan-1", post.ChannelId);
    }

    [Fact]
    public async Task WeekClose_FollowsTheGroupsZone_SundayEveningIsStillTheOldWeek()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.PlayDayAsync(("Ana", "B"));

        // Sunday 29 Nov 23:30 in Chicago is already Monday in UTC: the week has not ended for this group.
        var sundayNight = new DateTimeOffset(2026, 11, 30, 5, 30, 0, TimeSpan.Zero);
        Assert.False(await f.Weekly.ClosePreviousWeekAsync(f.Group, sundayNight, default));

        var mondayMidnight = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
        Assert.True(await f.Weekly.ClosePreviousWeekAsync(f.Group, mondayMidnight, default));
    }

    [Fact]
    public async Task WeekClose_NobodyPlayed_PostsNothing()
    {
        using var f = await DailyFixture.CreateAsync();
        f.Time.Advance(TimeSpan.FromDays(7));

        Assert.False(await f.Weekly.ClosePreviousWeekAsync(f.Group, f.Time.Now, default));
    }

    [Fact]
    public void Final_SingleWinner_IsNamed()
    {
        var message = WeeklyChallenge.Final(new NodaTime.LocalDate(2026, 11, 16), Boards.Rank([new("a", "Ana", 4, 5, 4), new("b", "Ben", 2, 5, 2)]));

        Assert.StartsWith("Winner: Ana with 4 points!", message.Body, StringComparison.Ordinal);
    }
}
