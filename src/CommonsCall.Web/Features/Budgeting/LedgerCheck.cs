using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>
/// The invariants of DESIGN.md's budget rules, checked against the database: every balance and total equals
/// what the ledger sums to, no balance is overspent, no commons is above its maximum goal, no contribution is
/// above the share cap, and grants stay within the pool. After settlement, every funded commons has one funding
/// agreement whose award, payments and returns to the pool equal what the ledger sums to, which never pays more than
/// its award, nor a tranche twice. Matching: each commons' and each contribution's match equals what the ledger sums
/// to, every match entry carries the call's mode, the matches never exceed the matching pool, and a proportional
/// reservation stays within k times its contribution and the cap per commons. Returns the violations (none when all hold).
/// </summary>
public static class LedgerCheck
{
    public static async Task<IReadOnlyList<string>> VerifyAsync(AppDbContext db, Guid callId, CancellationToken ct = default)
    {
        var problems = new List<string>();
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId, ct);
        var ledger = await db.Ledger.AsNoTracking().Where(e => e.CallId == callId).ToListAsync(ct);
        var budgets = await db.MemberBudgets.AsNoTracking().Where(b => b.CallId == callId).ToListAsync(ct);
        var commons = await db.Commons.AsNoTracking().Where(c => c.CallId == callId).ToListAsync(ct);
        var contributions = await db.Contributions.AsNoTracking().Where(c => c.CallId == callId).ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking().Where(p => p.CallId == callId).ToListAsync(ct);

        long Sum(Func<LedgerEntry, bool> predicate) => ledger.Where(predicate).Sum(e => e.Amount);
        static bool Moves(LedgerEntry e) => e.Kind is LedgerEntryKind.Contribution or LedgerEntryKind.Release;

        foreach (var b in budgets)
        {
            Expect(b.Granted == Sum(e => e.Kind == LedgerEntryKind.Grant && e.OrganisationId == b.OrganisationId), $"grant of {b.OrganisationId}");
            Expect(b.OwnFunds == Sum(e => e.Kind == LedgerEntryKind.OwnFunds && e.OrganisationId == b.OrganisationId), $"own funds of {b.OrganisationId}");
            Expect(b.Contributed == Sum(e => Moves(e) && e.OrganisationId == b.OrganisationId), $"contributed by {b.OrganisationId}");
            Expect(b.Contributed == contributions.Where(c => c.OrganisationId == b.OrganisationId).Sum(c => c.Amount), $"contributions of {b.OrganisationId}");
            Expect(b.Contributed <= b.Balance, $"{b.OrganisationId} overspent: {b.Contributed} > {b.Balance}");
            var cap = call.BudgetRules.ShareCap(b.Balance);
            foreach (var c in contributions.Where(c => c.OrganisationId == b.OrganisationId && c.Amount > cap))
            {
                problems.Add($"{b.OrganisationId} gives {c.Amount} to {c.CommonsId}, above its share cap {cap}");
            }
        }

        foreach (var c in commons)
        {
            Expect(c.Total == Sum(e => Moves(e) && e.CommonsId == c.Id), $"total of commons {c.Title}");
            Expect(c.Total == contributions.Where(x => x.CommonsId == c.Id).Sum(x => x.Amount), $"contributions to commons {c.Title}");
            Expect(c.Released == -Sum(e => e.Kind == LedgerEntryKind.Release && e.CommonsId == c.Id), $"released by commons {c.Title}");
            Expect(c.Match == Sum(e => e.Kind == LedgerEntryKind.Match && e.CommonsId == c.Id), $"match of commons {c.Title}");
            Expect(c.Total <= c.MaximumGoal, $"commons {c.Title} above its maximum goal: {c.Total} > {c.MaximumGoal}");
        }

        VerifyMatching(call.BudgetRules, ledger, commons, contributions, pledges.Where(p => p.IsMatching).Sum(p => p.Amount), problems);

        var agreements = await db.FundingAgreements.AsNoTracking().Include(a => a.Tranches).Where(a => a.CallId == callId).ToListAsync(ct);
        foreach (var c in commons.Where(c => c.IsFunded))
        {
            Expect(agreements.Count(a => a.CommonsId == c.Id) == 1, $"one funding agreement for funded commons {c.Title}");
        }

