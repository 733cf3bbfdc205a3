using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Commons;

/// <summary>Proposing and editing commons through the service, on PostgreSQL: the happy paths and every refusal.</summary>
public sealed class CommonsServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<int> CommonsInAsync(CommonsScenario s)
    {
        await using var db = await new TestData(app).DbAsync();
        return await db.Commons.CountAsync(c => c.CallId == s.Call.Id);
    }

    // Proposing

    [Fact]
    public async Task A_member_proposes_a_commons_with_its_budget_challenges_and_co_creators()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var proposal = s.AProposal(s.Members[0]) with { Description = CommonsScenario.ADescription() with { Licence = "apache-2.0" }, CoCreatorIds = [s.Members[1].Id] };

        var result = await s.Commons.ProposeAsync(s.Members[0].User, proposal);

        result.Error.ShouldBeNull();
        var commons = await s.LoadAsync(result.Value);
        commons.Status.ShouldBe(CommonsStatus.Proposed);
        commons.Licence.ShouldBe("Apache-2.0");
        commons.MinimumGoal.ShouldBe(1_000_000);
        commons.MaximumGoal.ShouldBe(2_000_000);
        commons.LookingFor.ShouldBe(CommonsNeeds.Funding | CommonsNeeds.Contributors);
        commons.SkillsWanted.ShouldBe("API, animation");
        commons.Challenges.Select(c => c.ChallengeId).ShouldBe([s.PublishedChallenge]);
        commons.CoCreators.Select(c => c.OrganisationId).ShouldBe([s.Members[0].Id, s.Members[1].Id], ignoreOrder: true);

        var detail = await s.Queries.DetailAsync(s.Members[0].User, s.Slug, result.Value);
        detail!.ProposedBy.Id.ShouldBe(s.Members[0].Id);
        detail.Challenges.ShouldHaveSingleItem().Question.ShouldBe("Comment prouver qu'un covoiturage a eu lieu ?");
        detail.BudgetLines.Select(l => l.Description).ShouldBe(["Développement", "Animation"]);
        detail.You.CanEdit.ShouldBeTrue();
        detail.You.CanEditBudget.ShouldBeTrue();
        detail.Funding.ShouldBeNull("no money before the budget round");
    }

    [Theory]
    [InlineData(CallPhase.Challenges)]
    [InlineData(CallPhase.Framing)]
    public async Task Proposing_before_phase_commons_is_refused(CallPhase phase)
    {
        var s = await CommonsScenario.CreateAsync(app, phase);

        var result = await s.Commons.ProposeAsync(s.Members[0].User, s.AProposal(s.Members[0]));

        result.Error!.Code.ShouldBe(ErrorCodes.CommonsPhaseClosed);
        (await CommonsInAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task Proposing_once_the_budget_round_is_open_is_refused()
    {
        var s = await CommonsScenario.CreateAsync(app);
        await s.OpenBudgetingAsync(await s.ProposeAsync(s.Members[0]));

        var result = await s.Commons.ProposeAsync(s.Members[1].User, s.AProposal(s.Members[1], "Trop tard"));

        result.Error!.Code.ShouldBe(ErrorCodes.CommonsPhaseClosed);
        (await CommonsInAsync(s)).ShouldBe(1);
    }

    [Fact]
    public async Task Only_a_joined_members_representative_proposes_on_its_behalf()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var attempts = new (Actor Actor, Guid Organisation)[]
        {
            (s.Members[1].User, s.Members[0].Id),   // another member's organisation
            (s.Funder.User, s.Funder.Id),           // a funder is not a member
            (s.Invited.User, s.Invited.Id),         // invited, not joined
            (s.Outsider.User, s.Outsider.Id),       // not in the call
            (s.Facilitator, s.Members[0].Id),       // facilitators do not propose for members
            (Actor.Anonymous, s.Members[0].Id),
        };

        foreach (var (actor, organisation) in attempts)
        {
            var result = await s.Commons.ProposeAsync(actor, s.AProposal(s.Members[0]) with { OrganisationId = organisation });
            result.Error!.Code.ShouldBe(ErrorCodes.Forbidden, $"{actor.UserId} for {organisation}");
        }

        (await CommonsInAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task A_members_only_call_is_not_found_for_outsiders()
    {
        var s = await CommonsScenario.CreateAsync(app, visibility: CallVisibility.MembersOnly);

        var result = await s.Commons.ProposeAsync(s.Outsider.User, s.AProposal(s.Outsider));

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Queries.ListAsync(s.Outsider.User, s.Slug)).ShouldBeNull();
        (await s.Queries.ListAsync(s.Members[0].User, s.Slug)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_closed_licence_is_refused_on_its_field()
    {
        var s = await CommonsScenario.CreateAsync(app);

        var result = await s.Commons.ProposeAsync(s.Members[0].User, s.AProposal(s.Members[0]) with { Description = CommonsScenario.ADescription() with { Licence = "CC-BY-NC-4.0" } });

        result.Error!.Code.ShouldBe(ErrorCodes.Validation);
        result.Error.Fields!.Keys.ShouldBe(["Licence"]);
        (await CommonsInAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task Broken_budget_lines_are_refused_on_their_fields()
    {
        var s = await CommonsScenario.CreateAsync(app);

        var result = await s.Commons.ProposeAsync(s.Members[0].User, s.AProposal(s.Members[0]) with
        {
            BudgetLines = [new BudgetLine("Développement", 1_000, 500), new BudgetLine("", 0, 100)],
        });

        result.Error!.Code.ShouldBe(ErrorCodes.Validation);
        result.Error.Fields!.Keys.ShouldBe(["BudgetLines[0].Maximum", "BudgetLines[1].Description", "BudgetLines[1].Minimum"], ignoreOrder: true);
        (await CommonsInAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task Only_published_challenges_of_the_same_call_can_be_linked()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var other = await CommonsScenario.CreateAsync(app);

        foreach (var challenge in new[] { s.DraftChallenge, other.PublishedChallenge, Guid.NewGuid() })
        {
            var result = await s.Commons.ProposeAsync(s.Members[0].User, s.AProposal(s.Members[0]) with { ChallengeIds = [s.PublishedChallenge, challenge] });
            result.Error!.Code.ShouldBe(ErrorCodes.UnknownChallenge);
        }

        (await CommonsInAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task Co_creators_must_be_joined_members_of_the_call()
    {
        var s = await CommonsScenario.CreateAsync(app);

        foreach (var organisation in new[] { s.Invited.Id, s.Funder.Id, s.Outsider.Id })
        {
            var result = await s.Commons.ProposeAsync(s.Members[0].User, s.AProposal(s.Members[0]) with { CoCreatorIds = [organisation] });
            result.Error!.Code.ShouldBe(ErrorCodes.UnknownOrganisation);
        }

        (await CommonsInAsync(s)).ShouldBe(0);
    }

    // Editing

    [Fact]
    public async Task Co_creators_edit_their_proposal_and_others_may_not()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        (await s.Commons.AddCoCreatorAsync(s.Members[0].User, new AddCoCreator(s.Call.Id, id, s.Members[1].Id))).Error.ShouldBeNull();

        (await s.Commons.EditAsync(s.Members[1].User, Edit(s, id, "Registre v2"))).Error.ShouldBeNull();
        (await s.LoadAsync(id)).Title.ShouldBe("Registre v2");

        foreach (var actor in new[] { s.Members[2].User, s.Funder.User, s.Outsider.User, Actor.Anonymous })
        {
            (await s.Commons.EditAsync(actor, Edit(s, id, "Piraté"))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        }

        (await s.LoadAsync(id)).Title.ShouldBe("Registre v2");
        (await s.AuditCountAsync("commons.edited")).ShouldBe(0, "members' own edits are not facilitator actions");
    }

    [Fact]
    public async Task Once_approved_only_facilitators_edit_and_their_edits_are_audited()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var review = app.Services.GetRequiredService<CommonsReviewService>();
        (await review.ApproveAsync(s.Facilitator, new ApproveCommons(s.Call.Id, id))).Error.ShouldBeNull();

        (await s.Commons.EditAsync(s.Members[0].User, Edit(s, id, "Changé après coup"))).Error!.Code.ShouldBe(ErrorCodes.CommonsLocked);
        (await s.Commons.SetBudgetLinesAsync(s.Members[0].User, new SetCommonsBudget(s.Call.Id, id, [new BudgetLine("Tout", 1, 2)]))).Error!.Code.ShouldBe(ErrorCodes.CommonsLocked);
        (await s.LoadAsync(id)).Title.ShouldBe("Registre de preuve de covoiturage");

        (await s.Commons.EditAsync(s.Facilitator, Edit(s, id, "Registre (corrigé)"))).Error.ShouldBeNull();
        (await s.LoadAsync(id)).Title.ShouldBe("Registre (corrigé)");
        (await s.AuditCountAsync("commons.edited")).ShouldBe(1);
        (await s.Queries.DetailAsync(s.Members[0].User, s.Slug, id))!.You.CanEdit.ShouldBeFalse();
    }

    [Fact]
    public async Task A_commons_sent_back_is_editable_by_its_co_creators_again()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var review = app.Services.GetRequiredService<CommonsReviewService>();
        (await review.ApproveAsync(s.Facilitator, new ApproveCommons(s.Call.Id, id))).Error.ShouldBeNull();
        (await review.SendBackAsync(s.Facilitator, new SendBackCommons(s.Call.Id, id, "Précisez la gouvernance."))).Error.ShouldBeNull();

        (await s.Commons.EditAsync(s.Members[0].User, Edit(s, id, "Registre, gouvernance précisée"))).Error.ShouldBeNull();

        var detail = await s.Queries.DetailAsync(s.Members[0].User, s.Slug, id);
        detail!.ReviewComment.ShouldBe("Précisez la gouvernance.");
        detail.Title.ShouldBe("Registre, gouvernance précisée");
    }

    [Fact]
    public async Task Co_creators_cannot_edit_once_the_call_left_phase_commons()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        var other = await s.ProposeAsync(s.Members[1], "Autre commun");
        await s.OpenBudgetingAsync(other);

        (await s.Commons.EditAsync(s.Members[0].User, Edit(s, id, "Trop tard"))).Error!.Code.ShouldBe(ErrorCodes.CommonsPhaseClosed);
        (await s.LoadAsync(id)).Title.ShouldBe("Registre de preuve de covoiturage");
    }

    [Fact]
    public async Task An_edit_with_a_closed_licence_changes_nothing()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        var result = await s.Commons.EditAsync(s.Members[0].User, Edit(s, id, "Nouveau titre") with { Description = CommonsScenario.ADescription("Nouveau titre") with { Licence = "Proprietary" } });

        result.Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await s.LoadAsync(id)).Title.ShouldBe("Registre de preuve de covoiturage");
    }

    [Fact]
    public async Task Editing_an_unknown_commons_is_not_found()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var other = await CommonsScenario.CreateAsync(app);
        var elsewhere = await other.ProposeAsync(other.Members[0]);

        (await s.Commons.EditAsync(s.Facilitator, Edit(s, Guid.NewGuid(), "X"))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Commons.EditAsync(s.Facilitator, Edit(s, elsewhere, "X"))).Error!.Code.ShouldBe(ErrorCodes.NotFound, "a commons of another call");
    }

    // Budget lines

    [Fact]
    public async Task Co_creators_replace_the_budget_lines_and_the_goals_follow()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        var result = await s.Commons.SetBudgetLinesAsync(s.Members[0].User, new SetCommonsBudget(s.Call.Id, id, [new BudgetLine("Prototype", 400_000, 700_000)]));

        result.Error.ShouldBeNull();
        var commons = await s.LoadAsync(id);
        commons.MinimumGoal.ShouldBe(400_000);
        commons.MaximumGoal.ShouldBe(700_000);
    }

    [Fact]
    public async Task Invalid_budget_lines_change_nothing()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        var empty = await s.Commons.SetBudgetLinesAsync(s.Members[0].User, new SetCommonsBudget(s.Call.Id, id, []));
        var tooLarge = await s.Commons.SetBudgetLinesAsync(s.Members[0].User,
            new SetCommonsBudget(s.Call.Id, id, [new BudgetLine("A", long.MaxValue, long.MaxValue), new BudgetLine("B", 1, 1)]));

        empty.Error!.Fields!.Keys.ShouldBe(["BudgetLines"]);
        tooLarge.Error!.Fields!.Keys.ShouldBe(["BudgetLines[0].Maximum"]);
        (await s.LoadAsync(id)).MaximumGoal.ShouldBe(2_000_000);
    }

    [Fact]
    public async Task Budget_lines_are_locked_for_everyone_once_the_round_opens()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);
        await s.OpenBudgetingAsync(id);

        var result = await s.Commons.SetBudgetLinesAsync(s.Facilitator, new SetCommonsBudget(s.Call.Id, id, [new BudgetLine("Moins", 1, 2)]));

        result.Error!.Code.ShouldBe(ErrorCodes.BudgetLinesLocked);
        (await s.LoadAsync(id)).MaximumGoal.ShouldBe(2_000_000);
        var detail = await s.Queries.DetailAsync(s.Facilitator, s.Slug, id);
        detail!.Funding.ShouldNotBeNull().Total.ShouldBe(0);
        detail.You.CanEdit.ShouldBeTrue();
        detail.You.CanEditBudget.ShouldBeFalse();
    }

    // Challenge links and co-creators

    [Fact]
    public async Task Challenge_links_are_replaced_and_a_draft_challenge_is_refused()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        (await s.Commons.LinkChallengesAsync(s.Members[0].User, new LinkCommonsChallenges(s.Call.Id, id, [s.DraftChallenge]))).Error!.Code.ShouldBe(ErrorCodes.UnknownChallenge);
        (await s.LoadAsync(id)).Challenges.ShouldHaveSingleItem();

        (await s.Commons.LinkChallengesAsync(s.Members[0].User, new LinkCommonsChallenges(s.Call.Id, id, []))).Error.ShouldBeNull();
        (await s.LoadAsync(id)).Challenges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Co_creators_are_added_and_removed_but_the_proposer_stays()
    {
        var s = await CommonsScenario.CreateAsync(app);
        var id = await s.ProposeAsync(s.Members[0]);

        (await s.Commons.AddCoCreatorAsync(s.Members[0].User, new AddCoCreator(s.Call.Id, id, s.Members[2].Id))).Error.ShouldBeNull();
        (await s.Commons.AddCoCreatorAsync(s.Members[0].User, new AddCoCreator(s.Call.Id, id, s.Outsider.Id))).Error!.Code.ShouldBe(ErrorCodes.UnknownOrganisation);
        (await s.Commons.AddCoCreatorAsync(s.Members[1].User, new AddCoCreator(s.Call.Id, id, s.Members[1].Id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Commons.RemoveCoCreatorAsync(s.Members[2].User, new RemoveCoCreator(s.Call.Id, id, s.Members[0].Id))).Error!.Code.ShouldBe(ErrorCodes.CannotRemoveProposer);
        (await s.LoadAsync(id)).CoCreators.Select(c => c.OrganisationId).ShouldBe([s.Members[0].Id, s.Members[2].Id], ignoreOrder: true);

        (await s.Commons.RemoveCoCreatorAsync(s.Members[0].User, new RemoveCoCreator(s.Call.Id, id, s.Members[2].Id))).Error.ShouldBeNull();
        (await s.LoadAsync(id)).CoCreators.ShouldHaveSingleItem().OrganisationId.ShouldBe(s.Members[0].Id);
    }

    // Reading

    [Fact]
    public async Task The_list_shows_every_commons_with_its_group_and_who_may_propose()
    {
        var s = await CommonsScenario.CreateAsync(app);
        await s.ProposeAsync(s.Members[0], "B commun");
        await s.ProposeAsync(s.Members[1], "A commun");

        var asMember = await s.Queries.ListAsync(s.Members[2].User, s.Slug);
        var asVisitor = await s.Queries.ListAsync(Actor.Anonymous, s.Slug);

        asMember!.CanPropose.ShouldBeTrue();
        asMember.Commons.Select(c => c.Title).ShouldBe(["A commun", "B commun"]);
        asMember.Commons[0].GroupSize.ShouldBe(1);
        asMember.Commons[0].Challenges.ShouldBe(1);
        asVisitor!.CanPropose.ShouldBeFalse();
        asVisitor.Commons.Count.ShouldBe(2);
        (await s.Queries.ProposalOptionsAsync(Actor.Anonymous, s.Slug))!.RefusalCode.ShouldBe(ErrorCodes.Forbidden);
        var options = await s.Queries.ProposalOptionsAsync(s.Members[0].User, s.Slug);
        options!.RefusalCode.ShouldBeNull();
        options.ProposeAs.ShouldHaveSingleItem().Id.ShouldBe(s.Members[0].Id);
        options.Challenges.ShouldHaveSingleItem().Id.ShouldBe(s.PublishedChallenge);
        options.Members.Count.ShouldBe(3);
    }

    private static EditCommons Edit(CommonsScenario s, Guid id, string title)
    {
        return new EditCommons(s.Call.Id, id, s.AProposal(s.Members[0], title).Description);
    }
}
