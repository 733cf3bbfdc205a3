using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Calls;

/// <summary>Inviting organisations to a call, and their representatives accepting, declining or leaving.</summary>
public sealed class ParticipationServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    private ParticipationService Participation => app.Services.GetRequiredService<ParticipationService>();

    private CallQueries Calls => app.Services.GetRequiredService<CallQueries>();

    /// <summary>A members-only call with its facilitator, and an organisation (not yet invited) with its representative.</summary>
    private async Task<(Call Call, Actor Facilitator, Organisation Organisation, Actor Representative)> ArrangeAsync(CallVisibility visibility = CallVisibility.MembersOnly)
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(visibility, facilitator);
        var organisation = await _data.OrganisationAsync();
        var representative = await _data.UserAsync(organisation: organisation.Id);
        return (call, facilitator, organisation, representative);
    }

    private async Task<List<(ParticipantRole Role, InvitationState State)>> StatesAsync(Guid callId, Guid organisationId)
    {
        await using var db = await _data.DbAsync();
        return (await db.Participants.AsNoTracking().Where(p => p.CallId == callId && p.OrganisationId == organisationId)
            .OrderBy(p => p.Role).ToListAsync()).Select(p => (p.Role, p.State)).ToList();
    }

    private async Task<List<string>> AuditAsync(Guid callId)
    {
        await using var db = await _data.DbAsync();
        return await db.Audit.Where(a => a.CallId == callId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    private async Task SetPhaseAsync(Guid callId, CallPhase phase)
    {
        await using var db = await _data.DbAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE \"Calls\" SET \"Phase\" = {(int)phase} WHERE \"Id\" = {callId}");
    }

    [Fact]
    public async Task An_invited_representative_sees_the_members_only_call_accepts_and_becomes_a_member()
    {
        var (call, facilitator, organisation, representative) = await ArrangeAsync();
        (await Calls.FindAsync(call.Slug, representative)).ShouldBeNull();

        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Member) { CallId = call.Id })).Error.ShouldBeNull();

        var invited = await Calls.FindAsync(call.Slug, representative);
        invited.ShouldNotBeNull();
        invited.Access.IsMember.ShouldBeFalse();
        (await Participation.MineAsync(representative, call.Id)).ShouldBe([new MyParticipation(organisation.Id, organisation.Name, ParticipantRole.Member, InvitationState.Invited)]);

        (await Participation.AcceptAsync(representative, new AnswerInvitation(call.Id, organisation.Id, ParticipantRole.Member))).Error.ShouldBeNull();

        (await Calls.FindAsync(call.Slug, representative))!.Access.Represents(organisation.Id).ShouldBeTrue();
        (await StatesAsync(call.Id, organisation.Id)).ShouldBe([(ParticipantRole.Member, InvitationState.Joined)]);
        (await AuditAsync(call.Id)).ShouldBe(["call.participant_invited", "call.participant_joined"]);
    }

    [Fact]
    public async Task An_organisation_may_be_invited_both_as_member_and_as_funder_but_not_twice_in_one_role()
    {
        var (call, facilitator, organisation, _) = await ArrangeAsync();
        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Member) { CallId = call.Id })).Error.ShouldBeNull();
        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Funder) { CallId = call.Id })).Error.ShouldBeNull();

        var again = await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Funder) { CallId = call.Id });

        again.Error!.Code.ShouldBe(ErrorCodes.AlreadyParticipant);
        (await StatesAsync(call.Id, organisation.Id)).ShouldBe([(ParticipantRole.Member, InvitationState.Invited), (ParticipantRole.Funder, InvitationState.Invited)]);
        (await AuditAsync(call.Id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Only_the_calls_facilitators_and_administrators_invite()
    {
        var (call, _, organisation, representative) = await ArrangeAsync(CallVisibility.Public);
        var otherFacilitator = await _data.UserAsync(Roles.Facilitator);

        foreach (var actor in new[] { otherFacilitator, representative, Actor.Anonymous })
        {
            (await Participation.InviteAsync(actor, new InviteParticipant(organisation.Id, ParticipantRole.Member) { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        }

        (await StatesAsync(call.Id, organisation.Id)).ShouldBeEmpty();
        (await Participation.InvitableOrganisationsAsync(otherFacilitator, call.Id)).ShouldBeNull();

        var admin = await _data.UserAsync(Roles.Administrator);
        (await Participation.InvitableOrganisationsAsync(admin, call.Id))!.ShouldContain(o => o.Id == organisation.Id);
        (await Participation.InviteAsync(admin, new InviteParticipant(organisation.Id, ParticipantRole.Funder) { CallId = call.Id })).Error.ShouldBeNull();
    }

    [Fact]
    public async Task Inviting_an_unknown_organisation_or_with_an_invalid_role_is_refused()
    {
        var (call, facilitator, organisation, _) = await ArrangeAsync();

        (await Participation.InviteAsync(facilitator, new InviteParticipant(Guid.NewGuid(), ParticipantRole.Member) { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.UnknownOrganisation);
        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, (ParticipantRole)9) { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Member) { CallId = Guid.NewGuid() })).Error!.Code.ShouldBe(ErrorCodes.NotFound);

        (await StatesAsync(call.Id, organisation.Id)).ShouldBeEmpty();
        (await AuditAsync(call.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_settled_call_takes_no_new_participant()
    {
        var (call, facilitator, organisation, _) = await ArrangeAsync();
        await SetPhaseAsync(call.Id, CallPhase.Results);

        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Member) { CallId = call.Id })).Error!.Code.ShouldBe(ErrorCodes.WrongPhase);

        (await StatesAsync(call.Id, organisation.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_a_representative_of_the_invited_organisation_answers_its_invitation()
    {
        var (call, facilitator, organisation, _) = await ArrangeAsync();
        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Member) { CallId = call.Id })).Error.ShouldBeNull();
        var otherOrganisation = await _data.OrganisationAsync();
        var outsider = await _data.UserAsync(organisation: otherOrganisation.Id);

        foreach (var actor in new[] { outsider, facilitator, Actor.Anonymous })
        {
            (await Participation.AcceptAsync(actor, new AnswerInvitation(call.Id, organisation.Id, ParticipantRole.Member))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
            (await Participation.LeaveAsync(actor, new AnswerInvitation(call.Id, organisation.Id, ParticipantRole.Member))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        }

        (await StatesAsync(call.Id, organisation.Id)).ShouldBe([(ParticipantRole.Member, InvitationState.Invited)]);
        (await Participation.MineAsync(outsider, call.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Accepting_an_invitation_that_does_not_exist_is_not_found()
    {
        var (call, facilitator, organisation, representative) = await ArrangeAsync();
        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Member) { CallId = call.Id })).Error.ShouldBeNull();

        (await Participation.AcceptAsync(representative, new AnswerInvitation(call.Id, organisation.Id, ParticipantRole.Funder))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await Participation.AcceptAsync(representative, new AnswerInvitation(Guid.NewGuid(), organisation.Id, ParticipantRole.Member))).Error!.Code.ShouldBe(ErrorCodes.NotFound);

        (await StatesAsync(call.Id, organisation.Id)).ShouldBe([(ParticipantRole.Member, InvitationState.Invited)]);
    }

    [Fact]
    public async Task A_declined_invitation_is_closed_until_the_facilitator_invites_again()
    {
        var (call, facilitator, organisation, representative) = await ArrangeAsync();
        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Member) { CallId = call.Id })).Error.ShouldBeNull();

        (await Participation.LeaveAsync(representative, new AnswerInvitation(call.Id, organisation.Id, ParticipantRole.Member))).Error.ShouldBeNull();

        (await Calls.FindAsync(call.Slug, representative)).ShouldBeNull();
        (await Participation.AcceptAsync(representative, new AnswerInvitation(call.Id, organisation.Id, ParticipantRole.Member))).Error!.Code.ShouldBe(ErrorCodes.InvitationNotPending);
        (await StatesAsync(call.Id, organisation.Id)).ShouldBe([(ParticipantRole.Member, InvitationState.Left)]);

        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Member) { CallId = call.Id })).Error.ShouldBeNull();
        (await Participation.AcceptAsync(representative, new AnswerInvitation(call.Id, organisation.Id, ParticipantRole.Member))).Error.ShouldBeNull();
        (await StatesAsync(call.Id, organisation.Id)).ShouldBe([(ParticipantRole.Member, InvitationState.Joined)]);
        (await AuditAsync(call.Id)).ShouldBe(["call.participant_invited", "call.participant_left", "call.participant_invited", "call.participant_joined"]);
    }

    [Fact]
    public async Task A_joined_member_may_leave_before_the_budget_round()
    {
        var (call, facilitator, organisation, representative) = await ArrangeAsync(CallVisibility.Public);
        (await Participation.InviteAsync(facilitator, new InviteParticipant(organisation.Id, ParticipantRole.Member) { CallId = call.Id })).Error.ShouldBeNull();
        (await Participation.AcceptAsync(representative, new AnswerInvitation(call.Id, organisation.Id, ParticipantRole.Member))).Error.ShouldBeNull();

        (await Participation.LeaveAsync(representative, new AnswerInvitation(call.Id, organisation.Id, ParticipantRole.Member))).Error.ShouldBeNull();

        (await Calls.FindAsync(call.Slug, representative))!.Access.IsMember.ShouldBeFalse();
        (await StatesAsync(call.Id, organisation.Id)).ShouldBe([(ParticipantRole.Member, InvitationState.Left)]);
    }

    [Fact]
    public async Task A_member_holding_money_or_in_the_budget_round_cannot_leave()
    {
        var s = await BudgetScenario.CreateAsync(app, memberCount: 2, pool: 10_000, null, (1_000, 5_000));
        var member = s.Members[0];

        var refused = await Participation.LeaveAsync(member.User, new AnswerInvitation(s.Call.Id, member.Id, ParticipantRole.Member));
        refused.Error!.Code.ShouldBe(ErrorCodes.ParticipationLocked);
        (await Participation.LeaveAsync(s.Funder.User, new AnswerInvitation(s.Call.Id, s.Funder.Id, ParticipantRole.Funder))).Error!.Code.ShouldBe(ErrorCodes.ParticipationLocked);

        var penniless = await _data.OrganisationAsync();
        await _data.JoinAsync(s.Call, penniless, ParticipantRole.Member);
        var pennilessUser = await _data.UserAsync(organisation: penniless.Id);
        await s.OpenRoundAsync();

        (await Participation.LeaveAsync(pennilessUser, new AnswerInvitation(s.Call.Id, penniless.Id, ParticipantRole.Member))).Error!.Code.ShouldBe(ErrorCodes.ParticipationLocked);
        (await StatesAsync(s.Call.Id, member.Id)).ShouldBe([(ParticipantRole.Member, InvitationState.Joined)]);
        (await StatesAsync(s.Call.Id, penniless.Id)).ShouldBe([(ParticipantRole.Member, InvitationState.Joined)]);
        (await app.Services.GetRequiredService<FundsService>().MembersAsync(s.Facilitator, s.Call.Id))!.Count.ShouldBe(3);
    }
}
