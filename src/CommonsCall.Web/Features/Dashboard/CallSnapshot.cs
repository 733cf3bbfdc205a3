using System.Collections.Concurrent;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Budgeting;

namespace CommonsCall.Web.Features.Dashboard;

/// <summary>A commons as the snapshot holds it (its figures for every viewer; <see cref="CallSnapshot.ViewFor"/> hides what a viewer may not see).</summary>
internal sealed record SnapshotCommons(Guid Id, string Title, CommonsStatus Status, long MinimumGoal, long MaximumGoal, long Total, long Released, long Match);

/// <summary>A member organisation's budget in the call.</summary>
internal sealed record SnapshotMember(Guid Id, string Name, long Granted, long OwnFunds, long Contributed);

/// <summary>What a snapshot was built from: the database snapshot it read in, the call's version and last ledger id, the commons print.</summary>
internal sealed record SnapshotBase(DatabaseSnapshot Visible, uint CallVersion, long LastLedgerId, long CommonsPrint);

/// <summary>
/// Everything the dashboard shows of one call, for every viewer at once, as one immutable value: built from the database
/// by <see cref="CallSnapshots"/>, then replaced (never changed) by a copy with the next announced changes applied. Open
/// pages hold a reference to it and their viewer's access, and project it with <see cref="ViewFor"/>; what every viewer
/// of a kind sees (the commons rows, the largest givers, the timeline) is computed once per snapshot and shared.
/// </summary>
public sealed class CallSnapshot
{
    private readonly IReadOnlyDictionary<Guid, SnapshotCommons> _commons;
    private readonly IReadOnlyDictionary<Guid, SnapshotMember> _members;
    private readonly IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, long>> _gifts;
    private readonly IReadOnlyDictionary<DateTimeOffset, long> _minutes;
    private readonly Lazy<IReadOnlyList<SnapshotMember>> _byContribution;
    private readonly Lazy<IReadOnlyDictionary<Guid, long>> _estimates;
    private readonly Lazy<IReadOnlyList<DashboardCommons>>[] _commonsViews;
    private readonly Lazy<IReadOnlyList<DashboardOrganisation>> _firstOrganisations;
    private readonly Lazy<IReadOnlyList<TimelinePoint>> _timeline;
    private readonly Lazy<DateTimeOffset> _firstMinute;
    private readonly ConcurrentDictionary<TimeSpan, IReadOnlyList<(DateTimeOffset Start, long Net)>> _periods = new();
    private readonly Lazy<IReadOnlyDictionary<Guid, IReadOnlyList<OrganisationAmount>>> _everyGift;

    internal CallSnapshot(
        Call call, SnapshotBase @base, long sequence, long appliedAfterBase, bool rebuilt,
        IReadOnlyDictionary<Guid, SnapshotCommons> commons, IReadOnlyDictionary<Guid, SnapshotMember> members,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, long>> gifts, long pool, long matchingPool,
        IReadOnlyDictionary<DateTimeOffset, long> minutes, DateTimeOffset asOf, DateTimeOffset? oldestChange = null)
    {
        OldestChange = oldestChange;
        Call = call;
        Base = @base;
        Sequence = sequence;
        AppliedAfterBase = appliedAfterBase;
        Rebuilt = rebuilt;
        _commons = commons;
        _members = members;
        _gifts = gifts;
        Pool = pool;
        MatchingPool = matchingPool;
        _minutes = minutes;
        AsOf = asOf;
        _byContribution = new(() => _members.Values.OrderByDescending(m => m.Contributed).ThenBy(m => m.Name, StringComparer.InvariantCulture).ToList());
        _estimates = new(Estimate);
        _commonsViews = [.. Enumerable.Range(0, 4).Select(i => new Lazy<IReadOnlyList<DashboardCommons>>(() => CommonsRows(seesTotals: (i & 1) != 0, seesEveryone: (i & 2) != 0)))];
        _firstOrganisations = new(() => _byContribution.Value.Take(DashboardQueries.OrganisationsShown).Select(Organisation).ToList());
        _firstMinute = new(() => _minutes.Keys.Min());
        _timeline = new(() => TimelineAt(AsOf));
        _everyGift = new(() => _gifts.ToDictionary(g => g.Key, g => GiftsOf(g.Key, _ => true)));
    }

    /// <summary>The call as it was read (phase, rules, visibility): never changed.</summary>
    public Call Call { get; }

    /// <summary>Grows by one with each snapshot of the call this instance makes.</summary>
    public long Sequence { get; }

    /// <summary>Built from the database rather than patched by announced changes: its viewers check their access again.</summary>
    public bool Rebuilt { get; }

    public DateTimeOffset AsOf { get; }

    /// <summary>When the oldest change this snapshot applied was made (null for a build): how late its viewers see it.</summary>
    public DateTimeOffset? OldestChange { get; }

