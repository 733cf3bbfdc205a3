using Bunit;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Components.Pages.Budgeting;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Components;

/// <summary>
/// The co-funding page as a member's circuit renders it, on the real services: it follows the call's shared snapshot
/// (issue 17), and what the circuit receives is the markup rendered here.
/// </summary>
public sealed class FundingPageLiveTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly AppFactory _app;

    public FundingPageLiveTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    [Fact]
    public async Task Under_Hidden_a_member_circuit_never_receives_another_organisation_amounts_even_live()
    {
        var s = await BudgetScenario.CreateAsync(_app, 3, 600_000, BudgetRules.Default with { ContributionsVisibility = ContributionsVisibility.Hidden }, (10_000, 500_000));
        await s.OpenRoundAsync();
        var viewer = s.Members[1];
        var other = s.Members[2];
        (await s.ContributeAsync(other, s.Commons[0], 55_501)).Error.ShouldBeNull();
        var page = Render<FundingPage>(p => p.Add(x => x.Slug, s.Call.Slug).AddCascadingValue(StateOf(viewer.User)));
        page.WaitForElement("[data-testid=commons-card]");

        // While the page is open, the other organisation gives more, then the viewer gives, twice each: the first
        // round builds the call's snapshot, the second patches the page from it. The page shows the viewer's own gift,
        // and nothing of the other organisation's, nor the commons' total.
        (await s.ContributeAsync(other, s.Commons[0], 76_543)).Error.ShouldBeNull();
        (await s.ContributeAsync(viewer, s.Commons[0], 12_300)).Error.ShouldBeNull();
        page.WaitForAssertion(() => page.Find("details.contributors").TextContent.ShouldContain("123,00"), Patience);
        (await s.ContributeAsync(other, s.Commons[0], 80_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(viewer, s.Commons[0], 15_000)).Error.ShouldBeNull();
        page.WaitForAssertion(() => page.Find("details.contributors").TextContent.ShouldContain("150,00"), Patience);

        var markup = page.Markup;
        page.Find("details.contributors").TextContent.ShouldContain(viewer.Organisation.Name);
        markup.ShouldNotContain(other.Organisation.Name);
        foreach (var amount in new[] { "555,01", "765,43", "888,43", "800,00", "950,00" })
        {
            markup.ShouldNotContain(amount);
        }

        page.Find("[data-testid=commons-total]").TextContent.ShouldNotContain("€");
    }
}
