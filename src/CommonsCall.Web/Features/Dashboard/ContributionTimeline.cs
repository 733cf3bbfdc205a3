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

        var period = PeriodFor(netPerMinute.Keys.Min(), now);
        return Points(Group(netPerMinute, period), period, now);
    }

    /// <summary>The period of the chart's points: minutes, hours or days by the span from the first contribution to <paramref name="now"/>.</summary>
    public static TimeSpan PeriodFor(DateTimeOffset first, DateTimeOffset now)
    {
        var span = now - first;
        return span > TimeSpan.FromDays(3) ? TimeSpan.FromDays(1) : span > TimeSpan.FromHours(3) ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(1);
    }

    /// <summary>The net contributed per <paramref name="period"/>, in order (what a snapshot keeps per period, so that each read only places the points).</summary>
    public static IReadOnlyList<(DateTimeOffset Start, long Net)> Group(IReadOnlyDictionary<DateTimeOffset, long> netPerMinute, TimeSpan period) =>
        [.. netPerMinute.GroupBy(m => Floor(m.Key, period)).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(m => m.Value)))];

    /// <summary>The cumulative points of <paramref name="grouped"/> up to <paramref name="now"/>, starting at zero.</summary>
    public static IReadOnlyList<TimelinePoint> Points(IReadOnlyList<(DateTimeOffset Start, long Net)> grouped, TimeSpan period, DateTimeOffset now)
    {
        if (grouped.Count == 0)
        {
            return [];
        }

        var points = new List<TimelinePoint>(grouped.Count + 2) { new(grouped[0].Start, 0) };
        long total = 0;
        foreach (var (start, net) in grouped)
        {
            total += net;
            var end = start + period;
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
