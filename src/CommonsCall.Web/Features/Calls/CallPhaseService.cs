using System.Data;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Access;
using CommonsCall.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calls;

/// <summary>Facilitators move a call one phase forward when the target phase's preconditions hold.</summary>
public sealed class CallPhaseService(IDbContextFactory<AppDbContext> factory, CallLocks locks, TimeProvider clock)
{
    public async Task<Result> MoveAsync(Actor actor, Guid callId, CallPhase target, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var managed = await locks.ToManageAsync(db, actor, callId, CallLock.Exclusive, "Only the call's facilitators move it between phases.", ct);
        if (!managed.IsSuccess)
        {
            return managed.Error!;
        }

        var call = managed.Value!;
        var facts = new PhaseFacts(
            MemberParticipants: await db.Participants.CountAsync(p => p.CallId == callId && p.Role == ParticipantRole.Member && p.State != InvitationState.Left, ct),
            PublishedChallenges: await db.Challenges.CountAsync(c => c.CallId == callId && c.Status == ChallengeStatus.Published, ct),
            ApprovedCommons: await db.Commons.CountAsync(c => c.CallId == callId && c.Status == CommonsStatus.ApprovedForFunding, ct),
            Pool: await db.Pledges.Where(p => p.CallId == callId && !p.IsMatching).SumAsync(p => p.Amount, ct),
            OwnFunds: await db.MemberBudgets.Where(b => b.CallId == callId).SumAsync(b => b.OwnFunds, ct));
        var before = call.Phase;
        var moved = call.MoveTo(target, facts);
        if (!moved.IsSuccess)
        {
            return moved;
        }

        AuditLog.Record(db, call.Id, actor, "call.phase_changed", before.ToString(), target.ToString(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }
}
