using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calls;

/// <summary>Moves the call <see cref="CallId"/> to <see cref="Target"/>, the phase after its current one.</summary>
public sealed record MovePhase(Guid CallId, CallPhase Target);

/// <summary>Facilitators move a call one phase forward when the target phase's preconditions hold.</summary>
public sealed class CallPhaseService(CallChanges changes)
{
    public Task<Result> MoveAsync(Actor actor, MovePhase command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, "Only the call's facilitators move it between phases.", async x =>
        {
            var db = x.Db;
            var facts = new PhaseFacts(
                MemberParticipants: await db.Participants.CountAsync(p => p.CallId == command.CallId && p.Role == ParticipantRole.Member && p.State != InvitationState.Left, ct),
                PublishedChallenges: await db.Challenges.CountAsync(c => c.CallId == command.CallId && c.Status == ChallengeStatus.Published, ct),
                ApprovedCommons: await db.Commons.CountAsync(c => c.CallId == command.CallId && c.Status == CommonsStatus.ApprovedForFunding, ct),
                Pool: await db.Pledges.Where(p => p.CallId == command.CallId && !p.IsMatching).SumAsync(p => p.Amount, ct),
                OwnFunds: await db.MemberBudgets.Where(b => b.CallId == command.CallId).SumAsync(b => b.OwnFunds, ct));
            var before = x.Call.Phase;
            return x.Audited(x.Call.MoveTo(command.Target, facts), "call.phase_changed", before.ToString(), () => command.Target.ToString());
        }, ct);
}
