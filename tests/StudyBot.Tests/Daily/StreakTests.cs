namespace StudyBot.Tests.Daily;

public sealed class StreakTests
{
    [Fact]
    public async Task Streak_GrowsWithEachRoundAnswered_AndSkippedDaysDoNotBreakIt()
    {
        using var f = await DailyFixture.CreateAsync();

        await f.PlayDayAsync(("Ana", "B"), ("Ben", "A"));
        f.Time.Advance(TimeSpan.FromDays(1));
        await f.PlayDayAsync(("Ana", "A"));
        f.Time.Advance(TimeSpan.FromDays(2)); // a day with no round: paused, or the bot was down past the grace window
        await f.PlayDayAsync(("Ana", "B"), ("Ben", "B"));

        Assert.Equal(3, (await f.Rounds.StreakAsync("g1", "ana", default)).Current);
        var ben = await f.Rounds.StreakAsync("g1", "ben", default);
        Assert.Equal((1, 1), (ben.Current, ben.Best)); // Ben missed the second round
    }

    [Fact]
    public async Task Streak_MissedTheLatestRound_ShowsZeroButKeepsTheBest()
    {
        using var f = await DailyFixture.CreateAsync();

        await f.PlayDayAsync(("Ana", "B"));
        f.Time.Advance(TimeSpan.FromDays(1));
        await f.PlayDayAsync(("Ana", "B"));
        f.Time.Advance(TimeSpan.FromDays(1));
        await f.PlayDayAsync(("Ben", "B"));

        var ana = await f.Rounds.StreakAsync("g1", "ana", default);
        Assert.Equal((0, 2), (ana.Current, ana.Best));
    }

    [Fact]
    public async Task Reveal_ShowsStreaksOfTwoOrMoreNextToNames()
    {
        using var f = await DailyFixture.CreateAsync();
        await f.PlayDayAsync(("Ana", "B"));
        f.Time.Advance(TimeSpan.FromDays(1));

        await f.PlayDayAsync(("Ana", "B"), ("Cy", "B"));
        await f.Dispatcher.DispatchDueAsync(default);

        var reveal = f.Platform.Edits[^1].Message;
        Assert.Equal("Ana (2-day streak), Cy", reveal.Fields.Single(x => x.Name == "Got it right").Value);
    }
}