    public long Pool { get; }

    public long MatchingPool { get; }

    internal SnapshotBase Base { get; }

    /// <summary>How many announced changes with a ledger entry after <see cref="SnapshotBase.LastLedgerId"/> this snapshot holds.</summary>
    internal long AppliedAfterBase { get; }

    /// <summary>
    /// A copy with the <paramref name="changes"/> that the database snapshot of the build did not see; this snapshot
    /// itself when it saw them all; null when a change does not fit (a member without a budget row): rebuild then.
    /// Every figure moves by the change's delta, so changes announced in any order give the same result.
    /// </summary>
    internal CallSnapshot? With(IEnumerable<ContributionChanged> changes, DateTimeOffset now)
    {
        var unseen = changes.Where(c => !Base.Visible.Sees(c.TransactionId)).ToList();
        if (unseen.Count == 0)
        {
            return this;
        }

        var commons = new Dictionary<Guid, SnapshotCommons>(_commons);
        var members = new Dictionary<Guid, SnapshotMember>(_members);
        var gifts = new Dictionary<Guid, IReadOnlyDictionary<Guid, long>>(_gifts);
        var copied = new Dictionary<Guid, Dictionary<Guid, long>>();
        var minutes = new Dictionary<DateTimeOffset, long>(_minutes);
        foreach (var change in unseen)
        {
            if (!members.TryGetValue(change.OrganisationId, out var member))
            {
                return null;
            }

            members[member.Id] = member with { Contributed = member.Contributed + change.Delta };
            if (commons.TryGetValue(change.CommonsId, out var c))
            {
                commons[c.Id] = c with { Total = c.Total + change.Delta };
            }

            if (!copied.TryGetValue(change.CommonsId, out var byOrganisation))
            {
                byOrganisation = gifts.TryGetValue(change.CommonsId, out var old) ? new Dictionary<Guid, long>(old) : [];
                copied[change.CommonsId] = byOrganisation;
                gifts[change.CommonsId] = byOrganisation;
            }

            var amount = byOrganisation.GetValueOrDefault(change.OrganisationId) + change.Delta;
            if (amount == 0)
            {
                byOrganisation.Remove(change.OrganisationId);
            }
            else
            {
                byOrganisation[change.OrganisationId] = amount;
            }

            var minute = ContributionTimeline.Minute(change.At);
            minutes[minute] = minutes.GetValueOrDefault(minute) + change.Delta;
        }

        var applied = AppliedAfterBase + unseen.Count(c => c.LedgerId > Base.LastLedgerId);
        return new CallSnapshot(Call, Base, Sequence + 1, applied, rebuilt: false, commons, members, gifts, Pool, MatchingPool, minutes, now, unseen.Min(c => c.At));
    }

    /// <summary>
    /// The dashboard as <paramref name="access"/> may see it, from this snapshot, without reading the database: the
    /// visibility rule (<see cref="CallAccess.SeesCommonsTotals"/>, <see cref="CallAccess.SeesEveryContribution"/>) is
    /// applied here to the call as this snapshot holds it, so a viewer never receives what it may not see.
    /// </summary>
    public DashboardView ViewFor(CallAccess access, int? organisationLimit, DateTimeOffset now)
    {
        var seesTotals = access.SeesCommonsTotals(Call);
        var seesEveryone = access.SeesEveryContribution(Call);
        var commons = _commonsViews[(seesTotals ? 1 : 0) | (seesEveryone ? 2 : 0)].Value;

        var visible = seesEveryone ? _byContribution.Value : _byContribution.Value.Where(m => access.Represents(m.Id)).ToList();
        var organisations = seesEveryone && organisationLimit == DashboardQueries.OrganisationsShown
            ? _firstOrganisations.Value
            : visible.Take(organisationLimit ?? int.MaxValue).Select(Organisation).ToList();

        long granted = 0, ownFunds = 0, contributed = 0;
        foreach (var m in _members.Values)
        {
            granted += m.Granted;
            ownFunds += m.OwnFunds;
            contributed += m.Contributed;
        }

        var totals = new DashboardTotals(Pool, MatchingPool, granted, ownFunds, seesTotals ? contributed : null, seesTotals ? granted + ownFunds - contributed : null);
        var timeline = !seesTotals ? [] : now == AsOf ? _timeline.Value : TimelineAt(now);
        return new DashboardView(
            Call.Id, Call.Slug, Call.Title, Call.Currency, Call.Phase, Call.IsRoundOpen(now), Call.BudgetRules.ContributionsVisibility,
            access, seesTotals, seesEveryone, totals, commons, organisations, visible.Count, timeline, now);
    }

