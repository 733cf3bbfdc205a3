using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>
/// Closing the round: settles it once and atomically (funded / not funded with release, quadratic matching),
/// and moves the call to Results. The exclusive call lock waits for contributions in flight and refuses the
/// ones that come after.
/// </summary>
/// <summary>The settled round and every member's budget after it (what each did not spend).</summary>
public sealed record RoundClosed(SettlementResult Settlement, IReadOnlyList<MemberBudgetView> Budgets);

/// <summary>Closes the budget round of the call <see cref="CallId"/>.</summary>
public sealed record CloseRound(Guid CallId);

public sealed class RoundService(CallChanges changes, BudgetQueries budgets, Notifier notifier, Recognition.BadgeIssuer badges)
{
    /// <summary>
    /// Closes the round, then reads the budgets as the actor may see them: settled budgets no longer change (grants,
    /// own funds and contributions are refused from Results on), so reading them after the commit is exact.
    /// </summary>
    public async Task<Result<RoundClosed>> CloseAndReportAsync(Actor actor, CloseRound command, CancellationToken ct = default)
    {
        var settled = await CloseAsync(actor, command, ct);
        return settled.Value is { } settlement
            ? new RoundClosed(settlement, await budgets.MemberBudgetsAsync(actor, command.CallId, ct) ?? [])
            : settled.Error!;
    }

    public Task<Result<SettlementResult>> CloseAsync(Actor actor, CloseRound command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, "Only the call's facilitators close the round.", x => SettleAsync(x, command.CallId, ct), ct);

    private async Task<Result<SettlementResult>> SettleAsync(CallChange x, Guid callId, CancellationToken ct)
    {
        var (db, call, actor, now) = (x.Db, x.Call, x.Actor, x.Now);
        var settled = call.MarkSettled(now);
        if (!settled.IsSuccess)
        {
            return settled.Error!;
        }

        var commons = await db.Commons.Where(c => c.CallId == callId && c.Status == CommonsStatus.ApprovedForFunding).ToListAsync(ct);
        var contributions = await db.Contributions.Where(c => c.CallId == callId && c.Amount > 0).ToListAsync(ct);
        var budgets = await db.MemberBudgets.Where(b => b.CallId == callId).ToDictionaryAsync(b => b.OrganisationId, ct);
        var matchingPool = await db.Pledges.Where(p => p.CallId == callId && p.IsMatching).SumAsync(p => p.Amount, ct);
        var given = contributions.Select(c => (c.OrganisationId, c.CommonsId, c.Amount)).ToList();

        var rules = call.BudgetRules;
        var result = Settlement.Settle(
            commons.Select(c => new SettlementCommons(c.Id, c.MinimumGoal, c.MaximumGoal,
                contributions.Where(x => x.CommonsId == c.Id).ToDictionary(x => x.OrganisationId, x => x.Amount), c.Match)),
            matchingPool,
            rules);

        foreach (var outcome in result.Commons)
        {
            var c = commons.Single(x => x.Id == outcome.CommonsId);
            if (outcome.Funded)
            {
                c.MarkFunded(outcome.Match);

                // Its funding agreement, led at first by the proposing organisation: the facilitator may name another co-creator.
                db.FundingAgreements.Add(new FundingAgreement(callId, c.Id, c.ProposedByOrganisationId, outcome.Awarded, now));
                db.Ledger.Add(new LedgerEntry(callId, LedgerEntryKind.Award, 0, outcome.Total, actor.UserId, null, c.Id, now));
                // A proportional match is in the ledger already, gift by gift.
                if (outcome.Match > 0 && result.Mode == MatchingMode.Quadratic)
                {
                    db.Ledger.Add(new LedgerEntry(callId, LedgerEntryKind.Match, 0, outcome.Match, actor.UserId, null, c.Id, now, MatchingMode.Quadratic));
                }

                continue;
            }

            // Not funded: every contribution goes back to its member's balance, each with its ledger entry.
            foreach (var contribution in contributions.Where(x => x.CommonsId == c.Id))
            {
                db.Ledger.Add(new LedgerEntry(callId, LedgerEntryKind.Release, contribution.Amount, 0, actor.UserId, contribution.OrganisationId, c.Id, now));
                if (contribution.Match > 0)
                {
                    // Its proportional reservation goes back to the matching pool.
                    db.Ledger.Add(new LedgerEntry(callId, LedgerEntryKind.Match, contribution.Match, 0, actor.UserId, contribution.OrganisationId, c.Id, now, MatchingMode.Proportional));
                    contribution.ReleaseMatch();
                }

                budgets[contribution.OrganisationId].ApplyContributionDelta(-contribution.Amount);
                contribution.Set(0, now);
            }

            c.MarkNotFundedAndRelease();
        }

        x.Audit("budget.round_closed", null,
            new { Funded = result.Funded.Count(), NotFunded = result.NotFunded.Count(), result.Mode, result.MatchingPool, result.Matched, result.UnmatchedPool });
        await NotifyResultsAsync(db, call, commons, given, budgets, result, ct);
        await ContributionEvents.NotifyCallChangedAsync(db, callId, ct);
        await badges.IssueAsync(db, callId, now, ct);
        return result;
    }

    /// <summary>Tells each joined member, with the settlement, what became of what it gave and what it did not spend.</summary>
    private async Task NotifyResultsAsync(
        AppDbContext db,
        Call call,
        IReadOnlyList<Domain.Commons.Commons> commons,
        IReadOnlyList<(Guid OrganisationId, Guid CommonsId, long Amount)> given,
        IReadOnlyDictionary<Guid, MemberBudget> budgets,
        SettlementResult result,
        CancellationToken ct)
    {
        var funded = result.Funded.Select(o => o.CommonsId).ToHashSet();
        var titles = commons.ToDictionary(c => c.Id, c => c.Title);
        var members = await db.Participants.AsNoTracking()
            .Where(p => p.CallId == call.Id && p.Role == ParticipantRole.Member && p.State == InvitationState.Joined)
            .Select(p => p.OrganisationId).ToListAsync(ct);
        foreach (var member in members)
        {
            var lines = given.Where(g => g.OrganisationId == member).OrderBy(g => titles[g.CommonsId], StringComparer.CurrentCulture)
                .Select(g => new Words(funded.Contains(g.CommonsId) ? "notifications.round.closed.funded" : "notifications.round.closed.notfunded", titles[g.CommonsId], new Amount(g.Amount, call.Currency)))
                .ToList();
            lines.Insert(0, new Words(lines.Count == 0 ? "notifications.round.closed.none" : "notifications.round.closed.intro"));
            lines.Add(new Words("notifications.round.closed.unspent", new Amount(budgets.TryGetValue(member, out var budget) ? budget.Available : 0, call.Currency)));
            await notifier.NotifyOrganisationsAsync(db, [member], NotificationType.RoundClosed, call.Id, $"/calls/{call.Slug}/results",
                new NotificationText(new Words("notifications.round.closed.title", call.Title), lines), ct);
        }
    }
}
