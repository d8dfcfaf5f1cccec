namespace StudyBot.Tests.Shared;

/// <summary>
/// The real clock, moved forward by hand. Unlike <see cref="FakeTime"/> it keeps ticking, so code that waits on
/// the clock between two jumps (a rate-limit bucket counting down to its reset, a gateway pacing its identifies)
/// still sees time pass; the test only ever jumps forward.
/// </summary>
public sealed class ShiftedTime : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>Moves the clock forward so that it reads <paramref name="instant"/> now.</summary>
    public void JumpTo(DateTimeOffset instant)
    {
        var offset = instant - System.GetUtcNow();
        Assert.True(offset.Ticks >= Interlocked.Read(ref offsetTicks), "The clock only moves forward.");
        Interlocked.Exchange(ref offsetTicks, offset.Ticks);
    }
}
