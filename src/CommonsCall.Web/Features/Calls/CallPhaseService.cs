using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calls;

/// <summary>Facilitators move a call one phase forward when the target phase's preconditions hold.</summary>
public sealed class CallPhaseService(CallChanges changes)
{
    public Task<Result> MoveAsync(Actor actor, Guid callId, CallPhase target, CancellationToken ct = default) =>
        changes.ManageAsync(actor, callId, CallLock.Exclusive, "Only the call's facilitators move it between phases.", async x =>
        {
            var db = x.Db;
            var facts = new PhaseFacts(
                MemberParticipants: await db.Participants.CountAsync(p => p.CallId == callId && p.Role == ParticipantRole.Member && p.State != InvitationState.Left, ct),
                PublishedChallenges: await db.Challenges.CountAsync(c => c.CallId == callId && c.Status == ChallengeStatus.Published, ct),
                ApprovedCommons: await db.Commons.CountAsync(c => c.CallId == callId && c.Status == CommonsStatus.ApprovedForFunding, ct),
                Pool: await db.Pledges.Where(p => p.CallId == callId && !p.IsMatching).SumAsync(p => p.Amount, ct),
                OwnFunds: await db.MemberBudgets.Where(b => b.CallId == callId).SumAsync(b => b.OwnFunds, ct));
            var before = x.Call.Phase;
            return x.Audited(x.Call.MoveTo(target, facts), "call.phase_changed", before.ToString(), () => target.ToString());
        }, ct);
}