    /// <summary>
    /// The co-funding page's <paramref name="view"/>, read from the database, with this snapshot's figures: each
    /// commons' total (when the viewer sees totals), the gifts the viewer may see, and the viewer's own budgets. The
    /// visibility rule is applied here, as in <see cref="ViewFor"/>; the gifts every viewer who sees everyone gets are
    /// one list per commons, shared. Null when the view lists a commons or a budget this snapshot does not hold: read
    /// the database again then.
    /// </summary>
    public FundingView? Patch(FundingView view)
    {
        var seesTotals = view.Access.SeesCommonsTotals(Call);
        var seesEveryone = view.Access.SeesEveryContribution(Call);
        var commons = new List<CommonsFunding>(view.Commons.Count);
        foreach (var c in view.Commons)
        {
            if (!_commons.TryGetValue(c.Id, out var held))
            {
                return null;
            }

            var gifts = seesEveryone ? _everyGift.Value.GetValueOrDefault(c.Id) ?? [] : GiftsOf(c.Id, view.Access.Represents);
            commons.Add(c with { Total = seesTotals ? held.Total : null, Contributions = gifts });
        }

        var budgets = new List<MemberBudgetView>(view.MyBudgets.Count);
        foreach (var b in view.MyBudgets)
        {
            if (_members.TryGetValue(b.OrganisationId, out var m))
            {
                budgets.Add(b with { Granted = m.Granted, OwnFunds = m.OwnFunds, Contributed = m.Contributed, ShareCap = Call.BudgetRules.ShareCap(new BudgetFigures(m.Granted, m.OwnFunds, m.Contributed).Balance) });
            }
            else if (b is { Granted: 0, OwnFunds: 0, Contributed: 0 })
            {
                budgets.Add(b);
            }
            else
            {
                return null;
            }
        }

        return view with { Commons = commons, MyBudgets = budgets };
    }

    /// <summary>The gifts to a commons of the organisations <paramref name="shown"/> accepts, largest first.</summary>
    private IReadOnlyList<OrganisationAmount> GiftsOf(Guid commonsId, Func<Guid, bool> shown) =>
        _gifts.GetValueOrDefault(commonsId) is { } byOrganisation
            ? [.. byOrganisation
                .Where(g => g.Value > 0 && shown(g.Key) && _members.ContainsKey(g.Key))
                .Select(g => new OrganisationAmount(g.Key, _members[g.Key].Name, g.Value))
                .OrderByDescending(g => g.Amount)]
            : [];

    private bool Estimating => MatchingPool > 0 && !Call.IsSettled;

    /// <summary>The timeline ending at <paramref name="now"/>; the minutes are grouped once per snapshot and period.</summary>
    private IReadOnlyList<TimelinePoint> TimelineAt(DateTimeOffset now)
    {
        if (_minutes.Count == 0)
        {
            return [];
        }

        var period = ContributionTimeline.PeriodFor(_firstMinute.Value, now);
        return ContributionTimeline.Points(_periods.GetOrAdd(period, p => ContributionTimeline.Group(_minutes, p)), period, now);
    }

    private IReadOnlyList<DashboardCommons> CommonsRows(bool seesTotals, bool seesEveryone)
    {
        var estimates = seesTotals && Estimating ? _estimates.Value : null;
        return _commons.Values
            .Select(c => new DashboardCommons(
                c.Id, c.Title, c.Status, c.MinimumGoal, c.MaximumGoal,
                seesTotals ? c.Total : null,
                seesTotals ? FundingProgress.Of(c.Status, c.Total, c.MinimumGoal, c.MaximumGoal) : null,
                c.Released, c.Match,
                estimates?.GetValueOrDefault(c.Id),
                seesEveryone ? _gifts.GetValueOrDefault(c.Id)?.Count ?? 0 : null))
            .OrderByDescending(c => c.Total ?? 0).ThenBy(c => c.Title, StringComparer.InvariantCulture)
            .ToList();
    }

    /// <summary>The match each commons would get if the round closed now: the settlement's own rule.</summary>
    private IReadOnlyDictionary<Guid, long> Estimate() =>
        Settlement.Settle(
                _commons.Values.Select(c => new SettlementCommons(c.Id, c.MinimumGoal, c.MaximumGoal, _gifts.GetValueOrDefault(c.Id) ?? new Dictionary<Guid, long>())),
                MatchingPool)
            .Commons.ToDictionary(o => o.CommonsId, o => o.Match);

    private DashboardOrganisation Organisation(SnapshotMember m)
    {
        var gifts = new List<DashboardGift>();
        foreach (var c in _commons.Values)
        {
            if (_gifts.GetValueOrDefault(c.Id)?.GetValueOrDefault(m.Id) is { } amount and not 0)
            {
                gifts.Add(new DashboardGift(c.Id, c.Title, amount));
            }
        }

        return new DashboardOrganisation(m.Id, m.Name, m.Granted, m.OwnFunds, m.Contributed, [.. gifts.OrderByDescending(g => g.Amount)]);
    }
}
