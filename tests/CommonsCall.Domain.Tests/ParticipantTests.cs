using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Tests;

/// <summary>An organisation's participation in a call: invited, joined, left.</summary>
public class ParticipantTests
{
    private static readonly DateTimeOffset At = ACall.CreatedAt.AddDays(1);
    private static readonly Guid Organisation = Guid.NewGuid();

    private static Participant Invited(CallPhase phase = CallPhase.Framing) =>
        Participant.Invite(ACall.In(phase), Organisation, ParticipantRole.Member, At).ShouldSucceed();

    [Fact]
    public void An_invited_organisation_accepts_and_joins()
    {
        var participant = Invited();
        participant.State.ShouldBe(InvitationState.Invited);
        participant.JoinedAt.ShouldBeNull();

        participant.Accept(CallPhase.Framing, At.AddHours(1)).ShouldSucceed();

        participant.State.ShouldBe(InvitationState.Joined);
        participant.JoinedAt.ShouldBe(At.AddHours(1));
    }

    [Fact]
    public void Accepting_twice_changes_nothing()
    {
        var participant = Invited();
        participant.Accept(CallPhase.Framing, At).ShouldSucceed();

        participant.Accept(CallPhase.Results, At.AddDays(1)).ShouldSucceed();

        participant.State.ShouldBe(InvitationState.Joined);
        participant.JoinedAt.ShouldBe(At);
    }

    [Fact]
    public void A_declined_invitation_cannot_be_accepted_until_the_facilitator_invites_again()
    {
        var participant = Invited();
        participant.Leave(CallPhase.Framing, holdsMoney: false).ShouldSucceed();
        participant.State.ShouldBe(InvitationState.Left);

        participant.Accept(CallPhase.Framing, At).ShouldBeRefusedWith(ErrorCodes.InvitationNotPending);
        participant.State.ShouldBe(InvitationState.Left);

        participant.Reinvite(CallPhase.Framing, At.AddDays(2)).ShouldSucceed();
        participant.State.ShouldBe(InvitationState.Invited);
        participant.InvitedAt.ShouldBe(At.AddDays(2));
        participant.Accept(CallPhase.Framing, At.AddDays(3)).ShouldSucceed();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_organisation_invited_or_joined_cannot_be_invited_again(bool joined)
    {
        var participant = Invited();
        if (joined)
        {
            participant.Accept(CallPhase.Framing, At).ShouldSucceed();
        }

        participant.Reinvite(CallPhase.Framing, At).ShouldBeRefusedWith(ErrorCodes.AlreadyParticipant);
        participant.State.ShouldBe(joined ? InvitationState.Joined : InvitationState.Invited);
    }

    [Fact]
    public void Nobody_is_invited_to_or_joins_a_settled_call()
    {
        Participant.Invite(ACall.In(CallPhase.Results), Organisation, ParticipantRole.Funder, At).ShouldBeRefusedWith(ErrorCodes.WrongPhase);

        var pending = Invited();
        pending.Accept(CallPhase.Results, At).ShouldBeRefusedWith(ErrorCodes.WrongPhase);
        pending.State.ShouldBe(InvitationState.Invited);

        pending.Leave(CallPhase.Framing, holdsMoney: false).ShouldSucceed();
        pending.Reinvite(CallPhase.FollowUp, At).ShouldBeRefusedWith(ErrorCodes.WrongPhase);
        pending.State.ShouldBe(InvitationState.Left);
    }

    [Theory]
    [InlineData(CallPhase.Draft)]
    [InlineData(CallPhase.Framing)]
    [InlineData(CallPhase.Challenges)]
    [InlineData(CallPhase.Commons)]
    public void A_joined_organisation_without_money_may_leave_before_the_budget_round(CallPhase phase)
    {
        var participant = Invited();
        participant.Accept(phase, At).ShouldSucceed();

        participant.Leave(phase, holdsMoney: false).ShouldSucceed();

        participant.State.ShouldBe(InvitationState.Left);
    }

    [Theory]
    [InlineData(CallPhase.Budgeting)]
    [InlineData(CallPhase.Results)]
    [InlineData(CallPhase.FollowUp)]
    public void A_joined_organisation_stays_once_the_budget_round_opened(CallPhase phase)
    {
        var participant = Invited();
        participant.Accept(CallPhase.Commons, At).ShouldSucceed();

        participant.Leave(phase, holdsMoney: false).ShouldBeRefusedWith(ErrorCodes.ParticipationLocked);

        participant.State.ShouldBe(InvitationState.Joined);
    }

    [Fact]
    public void A_joined_organisation_holding_money_stays()
    {
        var participant = Invited();
        participant.Accept(CallPhase.Framing, At).ShouldSucceed();

        participant.Leave(CallPhase.Commons, holdsMoney: true).ShouldBeRefusedWith(ErrorCodes.ParticipationLocked);

        participant.State.ShouldBe(InvitationState.Joined);
    }

    [Fact]
    public void An_invitation_may_be_declined_at_any_phase()
    {
        var participant = Invited();

        participant.Leave(CallPhase.Budgeting, holdsMoney: false).ShouldSucceed();
        participant.Leave(CallPhase.Budgeting, holdsMoney: false).ShouldSucceed();

        participant.State.ShouldBe(InvitationState.Left);
    }
}
