using System.Collections.Concurrent;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Dashboard;

/// <summary>The call's total contributed at one moment.</summary>
public sealed record TimelinePoint(DateTimeOffset At, long Contributed);

/// <summary>
/// Contributions over time without re-reading the whole ledger on every dashboard view: the net contributed per
/// minute is summed in SQL once for the settled past (entries older than <see cref="SettleAfter"/>, which no open
/// transaction can still add to) and kept in memory; each read only sums the recent minutes. The ledger is
/// append-only, so a settled minute never changes.
/// </summary>
public sealed class ContributionTimeline(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>Far longer than any contribution transaction (they hold row locks for milliseconds).</summary>
    public static readonly TimeSpan SettleAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, CallMinutes> _calls = new();

    /// <summary>Cumulative contributed total at the end of each period, from the first contribution to now.</summary>
    public async Task<IReadOnlyList<TimelinePoint>> ReadAsync(Guid callId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var calls = _calls.GetOrAdd(callId, _ => new CallMinutes());
        var cut = Minute(now - SettleAfter);
        SortedDictionary<DateTimeOffset, long> minutes;
        await calls.Gate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (calls.SettledUntil < cut)
            {
                foreach (var m in await SumPerMinuteAsync(db, callId, calls.SettledUntil, cut, ct))
                {
                    calls.Settled[m.Minute] = m.Net;
                }

                calls.SettledUntil = cut;
            }

            minutes = new SortedDictionary<DateTimeOffset, long>(calls.Settled);
            foreach (var m in await SumPerMinuteAsync(db, callId, calls.SettledUntil, DateTimeOffset.MaxValue, ct))
            {
                minutes[m.Minute] = minutes.GetValueOrDefault(m.Minute) + m.Net;
            }
        }
        finally
        {
            calls.Gate.Release();
        }

        return Cumulative(minutes, now);
    }

    /// <summary>Minutes grouped into periods readable on one chart (minutes, hours or days by the span covered).</summary>
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

    private static async Task<List<MinuteSum>> SumPerMinuteAsync(AppDbContext db, Guid callId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        const int kind = (int)LedgerEntryKind.Contribution;
        return await db.Database.SqlQuery<MinuteSum>($"""
            SELECT date_trunc('minute', "At") AS "Minute", sum("Amount")::bigint AS "Net"
            FROM "Ledger"
            WHERE "CallId" = {callId} AND "Kind" = {kind} AND "At" >= {from} AND "At" < {to}
            GROUP BY 1
            """).ToListAsync(ct);
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => Floor(at, TimeSpan.FromMinutes(1));

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan period)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % period.Ticks, TimeSpan.Zero);
    }

    private sealed record MinuteSum(DateTimeOffset Minute, long Net);

    private sealed class CallMinutes
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Dictionary<DateTimeOffset, long> Settled { get; } = [];

        public DateTimeOffset SettledUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
