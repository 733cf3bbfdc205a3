using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Budgeting;

public sealed record OrganisationAmount(Guid OrganisationId, string OrganisationName, long Amount);

/// <summary>
/// A commons' funding as the viewer may see it: <see cref="Total"/> is null when the visibility rules hide
/// totals, <see cref="Contributions"/> lists only what the viewer may see (always its own organisations').
/// </summary>
public sealed record CommonsFunding(
    Guid Id, string Title, CommonsStatus Status, long MinimumGoal, long MaximumGoal, long? Total, long Released, long Match,
    IReadOnlyList<OrganisationAmount> Contributions, bool ViewerIsCoCreator)
{
    /// <summary>What the commons received when the round was settled, as far as the viewer sees its total (<see cref="CommonsOutcome.AwardedOf"/>).</summary>
    public long Awarded => CommonsOutcome.AwardedOf(Domain.Commons.Commons.IsFundedStatus(Status), Total ?? 0, Match);
}

public sealed record MemberBudgetView(Guid OrganisationId, string OrganisationName, long Granted, long OwnFunds, long Contributed, long ShareCap)
{
    public BudgetFigures Figures => new(Granted, OwnFunds, Contributed);

    public long Balance => Figures.Balance;

    public long Available => Figures.Available;
}

/// <summary>The call's money as one viewer sees it; <see cref="MyPledges"/> are the pledges of the funders the viewer represents.</summary>
public sealed record FundingView(
    Guid CallId, string Slug, string Title, string Currency, CallPhase Phase, BudgetRules Rules, bool RoundOpen,
    CallAccess Access, long Pool, long MatchingPool, long Granted, IReadOnlyList<MemberBudgetView> MyBudgets, IReadOnlyList<CommonsFunding> Commons,
    IReadOnlyList<OrganisationRef> MyFunderOrganisations, IReadOnlyList<PledgeView> MyPledges);

/// <summary>One pledge of a funder to the pool, or to the matching pool.</summary>
public sealed record PledgeView(string FunderName, long Amount, bool IsMatching, DateTimeOffset At);

/// <summary>
/// A movement of the ledger; <see cref="Number"/> is its place in the call's ledger as the viewer sees it (1 for the first);
/// <see cref="MatchingMode"/> says which matching a match entry belongs to.
/// </summary>
public sealed record LedgerLine(
    long Id, long Number, LedgerEntryKind Kind, long Amount, long Before, long After, string? Actor,
    Guid? OrganisationId, string? Organisation, Guid? CommonsId, string? Commons, DateTimeOffset At, MatchingMode? MatchingMode = null);

