using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.FollowUp;

/// <summary>A milestone named on the dashboard: the next one to deliver, or a late one.</summary>
public sealed record FollowUpMilestone(Guid Id, string Title, DateOnly DueOn);

/// <summary>
/// One funded commons after the vote: where its agreement stands, its roadmap's progress (milestones done out of all),
/// what was paid against its award, what its holders spent (expenses not removed) against that award, the budget it
/// plans to spend, and its next and late milestones. The line by line plan is on the commons' follow-up page.
/// </summary>
public sealed record FollowUpCommons(
    Guid CommonsId, string Title, OrganisationRef Lead, AgreementStatus Status, int MilestonesDone, int Milestones,
    long Award, long Paid, long ReturnedToPool, long Remaining, FollowUpMilestone? Next, IReadOnlyList<FollowUpMilestone> Late,
    long Spent = 0);

/// <summary>A funder's part of one funded commons, and that part of what was paid out and returned to the pool since.</summary>
public sealed record FunderCommonsPart(Guid CommonsId, string Title, AgreementStatus Status, long Part, long Paid, long ReturnedToPool)
{
    public long StillToPay => Part - Paid - ReturnedToPool;
}

/// <summary>
/// Where one funder's money went: what it pledged, its part of each funded commons (<see cref="FundingSources"/>),
/// and what never reached a commons (<see cref="FunderReport"/>: pool not granted or not spent, match not used).
/// </summary>
public sealed record FunderFollowUp(OrganisationRef Funder, long Pledged, long MatchingPledged, long Unspent, IReadOnlyList<FunderCommonsPart> Commons)
{
    public long Part => Commons.Sum(c => c.Part);

    public long Paid => Commons.Sum(c => c.Paid);

    public long ReturnedToPool => Commons.Sum(c => c.ReturnedToPool);
}

/// <summary>The follow-up of the call's funded commons as one viewer may see it; <see cref="Funders"/> holds the funders this viewer may see.</summary>
public sealed record FollowUpSummary(
    Guid CallId, string Slug, string Title, string Currency, CallPhase Phase, CallAccess Access,
    IReadOnlyList<FollowUpCommons> Commons, IReadOnlyList<FunderFollowUp> Funders, DateTimeOffset AsOf)
{
    public long Award => Commons.Sum(c => c.Award);

    public long Paid => Commons.Sum(c => c.Paid);

    public long ReturnedToPool => Commons.Sum(c => c.ReturnedToPool);

    public long Remaining => Commons.Sum(c => c.Remaining);

    public int LateMilestones => Commons.Sum(c => c.Late.Count);

    /// <summary>Facilitators and funders see the payments and export them.</summary>
    public bool SeesPayments => Access.IsFacilitator || Access.IsFunder;
}

/// <summary>One tranche paid: its ledger entry (numbered as the viewer's ledger numbers it), its commons and lead holder, its tranche.</summary>
public sealed record PaymentLine(
    long LedgerNumber, DateTimeOffset At, Guid CommonsId, string CommonsTitle, OrganisationRef Lead, int? TranchePosition, string? MilestoneTitle, long Amount);

/// <summary>
/// The funders' follow-up dashboard (issue 15): every funded commons for the call's facilitators, funders and members
/// (those who take part, like the allocation dashboard); where each funder's money went for the facilitators (every
/// funder) and for a funder (its own organisations); the payments for facilitators and funders.
/// </summary>
public sealed class FollowUpDashboard(IDbContextFactory<AppDbContext> factory, BudgetQueries budget, TimeProvider clock)
{
    public const string OnlyParticipants = "The follow-up dashboard is for the call's facilitators, funders and members.";

