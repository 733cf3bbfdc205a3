using System.Collections.Concurrent;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Dashboard;

/// <summary>Per commons: how many organisations give to it and, while a matching pool exists, the match it would get now.</summary>
public sealed record CommonsFigure(int Contributors, long? EstimatedMatch);

/// <summary>The goals of one commons, as the estimate needs them.</summary>
public sealed record CommonsGoals(Guid Id, long MinimumGoal, long MaximumGoal, long Total);

/// <summary>
/// The figures of a call's commons that need every contribution row (up to members x commons of them): computed
/// once and kept until the call's money changes, so that an open dashboard does not re-read all contributions on
/// each refresh. An entry is dropped by the change events of every instance (LISTEN/NOTIFY) and is only reused
/// for the same commons totals and matching pool, so a change this instance has not heard of yet is not missed.
/// </summary>
public sealed class CommonsFigures
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    public CommonsFigures(ContributionEvents events)
    {
        events.Changed += change => _entries.TryRemove(change.CallId, out _);
        events.CallChanged += callId => _entries.TryRemove(callId, out _);
    }

    public async Task<IReadOnlyDictionary<Guid, CommonsFigure>> ReadAsync(
        AppDbContext db, Guid callId, IReadOnlyList<CommonsGoals> commons, long? matchingPool, CancellationToken ct)
    {
        var key = new Key(matchingPool, string.Join(',', commons.OrderBy(c => c.Id).Select(c => $"{c.Id:N}:{c.Total}")));
        if (_entries.TryGetValue(callId, out var cached) && cached.Key == key)
        {
            return cached.Figures;
        }

        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => c.CallId == callId && c.Amount > 0)
            .Select(c => new { c.CommonsId, c.OrganisationId, c.Amount })
            .ToListAsync(ct);
        var byCommons = contributions.GroupBy(c => c.CommonsId).ToDictionary(g => g.Key, g => g.ToDictionary(x => x.OrganisationId, x => x.Amount));

        // The match each commons would get if the round closed now: the settlement's own rule.
        var estimates = matchingPool is { } pool
            ? Settlement.Settle(
                    commons.Select(c => new SettlementCommons(c.Id, c.MinimumGoal, c.MaximumGoal, byCommons.GetValueOrDefault(c.Id) ?? new Dictionary<Guid, long>())),
                    pool)
                .Commons.ToDictionary(o => o.CommonsId, o => (long?)o.Match)
            : null;
        var figures = commons.ToDictionary(
            c => c.Id,
            c => new CommonsFigure(byCommons.GetValueOrDefault(c.Id)?.Count ?? 0, estimates?.GetValueOrDefault(c.Id)));
        _entries[callId] = new Entry(key, figures);
        return figures;
    }

    private sealed record Key(long? MatchingPool, string Totals);

    private sealed record Entry(Key Key, IReadOnlyDictionary<Guid, CommonsFigure> Figures);
}
