using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Reports;

/// <summary>The reports of the seeded demo call: what a visitor of the demo finds on the reports page.</summary>
public sealed class DemoReportTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private async Task<Actor> AccountAsync(DemoAccount account)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(account.Email);
        return new Actor(user!.Id, false, false);
    }

    [Fact]
    public async Task The_demo_call_answers_who_pays_uses_and_benefits_and_ranks_its_organisations()
    {
        var report = (await app.Services.GetRequiredService<ReportQueries>().ForCallAsync(await AccountAsync(DemoData.MemberA), DemoData.CallSlug)).Value!;

        var registre = report.Commons.Single(c => c.Title == "Registre de preuve de covoiturage");
        registre.WhoPays.Select(s => s.Text).ShouldBe(["Les collectivités"]);
        registre.WhoUses.Select(s => s.Text).ShouldBe(["Les opérateurs de covoiturage"]);
        registre.WhoBenefits.Select(s => s.Text).ShouldBe(["Les covoitureurs"]);
        registre.Producers.Select(o => o.Name).ShouldBe(["Covoit'Ouest", "Roulons Ensemble (coopérative)"]);
        registre.Wanters.Select(o => o.Name).ShouldBe(["Métropole de Valmont"]);
        report.Commons.Single(c => c.Title == "Indicateurs de marchabilité OpenStreetMap").WhoPays.ShouldBeEmpty("it answers no challenge");

        // Métropole: 3 positionings + 1 challenge published + 2 supported; CityLink and Covoit'Ouest: 3 + 1 each.
        var ranks = report.Organisations.ToDictionary(o => o.Name, o => (o.Rank, o.Score));
        ranks["Métropole de Valmont"].ShouldBe((1, 6));
        ranks["CityLink MaaS"].ShouldBe((2, 4));
        ranks["Covoit'Ouest"].ShouldBe((2, 4));
        ranks["Roulons Ensemble (coopérative)"].ShouldBe((4, 2));
        ranks["Vélos Partagés du Bocage"].ShouldBe((4, 2));
        ranks["Laboratoire Mobilités & Territoires"].ShouldBe((4, 2));
        ranks["Agence de la Transition (fictive)"].ShouldBe((7, 0));
        report.Organisations.Count.ShouldBe(8);
    }
}
