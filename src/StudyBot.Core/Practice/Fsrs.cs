namespace StudyBot.Practice;

/// <summary>FSRS's four grades. StudyBot maps wrong to Again, right to Good and right-and-quick to Easy;
/// Hard exists because the algorithm defines it, but no answer maps to it.</summary>
public enum FsrsRating
{
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

/// <summary>FSRS's memory of one question for one member.</summary>
/// <param name="Stability">Days until the chance of recall falls to 90%.</param>
/// <param name="Difficulty">1 (easy) to 10 (hard).</param>
public readonly record struct MemoryState(double Stability, double Difficulty);

/// <summary>
/// FSRS-6 parameters: 21 weights, the retention the schedule aims for, and the longest interval.
/// <see cref="Default"/> holds the published FSRS-6 default weights (the ones Anki, fsrs-rs, py-fsrs and
/// ts-fsrs ship before a user's own optimisation).
/// </summary>
public sealed class FsrsParameters
{
    /// <summary>FSRS-6 default weights w0..w20, as published by the open-spaced-repetition project.</summary>
    public static readonly IReadOnlyList<double> DefaultWeights =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    public FsrsParameters(IReadOnlyList<double> weights, double desiredRetention = 0.9, int maximumIntervalDays = 36500)
    {
        if (weights.Count != 21)
        {
            throw new ArgumentException($"FSRS-6 needs 21 weights (got {weights.Count}); use FromFsrs5 for 19.", nameof(weights));
        }

        if (desiredRetention is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(desiredRetention), "Desired retention must be between 0 and 1.");
        }

        if (maximumIntervalDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumIntervalDays), "The maximum interval must be at least a day.");
        }

        Weights = [.. weights];
        DesiredRetention = desiredRetention;
        MaximumIntervalDays = maximumIntervalDays;
    }

    public static FsrsParameters Default { get; } = new(DefaultWeights);

    public IReadOnlyList<double> Weights { get; }

    public double DesiredRetention { get; }

    public int MaximumIntervalDays { get; }

    /// <summary>FSRS-5's 19 weights as FSRS-6 reads them: no short-term stability exponent (w19 = 0) and
    /// the fixed FSRS-5 forgetting-curve decay (w20 = 0.5).</summary>
    public static FsrsParameters FromFsrs5(IReadOnlyList<double> weights, double desiredRetention = 0.9) =>
        weights.Count == 19
            ? new FsrsParameters([.. weights, 0.0, 0.5], desiredRetention)
            : throw new ArgumentException($"FSRS-5 has 19 weights (got {weights.Count}).", nameof(weights));
}

/// <summary>
/// The FSRS-6 memory model and its long-term scheduler (whole days, no same-day learning steps: a wrong
/// answer comes back the next day at the earliest), implemented from the published formulas:
/// <list type="bullet">
/// <item>forgetting curve R(t, S) = (1 + F·t/S)^-w20 with F = 0.9^(-1/w20) - 1, so R(S, S) = 90%;</item>
/// <item>interval I(r, S) = S/F · (r^(-1/w20) - 1), rounded, at least 1 day;</item>
/// <item>first review: S0 = w[G-1], D0(G) = w4 - e^(w5·(G-1)) + 1;</item>
/// <item>difficulty: D' = D + (-w6·(G-3))·(10-D)/9 (linear damping), then mean reversion
/// w7·D0(Easy) + (1-w7)·D', clamped to 1..10;</item>
/// <item>recall: S' = S·(1 + e^w8·(11-D)·S^-w9·(e^(w10·(1-R)) - 1)·(w15 if Hard)·(w16 if Easy));</item>
/// <item>lapse: S' = min(S, w11·D^-w12·((S+1)^w13 - 1)·e^(w14·(1-R))).</item>
/// </list>
/// Stability and difficulty updates use the state before the review.
/// </summary>
public sealed class FsrsScheduler(FsrsParameters parameters)
{
    private const double MinStability = 0.01;
    private const double MaxStability = 36500;

