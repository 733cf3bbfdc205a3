using Bunit;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Components.Pages.Budgeting;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Components;

/// <summary>
/// The co-funding page tells a member the match a gift would bring while the amount is typed, before it is given:
/// exactly under proportional matching, as an estimate under quadratic matching. bunit on the real services.
/// </summary>
public sealed class MatchPreviewTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public MatchPreviewTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    private static string Euros(long cents) => Money.Format(cents, "EUR");

    /// <summary>Members with 500 € each, a matching pool of 1 000 €, the round open; the page as the third member sees it.</summary>
    private async Task<(BudgetScenario S, IRenderedComponent<FundingPage> Page)> OpenAsync(BudgetRules rules, bool secondMemberGives = false)
    {
        var s = await BudgetScenario.CreateAsync(_app, memberCount: 3, pool: 150_000, rules, (10_000, 500_000));
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, 100_000, IsMatching: true))).Error.ShouldBeNull();
        await s.OpenRoundAsync();
        if (secondMemberGives)
        {
            (await s.ContributeAsync(s.Members[1], s.Commons[0], 10_000)).Error.ShouldBeNull();
        }

        var page = Render<FundingPage>(p => p.Add(x => x.Slug, s.Call.Slug).AddCascadingValue(StateOf(s.Members[2].User)));
        page.WaitForElement($"#give-{s.Commons[0].Id}");
        return (s, page);
    }

    [Fact]
    public async Task A_member_sees_the_proportional_match_of_a_gift_before_giving_it()
    {
        var rules = BudgetRules.Default with { MatchingMode = MatchingMode.Proportional, MatchRatioPerMille = 1_000, MatchCapPerCommons = 15_000 };
        var (s, page) = await OpenAsync(rules);
        var id = s.Commons[0].Id;

        page.Find("[data-testid=matching-summary]").TextContent.ShouldContain("Abondement proportionnel");
        page.Find($"#give-{id}").Input("100");

        page.WaitForAssertion(() => page.Find("[data-testid=match-preview]").TextContent.ShouldBe($"Votre don de {Euros(10_000)} apportera {Euros(10_000)} d'abondement."));
        (await s.BudgetOfAsync(s.Members[2])).Contributed.ShouldBe(0, "a preview gives nothing");

        // Above the cap of 150 €, the preview says what the cap leaves.
        page.Find($"#give-{id}").Input("200");
        page.WaitForAssertion(() => page.Find("[data-testid=match-preview]").TextContent.ShouldBe($"Votre don de {Euros(20_000)} apportera {Euros(15_000)} d'abondement."));

        page.Find("[data-testid=give-submit]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=give-confirmation]").TextContent.ShouldStartWith("Contribution enregistrée"));
        page.WaitForAssertion(() => page.Find($"[data-commons='{id}']").TextContent.ShouldContain($"Abondement : {Euros(15_000)}"));
        (await s.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Under_quadratic_matching_the_preview_is_an_estimate_of_the_change_of_the_commons_match()
    {
        // One member gives 100 €: S = 0. A second gift of 100 € makes S = (10 + 10)^2 - 200 = 200 €, but the pool holds 1 000 €
        // and the commons' room is far larger: the estimate is 200 €.
        var (s, page) = await OpenAsync(BudgetRules.Default, secondMemberGives: true);

        page.Find($"#give-{s.Commons[0].Id}").Input("100");

        page.WaitForAssertion(() => page.Find("[data-testid=match-preview]").TextContent
            .ShouldBe($"Estimation : si le tour se fermait maintenant, votre don de {Euros(10_000)} ferait varier l'abondement de ce commun de {Euros(20_000)}."));
    }
}
