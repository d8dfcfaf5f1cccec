using StudyBot.Practice;
using static StudyBot.Practice.FsrsRating;

namespace StudyBot.Core.Tests.Practice;

/// <summary>
/// Known values from the reference implementation's own test vectors (open-spaced-repetition/ts-fsrs):
/// the long-term scheduler tests in __tests__/impl/long-term_scheduler.test.ts (FSRS-5 weights read by the
/// FSRS-6 model, enable_short_term = false, each review on the day it falls due) and the FSRS-6 default
/// memory-state test in __tests__/FSRS-6.test.ts, which that file cites from fsrs-rs src/inference.rs.
/// </summary>
public sealed class FsrsSchedulerTests
{
    // The weights ts-fsrs's long-term scheduler tests use (FSRS-5's defaults as of ts-fsrs 4.x).
    private static readonly FsrsScheduler Fsrs5 = new(FsrsParameters.FromFsrs5(
    [
        0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712, 1.1178,
        2.0225, 0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891, 0.6468,
    ]));

    public static TheoryData<FsrsRating[], int[]> PublishedIntervals => new()
    {
        { [Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good], [3, 13, 48, 155, 445, 1158, 17, 3, 11, 37, 112, 307, 773] },
        { [Again, Hard, Good, Easy, Again, Hard, Good, Easy], [1, 2, 6, 41, 4, 7, 21, 133] },
        { [Hard, Good, Easy, Again, Hard, Good, Easy, Again], [2, 7, 54, 5, 8, 26, 171, 8] },
        { [Good, Easy, Again, Hard, Good, Easy, Again, Hard], [3, 33, 4, 7, 26, 193, 9, 14] },
        { [Easy, Again, Hard, Good, Easy, Again, Hard, Good], [15, 3, 6, 27, 240, 10, 17, 60] },
    };

    [Theory]
    [MemberData(nameof(PublishedIntervals))]
    public void Review_PublishedRatingSequences_GiveThePublishedIntervals(FsrsRating[] ratings, int[] expected)
    {
        var intervals = Replay(Fsrs5, ratings).Select(step => step.Interval);

        Assert.Equal(expected, intervals);
    }

    [Fact]
    public void Review_GoodSixTimesThenLapses_MatchesPublishedStabilityAndDifficulty()
    {
        var steps = Replay(Fsrs5, [Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good]).ToList();

        double[] stability = [3.0412, 13.09130698, 48.15848988, 154.93732625, 445.05562739, 1158.07779739, 16.63063166, 3.01732209, 11.42247264, 37.37521902, 111.8752758, 306.5974569, 772.94026648];
        double[] difficulty = [4.49094334, 4.26664289, 4.05746029, 3.86237659, 3.68044154, 3.51076891, 4.69833071, 5.55956298, 5.26323756, 4.98688448, 4.72915759, 4.4888015, 4.26464541];
        for (var i = 0; i < steps.Count; i++)
        {
            Assert.Equal(stability[i], steps[i].State.Stability, 0.0005);
            Assert.Equal(difficulty[i], steps[i].State.Difficulty, 0.0001);
        }
    }

    [Fact]
    public void Next_DefaultFsrs6Weights_MatchThePublishedLongTermMemoryState()
    {
        var fsrs = new FsrsScheduler(FsrsParameters.Default);
        FsrsRating[] ratings = [Again, Good, Good, Good, Good, Good];
        int[] daysBefore = [0, 0, 1, 3, 8, 21];

        MemoryState? state = null;
        for (var i = 0; i < ratings.Length; i++)
        {
            state = fsrs.Next(state, daysBefore[i], ratings[i]);
        }

        Assert.Equal(53.335106, state!.Value.Stability, 0.0001);
        Assert.Equal(6.3574867, state.Value.Difficulty, 0.0001);
    }

    [Fact]
    public void Retrievability_AfterStabilityDays_IsNinetyPercent()
    {
        var fsrs = new FsrsScheduler(FsrsParameters.Default);

        Assert.Equal(0.9, fsrs.Retrievability(12.5, 12.5), 1e-9);
        Assert.Equal(1.0, fsrs.Retrievability(0, 12.5), 1e-9);
    }

    [Fact]
    public void Review_DefaultWeights_QuickRightAnswerWaitsLongerThanRightAnswerWhichWaitsLongerThanWrong()
    {
        var fsrs = new FsrsScheduler(FsrsParameters.Default);

        var again = fsrs.Review(null, 0, Again).IntervalDays;
        var good = fsrs.Review(null, 0, Good).IntervalDays;
        var easy = fsrs.Review(null, 0, Easy).IntervalDays;

        Assert.True(again < good && good < easy, $"again {again}, good {good}, easy {easy}");
        Assert.Equal(1, again);
    }

    private static IEnumerable<(MemoryState State, int Interval)> Replay(FsrsScheduler fsrs, FsrsRating[] ratings)
    {
        MemoryState? state = null;
        var elapsed = 0;
        foreach (var rating in ratings)
        {
            var (next, interval) = fsrs.Review(state, elapsed, rating);
            yield return (next, interval);
            state = next;
            elapsed = interval;
        }
    }
}