        foreach (var a in agreements)
        {
            var of = commons.SingleOrDefault(c => c.Id == a.CommonsId);
            long Of(LedgerEntryKind kind) => Sum(e => e.Kind == kind && e.CommonsId == a.CommonsId);
            Expect(of is { IsFunded: true }, $"agreement {a.Id} belongs to a funded commons");
            Expect(a.Award == (of?.Total ?? 0) + (of?.Match ?? 0) + Of(LedgerEntryKind.Correction), $"award of agreement {a.Id}");
            Expect(a.Paid == Of(LedgerEntryKind.Payment), $"paid by agreement {a.Id}");
            Expect(a.ReturnedToPool == -Of(LedgerEntryKind.PoolReturn), $"returned to the pool by agreement {a.Id}");
            Expect(a.Paid + a.ReturnedToPool <= a.Award, $"agreement {a.Id} paid above its award: {a.Paid} + {a.ReturnedToPool} > {a.Award}");
            Expect(a.Status != AgreementStatus.Cancelled || a.Paid + a.ReturnedToPool == a.Award, $"cancelled agreement {a.Id} returned what it did not pay");
            if (a.Tranches.Count > 0)
            {
                var paidTranches = a.Tranches.Where(t => t.State == TrancheState.Paid).ToList();
                Expect(a.Tranches.Sum(t => t.Amount) == a.Award, $"tranches of agreement {a.Id} sum to its award");
                Expect(a.Paid == paidTranches.Sum(t => t.Amount), $"paid tranches of agreement {a.Id}");
                Expect(ledger.Count(e => e.Kind == LedgerEntryKind.Payment && e.CommonsId == a.CommonsId) == paidTranches.Count, $"one payment per paid tranche of agreement {a.Id}");
            }
            else
            {
                Expect(a.Paid == 0, $"agreement {a.Id} paid without a schedule");
            }
        }

        foreach (var e in ledger)
        {
            Expect(e.Amount == e.After - e.Before, $"ledger entry {e.Id} amount");
        }

        var pool = pledges.Where(p => !p.IsMatching).Sum(p => p.Amount);
        Expect(pool == Sum(e => e.Kind == LedgerEntryKind.Pledge), "pool");
        Expect(pledges.Where(p => p.IsMatching).Sum(p => p.Amount) == Sum(e => e.Kind == LedgerEntryKind.MatchingPledge), "matching pool");
        Expect(budgets.Sum(b => b.Granted) <= pool, "grants within the pool");
        return problems;

        void Expect(bool holds, string what)
        {
            if (!holds)
            {
                problems.Add("mismatch: " + what);
            }
        }
    }

    private static void VerifyMatching(
        BudgetRules rules, List<LedgerEntry> ledger, List<Domain.Commons.Commons> commons, List<Contribution> contributions, long matchingPool, List<string> problems)
    {
        var matches = ledger.Where(e => e.Kind == LedgerEntryKind.Match).ToList();
        foreach (var e in matches.Where(e => e.MatchingMode != rules.MatchingMode))
        {
            problems.Add($"match entry {e.Id} says {e.MatchingMode?.ToString() ?? "no mode"}, the call matches {rules.MatchingMode}");
        }

        foreach (var c in contributions)
        {
            var reserved = matches.Where(e => e.OrganisationId == c.OrganisationId && e.CommonsId == c.CommonsId).Sum(e => e.Amount);
            if (c.Match != reserved)
            {
                problems.Add($"mismatch: match reserved by {c.OrganisationId} for {c.CommonsId}: {c.Match}, the ledger says {reserved}");
            }

            if (c.Match > ProportionalMatching.Earned(c.Amount, rules.MatchRatioPerMille))
            {
                problems.Add($"{c.OrganisationId} reserved {c.Match} for {c.Amount} given to {c.CommonsId}, above k times it");
            }
        }

        if (rules.MatchingMode == MatchingMode.Proportional)
        {
            foreach (var c in commons.Where(c => c.Match > rules.MatchCapPerCommons))
            {
                problems.Add($"commons {c.Title} matched {c.Match}, above the cap {rules.MatchCapPerCommons}");
            }
        }

        var matched = commons.Sum(c => c.Match);
        if (matched > matchingPool)
        {
            problems.Add($"the matching pool is over-committed: {matched} > {matchingPool}");
        }
    }
}
