using Bunit;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Components.Pages.Dashboard;
using CommonsCall.Web.Components.Shared;
using CommonsCall.Web.Features.Dashboard;

namespace CommonsCall.Web.Tests.Components;

/// <summary>Charts and amounts a person reads at a glance: whole names, a legend, the minimum goal, and "€" never alone on a line.</summary>
public sealed class ChartsAndNumbersTests : ComponentTestContext
{
    private static DashboardCommons Commons(string title, long minimum, long total) =>
        new(Guid.NewGuid(), title, CommonsStatus.ApprovedForFunding, minimum, minimum * 2, total, null, 0, 0, null, null);

    [Fact]
    public void The_allocation_chart_names_each_commons_in_full_with_its_legend_and_minimum_goal()
    {
        const string longTitle = "Registre ouvert de preuve de covoiturage pour les collectivités et les opérateurs";
        var cut = Render<AllocationChart>(p => p
            .Add(c => c.Commons, [Commons(longTitle, 100_000, 150_000), Commons("Cadenas connecté", 200_000, 50_000)])
            .Add(c => c.Currency, "EUR"));

        var bars = cut.FindAll("[data-testid=allocation-bar]");
        bars[0].QuerySelector(".allocation-name")!.TextContent.ShouldBe(longTitle, "whole, never cut with …");
        bars[0].QuerySelector(".allocation-value")!.TextContent.ShouldBe("1\u202F500,00\u00A0€");
        bars[0].TextContent.ShouldContain("objectif minimum de 1\u202F000,00\u00A0€ atteint");
        bars[1].TextContent.ShouldContain("objectif minimum : 2\u202F000,00\u00A0€, pas encore atteint");
        // One scale for every bar: the largest of the totals and minimum goals (2 000 €) is the full width.
        bars[0].QuerySelector("[data-testid=allocation-minimum]")!.GetAttribute("style").ShouldBe("left:50%");
        bars[1].QuerySelector("[data-testid=allocation-minimum]")!.GetAttribute("style").ShouldBe("left:100%");
        bars[1].QuerySelector(".allocation-fill")!.GetAttribute("style").ShouldBe("width:25%");
        cut.Find("[data-testid=allocation-legend]").TextContent.ShouldContain("Objectif minimum atteint");
        cut.Find("[data-testid=allocation-legend]").TextContent.ShouldContain("Sous l'objectif minimum");
    }

    [Fact]
    public void An_amount_on_a_page_keeps_its_currency_on_the_same_line() =>
        Render<MoneyText>(p => p.Add(c => c.Amount, 123_456_789).Add(c => c.Currency, "EUR"))
            .Find(".money").TextContent.ShouldBe("1\u202F234\u202F567,89\u00A0€");
}
