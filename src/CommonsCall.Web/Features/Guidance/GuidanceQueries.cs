using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Guidance;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Guidance;

/// <summary>One call and what the viewer should do next in it (<see cref="NextSteps"/>).</summary>
public sealed record CallGuidance(string Slug, string Title, string Currency, CallPhase Phase, NextStep Step, BudgetRules Rules);

/// <summary>
/// Reads what <see cref="NextSteps.For"/> needs for one viewer (its organisations' money, proposals, positionings, pledges;
/// for facilitators the pool not granted and the commons to review), within what the viewer may see.
/// </summary>
public sealed class GuidanceQueries(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>The next step in one call, or null when the viewer may not read the call.</summary>
    public async Task<CallGuidance?> ForCallAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CallAccess.ReadableAsync(db, slug, actor, ct) is var (call, access) ? await GuideAsync(db, call, access, ct) : null;
    }

    /// <summary>The calls the viewer takes part in or is invited to (not left), each with its next step, the newest first.</summary>
    public async Task<IReadOnlyList<CallGuidance>> ForMyCallsAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var calls = await MyCalls(db, userId).Include(c => c.Facilitators).OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        var guides = new List<CallGuidance>();
        foreach (var call in calls)
        {
            guides.Add(await GuideAsync(db, call, await CallAccess.LoadAsync(db, call, actor, ct), ct));
        }

        return guides;
    }

    /// <summary>The calls a person facilitates or takes part in through an organisation it represents (invited or joined).</summary>
    public static IQueryable<Call> MyCalls(AppDbContext db, string userId) =>
        db.Calls.AsNoTracking().Where(c => c.Facilitators.Any(f => f.UserId == userId)
            || db.Participants.Any(p => p.CallId == c.Id && p.State != InvitationState.Left
                && db.OrganisationMembers.Any(m => m.OrganisationId == p.OrganisationId && m.UserId == userId)));

    private async Task<CallGuidance> GuideAsync(AppDbContext db, Call call, CallAccess access, CancellationToken ct)
    {
        var situation = new CallSituation
        {
            Phase = call.Phase,
            Now = clock.GetUtcNow(),
            Rules = call.BudgetRules,
            Planned = call.PlannedDates,
            IsInvited = access.InvitedOrganisations.Count > 0,
            IsFacilitator = access.IsFacilitator,
            IsMember = access.IsMember,
            IsFunder = access.IsFunder,
        };

        if (access.IsMember)
        {
            var members = access.MemberOrganisations.ToList();
            var budgets = await db.MemberBudgets.AsNoTracking().Where(b => b.CallId == call.Id && members.Contains(b.OrganisationId)).ToListAsync(ct);
            situation = situation with
            {
                Money = new BudgetFigures(budgets.Sum(b => b.Granted), budgets.Sum(b => b.OwnFunds), budgets.Sum(b => b.Contributed)),
                ChallengesPublished = await db.Challenges.CountAsync(c => c.CallId == call.Id && members.Contains(c.AuthorOrganisationId) && c.Status == ChallengeStatus.Published, ct),
                CommonsProposed = await db.Commons.CountAsync(c => c.CallId == call.Id && members.Contains(c.ProposedByOrganisationId), ct),
                Positionings = await db.Positionings.CountAsync(p => members.Contains(p.OrganisationId) && db.Commons.Any(c => c.Id == p.CommonsId && c.CallId == call.Id), ct),
            };
        }

        if (access.IsFunder)
        {
            var funders = access.FunderOrganisations.ToList();
            situation = situation with { Pledged = await db.Pledges.Where(p => p.CallId == call.Id && funders.Contains(p.FunderOrganisationId)).SumAsync(p => p.Amount, ct) };
        }

        if (access.IsFacilitator)
        {
            var pool = await db.Pledges.Where(p => p.CallId == call.Id && !p.IsMatching).SumAsync(p => p.Amount, ct);
            var granted = await db.MemberBudgets.Where(b => b.CallId == call.Id).SumAsync(b => b.Granted, ct);
            situation = situation with
            {
                Ungranted = Math.Max(0, pool - granted),
                CommonsToReview = await db.Commons.CountAsync(c => c.CallId == call.Id && c.Status == CommonsStatus.Proposed, ct),
            };
        }

        return new CallGuidance(call.Slug, call.Title, call.Currency, call.Phase, NextSteps.For(situation), call.BudgetRules);
    }
}