/// <summary>Reading the money of a call, honouring the contributions visibility rule everywhere.</summary>
public sealed class BudgetQueries(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>Why <see cref="MemberBudgetsAsync"/> answered null.</summary>
    public static readonly DomainError OnlyFacilitatorsAndFundersSeeBudgets = new(ErrorCodes.Forbidden, "Only the call's facilitators and funders see every budget.");

    /// <summary>Why <see cref="LedgerAsync"/> answered null.</summary>
    public static readonly DomainError OnlyFacilitatorsAndFundersReadTheLedger = new(ErrorCodes.Forbidden, "Only the call's facilitators and funders read its ledger.");

    /// <summary>
    /// The funding state of a call for this viewer, or null when the viewer may not read the call or its money
    /// (<see cref="CallAccess.SeesMoney"/>: an organisation only invited to a members-only call).
    /// </summary>
    public async Task<FundingView?> FundingAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access) || !access.SeesMoney)
        {
            return null;
        }

        var seesTotals = access.SeesCommonsTotals(call);
        var seesEveryone = access.SeesEveryContribution(call);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);

        var commons = await db.Commons.AsNoTracking()
            .Where(c => c.CallId == call.Id && c.Status != CommonsStatus.Proposed && c.Status != CommonsStatus.Cancelled)
            .OrderBy(c => c.Title)
            .ToListAsync(ct);
        var coCreators = await db.Set<CommonsCoCreator>().AsNoTracking()
            .Where(c => db.Commons.Any(x => x.Id == c.CommonsId && x.CallId == call.Id))
            .ToListAsync(ct);
        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => c.CallId == call.Id && (c.Amount > 0 || c.UpdatedAt != default))
            .ToListAsync(ct);

        var funding = commons.Select(c => new CommonsFunding(
                c.Id, c.Title, c.Status, c.MinimumGoal, c.MaximumGoal,
                seesTotals ? c.Total : null,
                c.Released, c.Match,
                contributions
                    .Where(x => x.CommonsId == c.Id && x.Amount > 0 && (seesEveryone || access.Represents(x.OrganisationId)))
                    .Select(x => new OrganisationAmount(x.OrganisationId, organisations[x.OrganisationId], x.Amount))
                    .OrderByDescending(x => x.Amount)
                    .ToList(),
                coCreators.Any(x => x.CommonsId == c.Id && access.Represents(x.OrganisationId))))
            .ToList();

        var budgets = await db.MemberBudgets.AsNoTracking().Where(b => b.CallId == call.Id).ToListAsync(ct);
        var mine = access.MemberOrganisations
            .Select(id => budgets.SingleOrDefault(b => b.OrganisationId == id) is { } b
                ? new MemberBudgetView(id, organisations[id], b.Granted, b.OwnFunds, b.Contributed, call.BudgetRules.ShareCap(b.Balance))
                : new MemberBudgetView(id, organisations[id], 0, 0, 0, 0))
            .OrderBy(b => b.OrganisationName)
            .ToList();

        var pledges = await db.Pledges.AsNoTracking().Where(p => p.CallId == call.Id).ToListAsync(ct);
        return new FundingView(
            call.Id, call.Slug, call.Title, call.Currency, call.Phase, call.BudgetRules, call.IsRoundOpen(clock.GetUtcNow()), access,
            pledges.Where(p => !p.IsMatching).Sum(p => p.Amount),
            pledges.Where(p => p.IsMatching).Sum(p => p.Amount),
            budgets.Sum(b => b.Granted),
            mine,
            funding,
            access.FunderOrganisations.Select(id => new OrganisationRef(id, organisations[id])).OrderBy(o => o.Name).ToList(),
            [.. pledges.Where(p => access.FunderOrganisations.Contains(p.FunderOrganisationId)).OrderBy(p => p.CreatedAt)
                .Select(p => new PledgeView(organisations[p.FunderOrganisationId], p.Amount, p.IsMatching, p.CreatedAt))]);
    }

    /// <summary>
    /// Every budget of the call, for facilitators and funders (they watch the allocation); null for anyone else,
    /// and for funders while the visibility rule hides what each organisation gives.
    /// </summary>
    public async Task<IReadOnlyList<MemberBudgetView>?> MemberBudgetsAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var watcher = await WatcherAsync(db, actor, callId, ct);
        if (watcher is not var (call, access) || !access.SeesEveryContribution(call))
        {
            return null;
        }

        // Every member is listed, a joined member without a grant or own funds too (with zeros), and one that left
        // while it still had money in the call.
        var rules = call.BudgetRules;
        var budgets = await db.MemberBudgets.AsNoTracking().Where(b => b.CallId == callId).ToDictionaryAsync(b => b.OrganisationId, ct);
        var joined = await db.Participants.AsNoTracking()
            .Where(p => p.CallId == callId && p.Role == ParticipantRole.Member && p.State == InvitationState.Joined)
            .Select(p => p.OrganisationId).ToListAsync(ct);
        var ids = joined.Union(budgets.Keys).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return ids.Select(id => budgets.TryGetValue(id, out var b)
                ? new MemberBudgetView(id, names[id], b.Granted, b.OwnFunds, b.Contributed, rules.ShareCap(new BudgetFigures(b.Granted, b.OwnFunds, b.Contributed).Balance))
                : new MemberBudgetView(id, names[id], 0, 0, 0, 0))
            .OrderBy(b => b.OrganisationName, StringComparer.Ordinal).ThenBy(b => b.OrganisationId).ToList();
    }

    /// <summary>
    /// The ledger, newest first: facilitators and funders only (null otherwise). While the visibility rule hides
    /// who gives what (TotalsOnly and Hidden, until the round closes), contribution movements are left out except
    /// the viewer's own organisations': one movement is one organisation's gift, whatever name is shown beside it.
    /// </summary>
    public async Task<IReadOnlyList<LedgerLine>?> LedgerAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var watcher = await WatcherAsync(db, actor, callId, ct);
        if (watcher is null)
        {
            return null;
        }

        var (call, access) = watcher.Value;
        var sight = access.ContributionSight(call);
        var own = sight.Own.ToList();
        var entries = db.Ledger.AsNoTracking().Where(e => e.CallId == callId);
        if (!sight.Everyone)
        {
            entries = entries.Where(e => e.Kind != LedgerEntryKind.Contribution || (e.OrganisationId != null && own.Contains(e.OrganisationId.Value)));
        }

        var lines = await (from e in entries
                      join o in db.Organisations on e.OrganisationId equals o.Id into orgs
                      from o in orgs.DefaultIfEmpty()
                      join c in db.Commons on e.CommonsId equals c.Id into commons
                      from c in commons.DefaultIfEmpty()
                      join u in db.Users on e.ActorUserId equals u.Id into users
                      from u in users.DefaultIfEmpty()
                      orderby e.Id descending
                      select new LedgerLine(e.Id, 0, e.Kind, e.Amount, e.Before, e.After, u.DisplayName, e.OrganisationId, o.Name, e.CommonsId, c.Title, e.At, e.MatchingMode))
            .ToListAsync(ct);

        // Numbered within the call, among the movements this viewer sees: ids are global (and a gap would tell that a hidden
        // movement exists). Newest first, so the first line carries the count.
        return lines.Select((line, index) => line with { Number = lines.Count - index }).ToList();
    }

    /// <summary>
    /// After settlement, what is left of each funder's money (ungranted or unspent pool, unmatched matching pool);
    /// null before the round is settled or when the viewer may not read the call.
    /// </summary>
    public async Task<IReadOnlyList<(OrganisationRef Funder, FunderUnspent Unspent)>?> FunderUnspentAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null || !call.IsSettled || !(await CallAccess.LoadAsync(db, call, actor, ct)).CanRead(call))
        {
            return null;
        }

        var pledges = await db.Pledges.AsNoTracking().Where(p => p.CallId == callId).ToListAsync(ct);
        var funders = pledges.GroupBy(p => p.FunderOrganisationId)
            .Select(g => new FunderMoney(g.Key, g.Where(p => !p.IsMatching).Sum(p => p.Amount), g.Where(p => p.IsMatching).Sum(p => p.Amount)))
            .ToList();
        var members = await db.MemberBudgets.AsNoTracking().Where(b => b.CallId == callId)
            .Select(b => new MemberMoney(b.OrganisationId, b.Granted, b.OwnFunds, b.Contributed)).ToListAsync(ct);
        var matched = await db.Commons.Where(c => c.CallId == callId).SumAsync(c => c.Match, ct);
        var names = await db.Organisations.AsNoTracking().Where(o => funders.Select(f => f.FunderOrganisationId).Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return FunderReport.Compute(funders, members, funders.Sum(f => f.MatchingPledged) - matched)
            .Select(u => (new OrganisationRef(u.FunderOrganisationId, names[u.FunderOrganisationId]), u))
            .OrderBy(x => x.Item1.Name)
            .ToList();
    }

    /// <summary>Facilitators and funders watch the allocation; null for anyone else.</summary>
    private static async Task<(Call Call, CallAccess Access)?> WatcherAsync(AppDbContext db, Actor actor, Guid callId, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null)
        {
            return null;
        }

        var access = await CallAccess.LoadAsync(db, call, actor, ct);
        return access.IsFacilitator || access.IsFunder
            ? (call, access)
            : null;
    }
}
