namespace CommonsCall.Benchmarks;

/// <summary>
/// The bench app's clock: the real time plus an offset that the digest part moves forward to the people's digest hour
/// (as the tests move theirs), so that every other part runs on the real time. Timestamps and timers stay real.
/// </summary>
public sealed class BenchClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
