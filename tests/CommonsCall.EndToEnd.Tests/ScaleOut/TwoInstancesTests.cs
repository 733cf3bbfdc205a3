using System.Diagnostics;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Two app instances on one database, as behind a load balancer (docker-compose.yml): a sign-in made on one
/// instance is honoured by the other (the data-protection keys live in the database), and a contribution made
/// through one instance shows on a page served by the other (PostgreSQL LISTEN/NOTIFY reaches every instance).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoInstancesTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>Announced within a second; the assertion leaves room for a busy 2-core machine (the time taken is printed).</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 5_000 };

    [Fact]
    public Task A_page_served_by_one_instance_shows_a_contribution_made_through_the_other_live() => browser.RunWithPeopleAsync(async people =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Maël Guillou");
        var call = await arrange.CallAsync("Covoiturage des deux rives", facilitator);
        var funder = await arrange.JoinedOrganisationAsync(call, "Région des Deux Rives", OrganisationKind.PublicBody, ParticipantRole.Funder, "Anne Quéré");
        var watcher = await arrange.JoinedOrganisationAsync(call, "Rives Partagées", OrganisationKind.Association, ParticipantRole.Member, "Loïc Tanguy");
        var giver = await arrange.JoinedOrganisationAsync(call, "Pont Mobile", OrganisationKind.Startup, ParticipantRole.Member, "Nina Bihan");
        await arrange.PublishedChallengeAsync(call, watcher, "Comment traverser le fleuve sans voiture individuelle ?");
        var ferry = await arrange.ApprovedCommonsAsync(call, watcher, "Horaires ouverts du bac", CommonsKind.Data, "ODbL-1.0", 50_000, 200_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        await arrange.PledgeAsync(call, funder, 200_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);
        await arrange.GrantEquallyAsync(call, facilitator);

        await using var second = new KestrelSecondInstance(browser.App);
        await second.InitializeAsync();
        await second.Services.GetServices<IHostedService>().OfType<ChangeListener>().Single().Listening.WaitAsync(TimeSpan.FromSeconds(30));

        // Signed in on the first instance, the member opens its funding page on the second: the cookie is honoured there.
        var page = await people.OpenPageAsync("watcher-on-second-instance");
        await page.SignInAsync(watcher.Person.Account, $"/calls/{call.Slug}");
        await page.GotoAsync(second.Url($"/calls/{call.Slug}/funding"));
        await page.WaitForInteractiveAsync();
        new Uri(page.Url).Port.ShouldBe(second.BaseAddress.Port, "the second instance sent the member to sign in again");
        await Expect(page.GetByTestId("my-budget").GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Budget de {watcher.Name}");
        var total = page.Locator($"[data-testid=commons-card][data-commons='{ferry.Id}']").GetByTestId("commons-total");
        await Expect(total).ToHaveTextAsync("0,00 €");

        // Another member contributes through the first instance; the page on the second follows without a reload.
        var watch = Stopwatch.StartNew();
        var result = await browser.App.Services.GetRequiredService<ContributionService>()
            .SetAsync(giver.Person.Actor, new SetContribution(call.Id, ferry.Id, giver.Organisation.Id, 30_000));
        result.Error.ShouldBeNull();
        await Expect(total).ToHaveTextAsync("300,00 €", Live);
        output.WriteLine($"The second instance's page showed the change {watch.ElapsedMilliseconds} ms after it was made through the first.");
        (await arrange.LedgerProblemsAsync(call)).ShouldBeEmpty();
    });
}
