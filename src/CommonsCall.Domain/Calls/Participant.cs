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

/// <summary>An organisation taking part in a call in one role (an organisation may be both member and funder).</summary>
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

    public DateTimeOffset? JoinedAt { get; private set; }

    public bool HasJoined => State == InvitationState.Joined;

    public void Join(DateTimeOffset at)
    {
        State = InvitationState.Joined;
        JoinedAt ??= at;
    }

    public void Leave() => State = InvitationState.Left;
}
