using Bunit;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Components.Pages.Commons;
using CommonsCall.Web.Components.Pages.WorkingGroups;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.WorkingGroups;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The commons page (working group, positioning, milestones, meetings, review) and the call map, rendered by bunit on the real services.</summary>
public sealed class CommonsPagesTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public CommonsPagesTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    private IRenderedComponent<CommonsPage> RenderCommons(Actor user, CommonsScenario s, Guid id) =>
        Render<CommonsPage>(p => p.Add(x => x.Slug, s.Slug).Add(x => x.Id, id).AddCascadingValue(StateOf(user)));

    [Fact]
    public async Task A_member_positions_its_organisation_and_its_expectations_appear_in_the_group()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        var id = await s.ProposeAsync(s.Members[0]);
        var cut = RenderCommons(s.Members[1].User, s, id);
        cut.WaitForElement("[data-testid=positioning-form]");
        cut.FindAll("[data-testid=add-meeting]").ShouldBeEmpty("not in the group yet");

        cut.Find("#kind-Wants").Change(true);
        cut.Find("#kind-ContributesSkills").Change(true);
        cut.Find("#position-expectations").Change("Recenser nos aires sans ressaisie.");
        cut.Find("#position-availability").Change("2 jours par mois");
        cut.Find("[data-testid=save-positioning]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=commons-message]").TextContent.ShouldBe("Votre déclaration d'engagement est enregistrée."));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=group-member]").Count.ShouldBe(2));
        var card = cut.FindAll("[data-testid=group-member]").Single(c => c.GetAttribute("data-organisation") == s.Members[1].Id.ToString());
        card.TextContent.ShouldContain("Attend, utiliserait");
        card.TextContent.ShouldContain("Contribue en compétences");
        card.QuerySelector("[data-testid=member-expectations]")!.TextContent.ShouldBe("Recenser nos aires sans ressaisie.");
        cut.FindAll("[data-testid=add-meeting]").Count.ShouldBe(1, "now a member of the group");

        cut.Find("[data-testid=withdraw-positioning]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=group-member]").Count.ShouldBe(1));
    }

    [Fact]
    public async Task Saving_a_positioning_without_a_kind_says_so_next_to_the_kinds()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        var id = await s.ProposeAsync(s.Members[0]);
        var cut = RenderCommons(s.Members[1].User, s, id);
        cut.WaitForElement("[data-testid=save-positioning]").Click();

        cut.WaitForAssertion(() => cut.Find("#position-kinds-error").GetAttribute("role").ShouldBe("alert"));
        cut.FindAll("[data-testid=group-member]").Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_group_plans_meetings_sees_the_cadence_warning_and_keeps_milestones()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        var id = await s.ProposeAsync(s.Members[0]);
        var cut = RenderCommons(s.Members[0].User, s, id);
        cut.WaitForElement("[data-testid=meeting-form]");
        cut.Find("[data-testid=next-meeting]").TextContent.Trim().ShouldBe("Aucune réunion prévue : le groupe de travail se réunit au moins toutes les six semaines.");

        cut.Find("#meeting-on").Change(TestClock.IsoDay(9));
        cut.Find("#meeting-note").Change("Lancement");
        cut.Find("[data-testid=add-meeting]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=meeting]").Count.ShouldBe(1));
        cut.Find("[data-testid=next-meeting]").TextContent.ShouldContain(TestClock.Today.AddDays(9).ToString("d MMMM yyyy", new System.Globalization.CultureInfo("fr-FR")));
        cut.FindAll("[data-testid=cadence-warning]").ShouldBeEmpty();

        cut.Find("#meeting-on").Change(TestClock.IsoDay(12));
        cut.Find("[data-testid=add-meeting]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=cadence-warning]").TextContent.ShouldContain("seulement 3 jours d'écart"));

        cut.Find("#milestone-title").Change("Spécification v1");
        cut.Find("#milestone-due").Change(TestClock.IsoDay(54));
        cut.Find("[data-testid=add-milestone]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=milestone]").TextContent.ShouldContain("Spécification v1"));
        cut.Find("[data-testid=milestone]").TextContent.ShouldContain(s.Members[0].Organisation.Name);

        // Found and changed on the renderer's thread: the list may render again between a Find and a Change made from here.
        await cut.InvokeAsync(() => cut.Find("[data-testid=milestone] input[type=checkbox]").Change(true));
        cut.WaitForAssertion(() => cut.Find("[data-testid=milestone]").TextContent.ShouldContain("Fait"));
    }

    [Fact]
    public async Task A_visitor_reads_the_commons_without_any_form()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        var id = await s.ProposeAsync(s.Members[0]);
        var cut = RenderCommons(Actor.Anonymous, s, id);

        cut.WaitForAssertion(() => cut.Find("[data-testid=commons-title]").TextContent.ShouldBe("Registre de preuve de covoiturage"));
        cut.Find("[data-testid=commons-licence]").TextContent.ShouldBe("AGPL-3.0-only");
        cut.Find("[data-testid=commons-budget] [data-testid=goal-max]").TextContent.ShouldBe(CommonsCall.Web.Infrastructure.Money.Format(2_000_000, "EUR"));
        cut.Find("[data-testid=commons-challenges]").TextContent.ShouldContain("Comment prouver qu'un covoiturage a eu lieu ?");
        cut.FindAll("[data-testid=positioning-form]").ShouldBeEmpty();
        cut.FindAll("[data-testid=meeting-form]").ShouldBeEmpty();
        cut.FindAll("[data-testid=edit-commons]").ShouldBeEmpty();
        cut.FindAll("[data-testid=approve]").ShouldBeEmpty();
        cut.FindAll("[data-testid=commons-funding]").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_facilitator_sends_a_commons_back_then_approves_it_from_its_page()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        var id = await s.ProposeAsync(s.Members[0]);
        var cut = RenderCommons(s.Facilitator, s, id);
        cut.WaitForElement("[data-testid=send-back]");

        cut.Find("#review-comment").Change("Précisez la gouvernance.");
        cut.Find("[data-testid=send-back]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=review-comment]").TextContent.ShouldContain("Précisez la gouvernance."));

        cut.Find("[data-testid=approve]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=commons-status]").TextContent.ShouldBe("Retenu pour le cofinancement"));
        (await s.LoadAsync(id)).Status.ShouldBe(CommonsStatus.ApprovedForFunding);
    }

    [Fact]
    public async Task The_map_highlights_a_commons_wanted_by_two_and_produced_by_none()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        var wanted = await s.ProposeAsync(s.Members[0], "Base des aires");
        var produced = await s.ProposeAsync(s.Members[0], "Registre");
        await s.Positionings.SetAsync(s.Members[0].User, new SetPositioning(s.Call.Id, produced, null, [PositioningKind.Produces], null, null));
        await s.Positionings.SetAsync(s.Members[1].User, new SetPositioning(s.Call.Id, wanted, null, [PositioningKind.Wants], null, null));
        await s.Positionings.SetAsync(s.Members[2].User, new SetPositioning(s.Call.Id, wanted, null, [PositioningKind.Wants, PositioningKind.ContributesSkills], null, null));

        var cut = Render<CallMapPage>(p => p.Add(x => x.Slug, s.Slug).AddCascadingValue(StateOf(Actor.Anonymous)));

        cut.WaitForAssertion(() => cut.Find("[data-testid=unanswered]").TextContent.ShouldContain("Base des aires"));
        cut.Find("[data-testid=unanswered]").TextContent.ShouldNotContain("Registre");
        var headers = cut.FindAll("[data-testid=map-commons]");
        headers.Select(h => (h.TextContent.Trim(), h.GetAttribute("data-unanswered"))).ShouldBe([("Base des aires", "true"), ("Registre", "false")]);
        cut.FindAll("tbody tr").Count.ShouldBe(4, "the funder and the three members");
    }

    [Fact]
    public async Task The_list_offers_the_proposal_to_members_only()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        await s.ProposeAsync(s.Members[0]);

        var member = Render<CommonsListPage>(p => p.Add(x => x.Slug, s.Slug).AddCascadingValue(StateOf(s.Members[1].User)));
        member.WaitForAssertion(() => member.FindAll("[data-testid=commons-card]").Count.ShouldBe(1));
        member.Find("[data-testid=propose-commons]").GetAttribute("href").ShouldBe($"/calls/{s.Slug}/commons/new");

        var visitor = Render<CommonsListPage>(p => p.Add(x => x.Slug, s.Slug).AddCascadingValue(StateOf(Actor.Anonymous)));
        visitor.WaitForAssertion(() => visitor.FindAll("[data-testid=commons-card]").Count.ShouldBe(1));
        visitor.FindAll("[data-testid=propose-commons]").ShouldBeEmpty();
        visitor.Find("[data-testid=nav-commons]").GetAttribute("href").ShouldBe($"/calls/{s.Slug}/commons");
        visitor.Find("[data-testid=nav-map]").GetAttribute("href").ShouldBe($"/calls/{s.Slug}/map");
    }
}
