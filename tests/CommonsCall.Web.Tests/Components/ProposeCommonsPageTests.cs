using System.Security.Claims;
using Bunit;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Components.Pages.Commons;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The commons proposal form on the real services and database: dynamic budget lines, live goals, errors by field.</summary>
public sealed class ProposeCommonsPageTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public ProposeCommonsPageTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    private IRenderedComponent<ProposeCommonsPage> RenderFor(Actor user, string slug) =>
        Render<ProposeCommonsPage>(p => p
            .Add(x => x.Slug, slug)
            .AddCascadingValue(Task.FromResult(new AuthenticationState(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.UserId!)], "test"))))));

    private static string Euros(long cents) => Money.Format(cents, "EUR");

    private async Task<List<Domain.Commons.Commons>> CommonsOfAsync(CommonsScenario s)
    {
        await using var db = await new TestData(_app).DbAsync();
        return await db.Commons.AsNoTracking().Include(c => c.Challenges).Include(c => c.CoCreators).AsSplitQuery().Where(c => c.CallId == s.Call.Id).ToListAsync();
    }

    [Fact]
    public async Task A_member_fills_the_form_with_two_budget_lines_sees_the_goals_live_and_proposes()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        var cut = RenderFor(s.Members[0].User, s.Slug);
        cut.WaitForAssertion(() => cut.Find("[data-testid=propose-as]").TextContent.ShouldContain(s.Members[0].Organisation.Name));

        cut.Find("#commons-title").Change("Base nationale des lieux de covoiturage");
        cut.Find("#commons-summary").Change("Jeu de données **ouvert** des aires de covoiturage.");
        cut.Find("#commons-kind").Change(nameof(CommonsKind.Data));
        cut.Find("#commons-licence").Change("ODbL-1.0");
        cut.Find("#commons-maturity").Change(nameof(CommonsMaturity.Emergence));
        cut.Find("#need-UseCases").Change(true);
        cut.Find("#need-Contributors").Change(true);
        cut.Find("#commons-skills").Change("Cartographie, OpenStreetMap");
        cut.Find($"#challenge-{s.PublishedChallenge}").Change(true);
        cut.Find($"#cocreator-{s.Members[1].Id}").Change(true);

        cut.Find("#line-0-description").Change("Collecte et consolidation");
        cut.Find("#line-0-minimum").Input("3000");
        cut.Find("#line-0-maximum").Input("6000");
        cut.WaitForAssertion(() => cut.Find("[data-testid=goal-min]").TextContent.ShouldBe(Euros(300_000)));
        cut.WaitForAssertion(() => cut.Find("[data-testid=goal-max]").TextContent.ShouldBe(Euros(600_000)));

        cut.Find("[data-testid=add-line]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=budget-line]").Count.ShouldBe(2));
        cut.Find("#line-1-description").Change("Outil de contribution");
        cut.Find("#line-1-minimum").Input("2000");
        cut.Find("#line-1-maximum").Input("4000.50");
        cut.WaitForAssertion(() => cut.Find("[data-testid=goal-min]").TextContent.ShouldBe(Euros(500_000)));
        cut.WaitForAssertion(() => cut.Find("[data-testid=goal-max]").TextContent.ShouldBe(Euros(1_000_050)));

        cut.Find("[data-testid=add-line]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=remove-line]").Count.ShouldBe(3));
        cut.FindAll("[data-testid=remove-line]")[2].Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=budget-line]").Count.ShouldBe(2));

        cut.Find("[data-testid=commons-submit]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => navigation.Uri.ShouldContain($"/calls/{s.Slug}/commons/"));
        var stored = (await CommonsOfAsync(s)).ShouldHaveSingleItem();
        navigation.Uri.ShouldEndWith(stored.Id.ToString());
        stored.Title.ShouldBe("Base nationale des lieux de covoiturage");
        stored.Kind.ShouldBe(CommonsKind.Data);
        stored.Licence.ShouldBe("ODbL-1.0");
        stored.Maturity.ShouldBe(CommonsMaturity.Emergence);
        stored.LookingFor.ShouldBe(CommonsNeeds.UseCases | CommonsNeeds.Contributors);
        stored.MinimumGoal.ShouldBe(500_000);
        stored.MaximumGoal.ShouldBe(1_000_050);
        stored.BudgetLines.Select(l => l.Description).ShouldBe(["Collecte et consolidation", "Outil de contribution"]);
        stored.Challenges.ShouldHaveSingleItem().ChallengeId.ShouldBe(s.PublishedChallenge);
        stored.CoCreators.Select(c => c.OrganisationId).ShouldBe([s.Members[0].Id, s.Members[1].Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Invalid_fields_are_shown_next_to_their_inputs_and_nothing_is_proposed()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        var cut = RenderFor(s.Members[0].User, s.Slug);
        cut.WaitForElement("#commons-title");

        cut.Find("#commons-title").Change("Vélo partagé");
        cut.Find("#line-0-description").Change("Prototype");
        cut.Find("#line-0-minimum").Input("700");
        cut.Find("#line-0-maximum").Input("400");
        cut.Find("[data-testid=commons-submit]").Click();

        cut.WaitForAssertion(() => cut.Find("#line-0-maximum-error").GetAttribute("role").ShouldBe("alert"));
        cut.Find("#commons-licence-error").GetAttribute("role").ShouldBe("alert");
        cut.Find("#commons-summary-error").GetAttribute("role").ShouldBe("alert");
        cut.Find("#line-0-maximum").GetAttribute("aria-describedby").ShouldBe("line-0-maximum-error");
        cut.Find("[data-testid=form-invalid]").TextContent.ShouldBe("Certains champs sont invalides.");
        (await CommonsOfAsync(s)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_amount_with_too_many_decimals_is_refused_on_its_field()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        var cut = RenderFor(s.Members[0].User, s.Slug);
        cut.WaitForElement("#commons-title");

        cut.Find("#line-0-minimum").Input("10.005");
        cut.Find("[data-testid=commons-submit]").Click();

        cut.WaitForAssertion(() => cut.Find("#line-0-minimum-error").TextContent.ShouldBe("Montant illisible : trop de décimales ou trop grand."));
        cut.Find("#line-0-maximum-error").TextContent.ShouldBe("Indiquez un montant.");
        (await CommonsOfAsync(s)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Outside_phase_commons_the_form_says_why_and_is_not_shown()
    {
        var s = await CommonsScenario.CreateAsync(_app, CallPhase.Challenges);
        var cut = RenderFor(s.Members[0].User, s.Slug);

        cut.WaitForAssertion(() => cut.Find("[data-testid=cannot-propose]").GetAttribute("data-code").ShouldBe("commons_phase_closed"));
        cut.FindAll("#commons-title").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_funder_is_told_that_only_members_propose()
    {
        var s = await CommonsScenario.CreateAsync(_app);
        var cut = RenderFor(s.Funder.User, s.Slug);

        cut.WaitForAssertion(() => cut.Find("[data-testid=cannot-propose]").TextContent.ShouldContain("Seules les organisations membres"));
        cut.FindAll("[data-testid=commons-submit]").ShouldBeEmpty();
    }
}