    private readonly IReadOnlyList<double> w = parameters.Weights;

    public FsrsParameters Parameters { get; } = parameters;

    private double Decay => -w[20];

    private double Factor => Math.Pow(0.9, 1 / Decay) - 1;

    /// <summary>The chance of recall <paramref name="elapsedDays"/> after the last review.</summary>
    public double Retrievability(double elapsedDays, double stability) =>
        Math.Pow(1 + (Factor * Math.Max(elapsedDays, 0) / stability), Decay);

    /// <summary>Whole days until recall is expected to fall to the desired retention.</summary>
    public int IntervalDays(double stability)
    {
        var days = stability / Factor * (Math.Pow(Parameters.DesiredRetention, 1 / Decay) - 1);
        return (int)Math.Clamp(Math.Round(days, MidpointRounding.AwayFromZero), 1, Parameters.MaximumIntervalDays);
    }

    /// <summary>The memory state after a review <paramref name="elapsedDays"/> after the previous one
    /// (<paramref name="state"/> null for a first review).</summary>
    public MemoryState Next(MemoryState? state, double elapsedDays, FsrsRating rating)
    {
        var g = (int)rating;
        if (state is not { } s)
        {
            return new MemoryState(Math.Max(w[g - 1], 0.1), Math.Clamp(InitialDifficulty(g), 1, 10));
        }

        var r = Retrievability(elapsedDays, s.Stability);
        var stability = rating == FsrsRating.Again
            ? Math.Min(s.Stability, ForgetStability(s.Difficulty, s.Stability, r))
            : RecallStability(s.Difficulty, s.Stability, r, rating);
        return new MemoryState(Math.Clamp(stability, MinStability, MaxStability), NextDifficulty(s.Difficulty, g));
    }

    /// <summary>
    /// Reviews a card: the new memory state and the interval to the next review. As in the reference
    /// long-term scheduler, the four grades' intervals are kept in order (Again &lt; Hard &lt; Good &lt; Easy),
    /// so a better answer never comes back sooner than a worse one.
    /// </summary>
    public (MemoryState State, int IntervalDays) Review(MemoryState? state, double elapsedDays, FsrsRating rating)
    {
        var states = new MemoryState[5];
        var intervals = new int[5];
        for (var g = 1; g <= 4; g++)
        {
            states[g] = Next(state, elapsedDays, (FsrsRating)g);
            intervals[g] = IntervalDays(states[g].Stability);
        }

        intervals[1] = Math.Min(intervals[1], intervals[2]);
        intervals[2] = Math.Max(intervals[2], intervals[1] + 1);
        intervals[3] = Math.Max(intervals[3], intervals[2] + 1);
        intervals[4] = Math.Max(intervals[4], intervals[3] + 1);
        var chosen = (int)rating;
        return (states[chosen], Math.Min(intervals[chosen], Parameters.MaximumIntervalDays));
    }

    private double InitialDifficulty(int g) => w[4] - Math.Exp((g - 1) * w[5]) + 1;

    private double NextDifficulty(double d, int g)
    {
        var delta = -w[6] * (g - 3);
        var damped = d + (delta * (10 - d) / 9);
        return Math.Clamp((w[7] * InitialDifficulty(4)) + ((1 - w[7]) * damped), 1, 10);
    }

    private double RecallStability(double d, double s, double r, FsrsRating rating)
    {
        var hardPenalty = rating == FsrsRating.Hard ? w[15] : 1;
        var easyBonus = rating == FsrsRating.Easy ? w[16] : 1;
        return s * (1 + (Math.Exp(w[8]) * (11 - d) * Math.Pow(s, -w[9]) * (Math.Exp((1 - r) * w[10]) - 1) * hardPenalty * easyBonus));
    }

    private double ForgetStability(double d, double s, double r) =>
        w[11] * Math.Pow(d, -w[12]) * (Math.Pow(s + 1, w[13]) - 1) * Math.Exp((1 - r) * w[14]);
}
