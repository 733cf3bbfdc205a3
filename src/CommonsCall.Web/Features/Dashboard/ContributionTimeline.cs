namespace CommonsCall.Web.Features.Dashboard;

/// <summary>The call's total contributed at one moment.</summary>
public sealed record TimelinePoint(DateTimeOffset At, long Contributed);

/// <summary>
/// Contributions over time, from the net contributed per minute that each <see cref="CallSnapshot"/> holds (summed
/// from the ledger once when the snapshot is built, then moved by each announced change).
/// </summary>
public static class ContributionTimeline
{
    /// <summary>Cumulative contributed total at the end of each period, from the first contribution to <paramref name="now"/>; minutes grouped into periods readable on one chart (minutes, hours or days by the span covered).</summary>
    public static IReadOnlyList<TimelinePoint> Cumulative(IReadOnlyDictionary<DateTimeOffset, long> netPerMinute, DateTimeOffset now)
    {
        if (netPerMinute.Count == 0)
        {
            return [];
        }

        var first = netPerMinute.Keys.Min();
        var span = now - first;
        var period = span > TimeSpan.FromDays(3) ? TimeSpan.FromDays(1) : span > TimeSpan.FromHours(3) ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(1);
        var points = new List<TimelinePoint> { new(Floor(first, period), 0) };
        long total = 0;
        foreach (var group in netPerMinute.GroupBy(m => Floor(m.Key, period)).OrderBy(g => g.Key))
        {
            total += group.Sum(m => m.Value);
            var end = group.Key + period;
            points.Add(new TimelinePoint(end < now ? end : now, total));
        }

        if (points[^1].At < now)
        {
            points.Add(new TimelinePoint(now, total));
        }

        return points;
    }

    /// <summary>The minute (UTC) that <paramref name="at"/> falls in, as the ledger's per-minute sums key it.</summary>
    public static DateTimeOffset Minute(DateTimeOffset at) => Floor(at, TimeSpan.FromMinutes(1));

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan period)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % period.Ticks, TimeSpan.Zero);
    }
}
