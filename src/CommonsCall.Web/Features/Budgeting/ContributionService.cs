using System.Data;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>Member organisation <paramref name="OrganisationId"/> sets what it gives to a commons to an absolute amount (minor units).</summary>
public sealed record SetContribution(Guid CallId, Guid CommonsId, Guid OrganisationId, long Amount);

/// <summary>The accepted change and the figures a member sees right after it.</summary>
public sealed record ContributionResult(long Before, long After, long MemberAvailable, long CommonsTotal)
{
    public bool Changed => Before != After;
}

/// <summary>
/// Contribution changes: DESIGN.md's rules 1-7 (in <see cref="ContributionPolicy"/>), applied in one
/// transaction under the row locks of <see cref="RowLocks"/>, written to the ledger, then announced.
/// </summary>
public sealed class ContributionService(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    public async Task<Result<ContributionResult>> SetAsync(Actor actor, SetContribution command, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return new DomainError(ErrorCodes.Forbidden, "Sign in to contribute.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);

        var call = await RowLocks.CallAsync(db, command.CallId, exclusive: false, ct);
        if (call is null)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown call.");
        }

        var represents = await db.Participants.AnyAsync(
            p => p.CallId == call.Id && p.OrganisationId == command.OrganisationId && p.Role == ParticipantRole.Member
                 && db.OrganisationMembers.Any(m => m.OrganisationId == p.OrganisationId && m.UserId == userId),
            ct);
        var joined = represents && await db.Participants.AnyAsync(
            p => p.CallId == call.Id && p.OrganisationId == command.OrganisationId && p.Role == ParticipantRole.Member && p.State == InvitationState.Joined,
            ct);

        var budget = await RowLocks.MemberBudgetAsync(db, call.Id, command.OrganisationId, ct);
        var commons = await RowLocks.CommonsAsync(db, call.Id, command.CommonsId, ct);
        if (commons is null)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown commons in this call.");
        }

        var contribution = await db.Contributions.SingleOrDefaultAsync(c => c.CommonsId == commons.Id && c.OrganisationId == command.OrganisationId, ct);
        var isCoCreator = await db.Set<CommonsCoCreator>().AnyAsync(c => c.CommonsId == commons.Id && c.OrganisationId == command.OrganisationId, ct);
        var now = clock.GetUtcNow();

        var decision = ContributionPolicy.Decide(
            new ContributionContext
            {
                UserRepresentsMember = represents,
                MemberHasJoined = joined,
                RoundIsOpen = call.IsRoundOpen(now),
                CommonsIsApproved = commons.IsApprovedForFunding,
                MemberIsCoCreator = isCoCreator,
                Rules = call.BudgetRules,
                MemberBalance = budget?.Balance ?? 0,
                MemberContributed = budget?.Contributed ?? 0,
                CurrentAmount = contribution?.Amount ?? 0,
                CommonsTotal = commons.Total,
                CommonsMaximumGoal = commons.MaximumGoal,
            },
            command.Amount);
        if (!decision.IsSuccess)
        {
            return decision.Error!;
        }

        var change = decision.Value;
        if (change.IsNoOp)
        {
            await tx.CommitAsync(ct);
            return new ContributionResult(change.Before, change.After, budget?.Available ?? 0, commons.Total);
        }

        // A raise was accepted, so rule 4 proved the member has a budget row with room for it.
        if (contribution is null)
        {
            contribution = new Contribution(call.Id, commons.Id, command.OrganisationId);
            db.Contributions.Add(contribution);
        }

        contribution.Set(change.After, now);
        budget!.ApplyContributionDelta(change.Delta);
        commons.ApplyContributionDelta(change.Delta);
        db.Ledger.Add(new LedgerEntry(call.Id, LedgerEntryKind.Contribution, change.Before, change.After, userId, command.OrganisationId, commons.Id, now));
        await db.SaveChangesAsync(ct);
        await ContributionEvents.NotifyAsync(db, new ContributionChanged(call.Id, commons.Id, command.OrganisationId, change.Before, change.After, commons.Total, now), ct);
        await tx.CommitAsync(ct);
        return new ContributionResult(change.Before, change.After, budget.Available, commons.Total);
    }
}
