using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Calls;

public enum ParticipantRole
{
    Member = 0,
    Funder = 1,
}

public enum InvitationState
{
    Invited = 0,
    Joined = 1,
    Left = 2,
}

/// <summary>
/// An organisation taking part in a call in one role (an organisation may be both member and funder).
/// The facilitator invites it; one of its representatives accepts (Joined) or declines (Left); a joined
/// organisation may leave until the budget round opens, after which its commitments hold.
/// </summary>
public sealed class Participant
{
    private Participant()
    {
    }

    public Participant(Guid callId, Guid organisationId, ParticipantRole role, DateTimeOffset invitedAt)
    {
        CallId = callId;
        OrganisationId = organisationId;
        Role = role;
        State = InvitationState.Invited;
        InvitedAt = invitedAt;
    }

    public Guid CallId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public ParticipantRole Role { get; private set; }

    public InvitationState State { get; private set; }

    public DateTimeOffset InvitedAt { get; private set; }

    /// <summary>When it first joined.</summary>
    public DateTimeOffset? JoinedAt { get; private set; }

    public bool HasJoined => State == InvitationState.Joined;

    /// <summary>A facilitator invites an organisation; nobody joins a call whose round is settled.</summary>
    public static Result<Participant> Invite(Call call, Guid organisationId, ParticipantRole role, DateTimeOffset at) =>
        call.IsSettled
            ? new DomainError(ErrorCodes.WrongPhase, "The round is settled: the call no longer takes new participants.")
            : new Participant(call.Id, organisationId, role, at);

    /// <summary>Invites again an organisation that declined or left; one that is invited or joined already is refused.</summary>
    public Result Reinvite(CallPhase phase, DateTimeOffset at)
    {
        if (State != InvitationState.Left)
        {
            return Result.Fail(ErrorCodes.AlreadyParticipant, State == InvitationState.Invited
                ? "This organisation is already invited in this role."
                : "This organisation has already joined in this role.");
        }

        if (phase.IsSettled())
        {
            return Result.Fail(ErrorCodes.WrongPhase, "The round is settled: the call no longer takes new participants.");
        }

        State = InvitationState.Invited;
        InvitedAt = at;
        return Result.Ok();
    }

    /// <summary>A representative accepts the invitation (joining twice changes nothing).</summary>
    public Result Accept(CallPhase phase, DateTimeOffset at) =>
        phase.IsSettled() && State != InvitationState.Joined
            ? Result.Fail(ErrorCodes.WrongPhase, "The round is settled: the call no longer takes new participants.")
            : Join(at);

    /// <summary>The state change behind <see cref="Accept"/>: only a pending invitation can be accepted.</summary>
    public Result Join(DateTimeOffset at)
    {
        if (State == InvitationState.Left)
        {
            return Result.Fail(ErrorCodes.InvitationNotPending, "This organisation declined or left: the facilitator must invite it again.");
        }

        State = InvitationState.Joined;
        JoinedAt ??= at;
        return Result.Ok();
    }

    /// <summary>
    /// A representative declines the invitation or leaves the call (leaving twice changes nothing). A joined
    /// organisation that holds money in the call (a pledge, a grant, own funds) stays, and so does every joined
    /// organisation once the budget round opens: those are commitments the others rely on.
    /// </summary>
    public Result Leave(CallPhase phase, bool holdsMoney)
    {
        if (State == InvitationState.Joined && phase >= CallPhase.Budgeting)
        {
            return Result.Fail(ErrorCodes.ParticipationLocked, "Once the budget round opens, a joined organisation can no longer leave the call.");
        }

        if (State == InvitationState.Joined && holdsMoney)
        {
            return Result.Fail(ErrorCodes.ParticipationLocked, "This organisation holds money in the call (a pledge, a grant or own funds): ask the facilitator before leaving.");
        }

        State = InvitationState.Left;
        return Result.Ok();
    }
}