    public async Task<Result<FollowUpSummary>> SummaryAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not { } readable)
        {
            return new DomainError(ErrorCodes.NotFound, "No call with this slug is visible to you.");
        }

        var (call, access) = readable;

        if (!access.TakesPart)
        {
            return new DomainError(ErrorCodes.Forbidden, OnlyParticipants);
        }

        var now = clock.GetUtcNow();
        var agreements = await db.FundingAgreements.AsNoTracking().Include(a => a.Deliverables).Where(a => a.CallId == call.Id).ToListAsync(ct);
        var commonsIds = agreements.Select(a => a.CommonsId).ToList();
        var commons = await db.Commons.AsNoTracking().Where(c => commonsIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, c.Match }).ToDictionaryAsync(c => c.Id, ct);
        var milestones = (await db.Milestones.AsNoTracking().Where(m => commonsIds.Contains(m.CommonsId)).ToListAsync(ct)).ToLookup(m => m.CommonsId);
        var leadIds = agreements.Select(a => a.LeadOrganisationId).Distinct().ToList();
        var leads = await db.Organisations.AsNoTracking().Where(o => leadIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);

        var spent = await db.Expenses.AsNoTracking().Where(e => e.CallId == call.Id && e.RemovedAt == null)
            .GroupBy(e => e.CommonsId).Select(g => new { g.Key, Sum = g.Sum(e => e.Amount) }).ToDictionaryAsync(g => g.Key, g => g.Sum, ct);

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var rows = agreements.Select(a =>
        {
            var accepted = a.Deliverables.Where(d => d.State == DeliverableState.Accepted).Select(d => d.MilestoneId).ToHashSet();
            var progress = FollowUpProgress.Of(milestones[a.CommonsId].Select(m => new MilestoneMark(m.Id, m.Title, m.DueOn, m.IsDone || accepted.Contains(m.Id))), today, a.IsClosed);
            static FollowUpMilestone Named(MilestoneMark m) => new(m.Id, m.Title, m.DueOn);
            return new FollowUpCommons(
                a.CommonsId, commons[a.CommonsId].Title, new OrganisationRef(a.LeadOrganisationId, leads[a.LeadOrganisationId]), a.Status,
                progress.Done, progress.Total, a.Award, a.Paid, a.ReturnedToPool, a.Remaining,
                progress.Next is { } next ? Named(next) : null, [.. progress.Late.Select(Named)], spent.GetValueOrDefault(a.CommonsId));
        }).OrderBy(c => c.Title, StringComparer.CurrentCulture).ToList();

        var funders = await FundersAsync(db, call.Id, access, agreements, commons.ToDictionary(c => c.Key, c => (c.Value.Title, c.Value.Match)), ct);
        return new FollowUpSummary(call.Id, call.Slug, call.Title, call.Currency, call.Phase, access, rows, funders, now);
    }

    /// <summary>Every tranche paid in the call, oldest first: facilitators and funders only.</summary>
    public async Task<Result<IReadOnlyList<PaymentLine>>> PaymentsAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        // The ledger's own numbering for this viewer, so that a payment's number is the one its ledger page and CSV show.
        if (await budget.LedgerAsync(actor, callId, ct) is not { } ledger)
        {
            return new DomainError(ErrorCodes.Forbidden, "The payments are for the call's facilitators and funders.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var payments = await db.Ledger.AsNoTracking().Where(e => e.CallId == callId && e.Kind == LedgerEntryKind.Payment).OrderBy(e => e.Id).ToListAsync(ct);
        var agreements = await db.FundingAgreements.AsNoTracking().Include(a => a.Tranches).Where(a => a.CallId == callId).ToDictionaryAsync(a => a.CommonsId, ct);
        var commonsIds = agreements.Keys.ToList();
        var titles = await db.Commons.AsNoTracking().Where(c => commonsIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var milestones = await db.Milestones.AsNoTracking().Where(m => commonsIds.Contains(m.CommonsId)).ToDictionaryAsync(m => m.Id, m => m.Title, ct);
        var orgIds = payments.Select(p => p.OrganisationId).OfType<Guid>().Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var numbers = ledger.ToDictionary(l => l.Id, l => l.Number);

        // Each payment entry paid one tranche, in the order the tranches were paid (one acceptance pays in the schedule's order).
        var lines = new List<PaymentLine>();
        foreach (var byCommons in payments.GroupBy(p => p.CommonsId!.Value))
        {
            var paid = agreements[byCommons.Key].Tranches.Where(t => t.State == TrancheState.Paid).OrderBy(t => t.SettledAt).ThenBy(t => t.Position).ToList();
            lines.AddRange(byCommons.Select((p, i) =>
            {
                var tranche = i < paid.Count ? paid[i] : null;
                return new PaymentLine(
                    numbers.GetValueOrDefault(p.Id), p.At, byCommons.Key, titles[byCommons.Key], new OrganisationRef(p.OrganisationId!.Value, names[p.OrganisationId.Value]),
                    tranche?.Position, tranche?.MilestoneId is { } m ? milestones.GetValueOrDefault(m) : null, p.Amount);
            }));
        }

        return lines.OrderBy(l => l.At).ThenBy(l => l.LedgerNumber).ToList();
    }

    /// <summary>The funders this viewer may follow: every funder for facilitators, its own for a funder, none for members.</summary>
    private static async Task<IReadOnlyList<FunderFollowUp>> FundersAsync(
        AppDbContext db, Guid callId, CallAccess access, IReadOnlyList<FundingAgreement> agreements, IReadOnlyDictionary<Guid, (string Title, long Match)> commons, CancellationToken ct)
    {
        if (!access.IsFacilitator && !access.IsFunder)
        {
            return [];
        }

        var pledges = await db.Pledges.AsNoTracking().Where(p => p.CallId == callId).ToListAsync(ct);
        var funders = pledges.GroupBy(p => p.FunderOrganisationId)
            .Select(g => new FunderMoney(g.Key, g.Where(p => !p.IsMatching).Sum(p => p.Amount), g.Where(p => p.IsMatching).Sum(p => p.Amount)))
            .OrderBy(f => f.FunderOrganisationId)
            .ToList();
        var members = await db.MemberBudgets.AsNoTracking().Where(b => b.CallId == callId)
            .Select(b => new MemberMoney(b.OrganisationId, b.Granted, b.OwnFunds, b.Contributed)).ToListAsync(ct);
        var gifts = await db.Contributions.AsNoTracking().Where(c => c.CallId == callId && c.Amount > 0)
            .Select(c => new SettledGift(c.OrganisationId, c.CommonsId, c.Amount)).ToListAsync(ct);
        var matched = await db.Commons.Where(c => c.CallId == callId).SumAsync(c => c.Match, ct);
        var sources = FundingSources.Of(funders, members, gifts, commons.ToDictionary(c => c.Key, c => c.Value.Match));
        var unspent = FunderReport.Compute(funders, members, funders.Sum(f => f.MatchingPledged) - matched).ToDictionary(u => u.FunderOrganisationId);
        var funderIds = funders.Select(f => f.FunderOrganisationId).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => funderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);

        // Each figure of an agreement is shared like its settled award, so a commons' parts add up to the cent.
        var shares = agreements.ToDictionary(a => a.CommonsId, a =>
        {
            var parts = sources[a.CommonsId];
            return (Parts: parts, Award: FundingSources.Share(a.Award, parts), Paid: FundingSources.Share(a.Paid, parts), Returned: FundingSources.Share(a.ReturnedToPool, parts));
        });
        return
        [
            .. funders.Select((f, i) => new FunderFollowUp(
                    new OrganisationRef(f.FunderOrganisationId, names[f.FunderOrganisationId]), f.Pledged, f.MatchingPledged, unspent[f.FunderOrganisationId].Unspent,
                    [
                        .. agreements.Select(a => (a, s: shares[a.CommonsId]))
                            .Where(x => x.s.Parts[i].Amount > 0)
                            .Select(x => new FunderCommonsPart(x.a.CommonsId, commons[x.a.CommonsId].Title, x.a.Status, x.s.Award[i], x.s.Paid[i], x.s.Returned[i]))
                            .OrderBy(c => c.Title, StringComparer.CurrentCulture),
                    ]))
                .Where(f => access.IsFacilitator || access.FunderOrganisations.Contains(f.Funder.Id))
                .OrderBy(f => f.Funder.Name, StringComparer.CurrentCulture),
        ];
    }
}
