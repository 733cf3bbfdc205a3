using Bunit;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Components.Pages.Reports;
using CommonsCall.Web.Components.Shared;
using CommonsCall.Web.Features.Access;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The reports page, rendered by bunit on the real services and a seeded call.</summary>
public sealed class ReportsPageTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public ReportsPageTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    private IRenderedComponent<ReportsPage> RenderFor(Actor user, string slug) =>
        Render<ReportsPage>(p => p.Add(x => x.Slug, slug).AddCascadingValue(StateOf(user)));

    [Fact]
    public async Task A_member_reads_who_pays_uses_and_benefits_and_the_ranked_table_with_its_rule()
    {
        var s = await ReportScenario.CreateAsync(_app);
        var cut = RenderFor(s.M[5].User, s.Slug);
        cut.WaitForElement("[data-testid=ranking]");

        cut.Find("[data-testid=ranking-rule]").TextContent.ShouldStartWith("Règle du classement : un point par déclaration d'engagement");
        cut.FindAll("[data-testid=reports-hidden]").ShouldBeEmpty();

        var registre = cut.FindAll("[data-testid=stakeholders]").Single(c => c.GetAttribute("data-commons") == s.C[0].Id.ToString());
        registre.QuerySelector("[data-testid=who-pays]")!.TextContent.ShouldContain("Les collectivités");
        registre.QuerySelector("[data-testid=funders]")!.TextContent.ShouldContain(s.M[1].Organisation.Name);
        registre.QuerySelector("[data-testid=who-uses]")!.TextContent.ShouldContain("Les opérateurs de covoiturage");
        registre.QuerySelector("[data-testid=wanters]")!.TextContent.ShouldContain(s.M[2].Organisation.Name);
        registre.QuerySelectorAll("[data-testid=who-benefits] [data-testid=statement]").Length.ShouldBe(2);
        registre.QuerySelector("[data-testid=producers]")!.TextContent.Trim().ShouldBe(s.M[0].Organisation.Name);
        var velo = cut.FindAll("[data-testid=stakeholders]").Single(c => c.GetAttribute("data-commons") == s.C[4].Id.ToString());
        velo.QuerySelector("[data-testid=who-benefits]")!.TextContent.Trim().ShouldBe("Non renseigné", "it answers no challenge");
        velo.QuerySelector("[data-testid=funders]")!.TextContent.ShouldContain(s.M[6].Organisation.Name);

        var rows = cut.FindAll("[data-testid=ranking-row]");
        rows.Select(r => r.GetAttribute("data-organisation")).ShouldBe(
            new[] { s.M[1], s.M[2], s.M[0], s.M[4], s.M[3], s.M[5], s.M[6], s.M[7] }.Select(m => m.Id.ToString()).Append(s.Budget.Funder.Id.ToString()));
        rows.Select(r => r.QuerySelector("[data-testid=rank]")!.TextContent).ShouldBe(["1", "1", "3", "4", "5", "6", "7", "8", "9"]);
        rows[0].QuerySelector("[data-testid=score]")!.TextContent.ShouldBe("7");
        rows[0].QuerySelector("[data-testid=amount]")!.TextContent.Trim().ShouldBe(Money.Format(50_000, "EUR"));
        rows[0].QuerySelector("[data-testid=amount]")!.TextContent.Trim().ShouldStartWith("500,00", Case.Sensitive, "in French, in the call's currency");
        rows[0].QuerySelector("[data-testid=amount]")!.TextContent.Trim().ShouldEndWith("€");
    }

    [Fact]
    public async Task Under_hidden_visibility_a_member_sees_only_its_own_amounts_and_is_told_why()
    {
        var s = await ReportScenario.CreateAsync(_app, BudgetRules.Default with { ContributionsVisibility = ContributionsVisibility.Hidden });
        var viewer = s.M[3];
        var cut = RenderFor(viewer.User, s.Slug);
        cut.WaitForElement("[data-testid=ranking]");

        cut.Find("[data-testid=reports-hidden]").TextContent.ShouldContain("masque les contributions des autres organisations");
        foreach (var row in cut.FindAll("[data-testid=ranking-row]"))
        {
            var amount = row.QuerySelector("[data-testid=amount]")!.TextContent.Trim();
            var funded = row.QuerySelector("[data-testid=commons-funded]")!.TextContent.Trim();
            if (row.GetAttribute("data-organisation") == viewer.Id.ToString())
            {
                (amount, funded).ShouldBe((Money.Format(50_000, "EUR"), "2"));
            }
            else
            {
                (amount, funded).ShouldBe(("masqué", "masqué"));
            }
        }

        cut.FindAll("[data-testid=funders]").Select(f => f.TextContent).ShouldAllBe(t => t.Contains(viewer.Organisation.Name) && !t.Contains(','));
        cut.Markup.ShouldNotContain(Money.Format(60_000, "EUR"), customMessage: "M5's 600 € stays hidden");
    }

    [Fact]
    public async Task An_organisation_outside_the_call_is_told_the_reports_are_for_its_participants()
    {
        var s = await ReportScenario.CreateAsync(_app);
        var data = new TestData(_app);
        var outsider = await data.UserAsync(organisation: (await data.OrganisationAsync()).Id);

        var cut = RenderFor(outsider, s.Slug);
        cut.WaitForElement("[data-testid=reports-restricted]").TextContent.ShouldContain("réservés aux animateurs et aux organisations qui participent");
        cut.FindAll("[data-testid=ranking]").ShouldBeEmpty();
    }

    [Fact]
    public void The_call_navigation_offers_the_reports_to_participants_and_facilitators_only()
    {
        CallAccess Access(bool facilitator = false, bool member = false, bool funder = false) => new(
            Actor.Anonymous, facilitator,
            member ? new HashSet<Guid> { Guid.NewGuid() } : [],
            funder ? new HashSet<Guid> { Guid.NewGuid() } : [],
            new HashSet<Guid>(),
            CallIsPublic: true);
        bool Offers(CallAccess? access) =>
            Render<CallNav>(p => p.Add(x => x.Slug, "appel").Add(x => x.Phase, Domain.Calls.CallPhase.Budgeting).Add(x => x.Access, access))
                .FindAll("[data-testid=nav-reports]").Count == 1;

        Offers(Access(facilitator: true)).ShouldBeTrue();
        Offers(Access(member: true)).ShouldBeTrue();
        Offers(Access(funder: true)).ShouldBeTrue();
        Offers(Access()).ShouldBeFalse();
        Offers(null).ShouldBeFalse();
    }
}
