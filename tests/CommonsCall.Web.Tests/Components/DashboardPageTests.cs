using Bunit;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Components.Pages.Dashboard;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Components;

/// <summary>
/// The dashboard page as a member's circuit renders it, on the real services: it follows the call's shared snapshot
/// (issue 17), and what the circuit receives is the markup rendered here.
/// </summary>
public sealed class DashboardPageTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;

    public DashboardPageTests(AppFactory app)
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
        var page = Render<DashboardPage>(p => p.Add(x => x.Slug, s.Call.Slug).AddCascadingValue(StateOf(viewer.User)));
        page.WaitForElement("[data-testid=dashboard-hidden]");

        // While the page is open, the other organisation gives more, then the viewer gives: the live update shows the
        // viewer's own gift, and nothing of the other organisation's, nor the commons' total.
        (await s.ContributeAsync(other, s.Commons[0], 76_543)).Error.ShouldBeNull();
        (await s.ContributeAsync(viewer, s.Commons[0], 12_300)).Error.ShouldBeNull();
        page.WaitForAssertion(() => page.Find("[data-testid=dashboard-organisation-contributed]").TextContent.ShouldContain("123,00"));

        var markup = page.Markup;
        page.FindAll("[data-testid=dashboard-organisation-row]").ShouldHaveSingleItem().TextContent.ShouldContain(viewer.Organisation.Name);
        markup.ShouldNotContain(other.Organisation.Name);
        foreach (var amount in new[] { "555,01", "765,43", "888,43" })
        {
            markup.ShouldNotContain(amount);
        }

        page.FindAll("[data-testid=dashboard-contributed]").ShouldBeEmpty();
        page.Find("[data-testid=dashboard-commons-total]").TextContent.ShouldNotContain("€");
    }
}
