using CommonsCall.Domain.Common;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.WorkingGroups;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Commons;

/// <summary>Positionings, milestones, meetings and the call map through the services, on PostgreSQL.</summary>
public sealed class WorkingGroupServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestClock.Start.UtcDateTime);

    private CallMapQueries Map => app.Services.GetRequiredService<CallMapQueries>();

    private static SetPositioning Wants(CommonsScenario s, Guid commons, Guid? organisation = null, string? expectations = "Des données fiables") =>
        new(s.Call.Id, commons, organisation, [PositioningKind.Wants, PositioningKind.ContributesSkills], expectations, "2 jours par mois");

    private async Task<int> PositioningsOnAsync(Guid commons)
    {
        await using var db = await new TestData(app).DbAsync();
        return await db.Positionings.CountAsync(p => p.CommonsId == commons);
    }

    // Positioning

    [Fact]
    public async Task A_member_positions_itself_and_the_group_shows_its_expectations()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        (await s.Positionings.SetAsync(s.Members[1].User, Wants(s, id))).Error.ShouldBeNull();

        var group = (await s.Queries.DetailAsync(Actor.Anonymous, s.Slug, id))!.WorkingGroup;
        group.Members.Select(m => m.OrganisationId).ShouldBe([s.Members[0].Id, s.Members[1].Id]);
        group.Members[0].IsCoCreator.ShouldBeTrue();
        var member = group.Members[1];
        member.IsCoCreator.ShouldBeFalse();
        member.Kinds.ShouldBe([PositioningKind.Wants, PositioningKind.ContributesSkills]);
        member.Expectations.ShouldBe("Des données fiables");
        member.Availability.ShouldBe("2 jours par mois");
    }

    [Fact]
    public async Task A_positioning_is_updated_then_withdrawn()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        (await s.Positionings.SetAsync(s.Members[1].User, Wants(s, id))).Error.ShouldBeNull();

        (await s.Positionings.SetAsync(s.Members[1].User, new SetPositioning(s.Call.Id, id, null, [PositioningKind.Produces], "Être cité", null))).Error.ShouldBeNull();
        var updated = (await s.Queries.DetailAsync(s.Members[1].User, s.Slug, id))!.WorkingGroup.Members.Single(m => m.OrganisationId == s.Members[1].Id);
        updated.Kinds.ShouldBe([PositioningKind.Produces]);
        updated.Expectations.ShouldBe("Être cité");
        updated.Availability.ShouldBeNull();

        (await s.Positionings.WithdrawAsync(s.Members[1].User, new WithdrawPositioning(s.Call.Id, id, null))).Error.ShouldBeNull();
        (await PositioningsOnAsync(id)).ShouldBe(0);
        (await s.Positionings.WithdrawAsync(s.Members[1].User, new WithdrawPositioning(s.Call.Id, id, null))).Error.ShouldBeNull("withdrawing twice changes nothing");
    }

    [Fact]
    public async Task A_funder_may_position_itself_too()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        (await s.Positionings.SetAsync(s.Funder.User, new SetPositioning(s.Call.Id, id, null, [PositioningKind.ContributesMoneyInKind], null, null))).Error.ShouldBeNull();

        (await PositioningsOnAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task Organisations_outside_the_call_cannot_position_and_nothing_is_stored()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        (await s.Positionings.SetAsync(s.Outsider.User, Wants(s, id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Positionings.SetAsync(s.Invited.User, Wants(s, id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Positionings.SetAsync(Actor.Anonymous, Wants(s, id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Positionings.SetAsync(s.Members[1].User, Wants(s, id, s.Members[2].Id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden, "another member's organisation");
        (await s.Positionings.SetAsync(s.Facilitator, Wants(s, id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden, "a facilitator represents no organisation");

        (await PositioningsOnAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_positioning_needs_a_kind_and_bounded_texts()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        var none = await s.Positionings.SetAsync(s.Members[1].User, Wants(s, id) with { Kinds = [] });
        var tooLong = await s.Positionings.SetAsync(s.Members[1].User, Wants(s, id, expectations: new string('x', 2_001)));

        none.Error!.Fields!.Keys.ShouldBe(["Kinds"]);
        tooLong.Error!.Fields!.Keys.ShouldBe(["Expectations"]);
        (await PositioningsOnAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_user_representing_two_organisations_says_which_one()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        await using (var db = await new TestData(app).DbAsync())
        {
            db.OrganisationMembers.Add(new Domain.Organisations.OrganisationMember(s.Members[2].Id, s.Members[1].User.UserId!));
            await db.SaveChangesAsync();
        }

        var unnamed = await s.Positionings.SetAsync(s.Members[1].User, Wants(s, id));
        unnamed.Error!.Fields!.Keys.ShouldBe(["OrganisationId"]);

        (await s.Positionings.SetAsync(s.Members[1].User, Wants(s, id, s.Members[2].Id))).Error.ShouldBeNull();
        (await s.Queries.DetailAsync(s.Members[1].User, s.Slug, id))!.You.CanPositionAs.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Positioning_on_an_unknown_commons_is_not_found()
    {
        var s = await CommonsScenario.CreateAsync(app);

        (await s.Positionings.SetAsync(s.Members[1].User, Wants(s, Guid.NewGuid()))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    // Milestones

    [Fact]
    public async Task The_group_keeps_its_milestones_owned_by_its_organisations()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        (await s.Positionings.SetAsync(s.Members[1].User, Wants(s, id))).Error.ShouldBeNull();

        var added = await s.Groups.AddMilestoneAsync(s.Members[1].User, new AddMilestone(s.Call.Id, id, "Spécification v1", Today.AddDays(30), s.Members[0].Id));
        added.Error.ShouldBeNull();
        (await s.Groups.UpdateMilestoneAsync(s.Members[0].User, new UpdateMilestone(s.Call.Id, id, added.Value, "Spécification v1", Today.AddDays(30), s.Members[1].Id, Done: true))).Error.ShouldBeNull();

        var milestone = (await s.Queries.DetailAsync(Actor.Anonymous, s.Slug, id))!.WorkingGroup.Milestones.ShouldHaveSingleItem();
        milestone.Title.ShouldBe("Spécification v1");
        milestone.OwnerOrganisationId.ShouldBe(s.Members[1].Id);
        milestone.IsDone.ShouldBeTrue();
        milestone.DoneAt.ShouldBe(TestClock.Start);

        (await s.Groups.DeleteMilestoneAsync(s.Members[0].User, new DeleteMilestone(s.Call.Id, id, added.Value))).Error.ShouldBeNull();
        (await s.Queries.DetailAsync(Actor.Anonymous, s.Slug, id))!.WorkingGroup.Milestones.ShouldBeEmpty();
        (await s.AuditCountAsync("milestone.added")).ShouldBe(0, "the group's own changes are not facilitator actions");
    }

    [Fact]
    public async Task A_late_milestone_is_marked()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        (await s.Groups.AddMilestoneAsync(s.Members[0].User, new AddMilestone(s.Call.Id, id, "Atelier de lancement", Today.AddDays(-1), s.Members[0].Id))).Error.ShouldBeNull();

        (await s.Queries.DetailAsync(Actor.Anonymous, s.Slug, id))!.WorkingGroup.Milestones.Single().IsLate.ShouldBeTrue();
    }

    [Fact]
    public async Task Only_the_group_and_facilitators_manage_milestones_and_owners_belong_to_the_group()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var milestone = new AddMilestone(s.Call.Id, id, "Prototype", Today.AddDays(20), s.Members[0].Id);

        (await s.Groups.AddMilestoneAsync(s.Members[1].User, milestone)).Error!.Code.ShouldBe(ErrorCodes.Forbidden, "not in the group yet");
        (await s.Groups.AddMilestoneAsync(s.Outsider.User, milestone)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Groups.AddMilestoneAsync(Actor.Anonymous, milestone)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Groups.AddMilestoneAsync(s.Members[0].User, milestone with { OwnerOrganisationId = s.Members[2].Id })).Error!.Code.ShouldBe(ErrorCodes.NotInWorkingGroup);
        (await s.Groups.AddMilestoneAsync(s.Members[0].User, milestone with { Title = " " })).Error!.Fields!.Keys.ShouldBe(["Title"]);
        (await s.Groups.AddMilestoneAsync(s.Members[0].User, milestone with { DueOn = default })).Error!.Fields!.Keys.ShouldBe(["DueOn"]);
        (await s.Queries.DetailAsync(s.Facilitator, s.Slug, id))!.WorkingGroup.Milestones.ShouldBeEmpty();

        (await s.Groups.AddMilestoneAsync(s.Facilitator, milestone)).Error.ShouldBeNull();
        (await s.AuditCountAsync("milestone.added")).ShouldBe(1);
    }

    [Fact]
    public async Task Updating_or_deleting_an_unknown_milestone_is_not_found()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        (await s.Groups.UpdateMilestoneAsync(s.Members[0].User, new UpdateMilestone(s.Call.Id, id, Guid.NewGuid(), "X", Today, s.Members[0].Id, false))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Groups.DeleteMilestoneAsync(s.Members[0].User, new DeleteMilestone(s.Call.Id, id, Guid.NewGuid()))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    // Meetings

    [Fact]
    public async Task Meetings_give_the_next_date_and_the_cadence_warning()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        foreach (var day in new[] { -30, 0, 4 })
        {
            (await s.Groups.AddMeetingAsync(s.Members[0].User, new AddMeeting(s.Call.Id, id, Today.AddDays(day), "Point d'étape"))).Error.ShouldBeNull();
        }

        var group = (await s.Queries.DetailAsync(Actor.Anonymous, s.Slug, id))!.WorkingGroup;

        group.Meetings.Count.ShouldBe(3);
        group.Cadence.Next.ShouldBe(Today);
        group.Cadence.Past.ShouldBe([Today.AddDays(-30)]);
        group.Cadence.Warnings.ShouldHaveSingleItem().ShouldBe(new CadenceWarning(CadenceWarningKind.TooClose, Today, Today.AddDays(4), 4));
    }

    [Fact]
    public async Task A_second_meeting_on_the_same_day_is_refused_and_meetings_can_be_removed()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var first = await s.Groups.AddMeetingAsync(s.Members[0].User, new AddMeeting(s.Call.Id, id, Today.AddDays(7), null));

        var again = await s.Groups.AddMeetingAsync(s.Members[0].User, new AddMeeting(s.Call.Id, id, Today.AddDays(7), "Doublon"));

        again.Error!.Fields!.Keys.ShouldBe(["On"]);
        (await s.Groups.DeleteMeetingAsync(s.Outsider.User, new DeleteMeeting(s.Call.Id, id, first.Value))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Groups.DeleteMeetingAsync(s.Members[0].User, new DeleteMeeting(s.Call.Id, id, first.Value))).Error.ShouldBeNull();
        (await s.Queries.DetailAsync(Actor.Anonymous, s.Slug, id))!.WorkingGroup.Meetings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Meetings_are_refused_to_organisations_outside_the_group()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        (await s.Groups.AddMeetingAsync(s.Members[2].User, new AddMeeting(s.Call.Id, id, Today, null))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Groups.AddMeetingAsync(s.Members[0].User, new AddMeeting(s.Call.Id, id, default, null))).Error!.Fields!.Keys.ShouldBe(["On"]);

        (await s.Queries.DetailAsync(s.Facilitator, s.Slug, id))!.WorkingGroup.Meetings.ShouldBeEmpty();
    }

    // Map

    [Fact]
    public async Task The_map_shows_a_commons_wanted_by_two_and_produced_by_none()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var registre = await s.ProposeAsync(s.Members[0], "Registre");
        var aires = await s.ProposeAsync(s.Members[0], "Base des aires");
        (await s.Positionings.SetAsync(s.Members[0].User, new SetPositioning(s.Call.Id, registre, null, [PositioningKind.Produces], null, null))).Error.ShouldBeNull();
        (await s.Positionings.SetAsync(s.Members[1].User, new SetPositioning(s.Call.Id, aires, null, [PositioningKind.Wants], "Recenser nos aires", null))).Error.ShouldBeNull();
        (await s.Positionings.SetAsync(s.Funder.User, new SetPositioning(s.Call.Id, aires, null, [PositioningKind.Wants], null, null))).Error.ShouldBeNull();

        var map = await Map.MapAsync(Actor.Anonymous, s.Slug);

        map!.Commons.Select(c => c.Commons.Name).ShouldBe(["Base des aires", "Registre"]);
        map.WantedButNotProduced.ShouldHaveSingleItem().Commons.Id.ShouldBe(aires);
        map.Organisations.Select(o => o.Id).ShouldBe([s.Funder.Id, .. s.Members.Select(m => m.Id)], ignoreOrder: true);
        map.Cells.Count.ShouldBe(3);

        (await s.Positionings.SetAsync(s.Members[2].User, new SetPositioning(s.Call.Id, aires, null, [PositioningKind.Produces], null, null))).Error.ShouldBeNull();
        (await Map.MapAsync(Actor.Anonymous, s.Slug))!.WantedButNotProduced.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_map_of_a_members_only_call_is_hidden_from_outsiders()
    {
        var s = await CommonsScenario.CreateAsync(app, visibility: Domain.Calls.CallVisibility.MembersOnly);

        (await Map.MapAsync(s.Outsider.User, s.Slug)).ShouldBeNull();
        (await Map.MapAsync(s.Members[0].User, s.Slug)).ShouldNotBeNull();
    }
}
