using System.Globalization;

namespace CommonsCall.Testing;

/// <summary>
/// The clock boundary: tests set the time instead of waiting for it. It starts at the real current time
/// (whole minutes), never at a fixed date: cookies, tokens, rounds and deadlines issued under it must stay valid
/// in the browser and HttpClient, which read the real clock. Every date in a test is relative to <see cref="Start"/>.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>The real time when the test run started, truncated to the minute; shared by every clock of the run.</summary>
    public static DateTimeOffset Start { get; } = StartingNow();

    /// <summary>The calendar day of <see cref="Start"/>, for due dates and planned phases ("in 10 days").</summary>
    public static DateOnly Today { get; } = DateOnly.FromDateTime(Start.UtcDateTime);

    public TestClock()
        : this(Start)
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;

    /// <summary>An ISO date <paramref name="days"/> from <see cref="Today"/>, as forms and the API take it.</summary>
    public static string IsoDay(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset StartingNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
    }
}
