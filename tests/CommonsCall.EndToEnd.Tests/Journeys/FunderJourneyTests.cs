using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Journeys;

/// <summary>
/// DESIGN.md's funder, from sign-in to what its money did, in French: pledges to the pool (a refused pledge
/// first, its message read with the amount field), watches the members' contributions arrive live, follows
/// every movement in the ledger, watches the allocation dashboard and exports it as CSV. The facilitator's and the members' steps are arranged through the
/// services. Every page on the way is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FunderJourneyTests(BrowserFixture browser)
{
    [Fact]
    public Task Funder_pledges_to_the_pool_and_watches_the_contributions_it_pays_for() => browser.RunAsync(async page =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Vélos partagés du pays de Rance", facilitator);
        var helene = await arrange.JoinedOrganisationAsync(call, "Fondation Mobilités Douces", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        var memberA = await arrange.JoinedOrganisationAsync(call, "Cyclo'Rance", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var memberB = await arrange.JoinedOrganisationAsync(call, "Roue Libre Mobilités", OrganisationKind.Startup, ParticipantRole.Member, "Yanis Le Goff");
        await arrange.PublishedChallengeAsync(call, memberA, "Comment partager plus de vélos ?");
        var bikeLock = await arrange.ApprovedCommonsAsync(call, memberA, "Cadenas connecté ouvert", CommonsKind.Hardware, "CERN-OHL-S-2.0", minimum: 100_000, maximum: 200_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);

        await page.SignInAsync(helene.Person.Account, $"/calls/{call.Slug}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = call.Title, Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.CallNav("Cofinancement").ClickAsync();
        await page.WaitForURLAsync($"**/calls/{call.Slug}/funding");
        var pool = page.Locator(".stat", new() { HasText = "Enveloppe des financeurs" }).Locator(".money");
        await Expect(pool).ToHaveTextAsync("0,00 €");
        await page.AssertAccessibleAsync();

        // A pledge without an amount is refused, and the message is read with the amount field.
        var amount = page.GetByLabel("Montant (EUR)");
        await page.GetByRole(AriaRole.Button, new() { Name = "S'engager" }).ClickAsync();
        var refusal = page.Locator("#pledge-error").GetByTestId("form-error");
        await Expect(refusal).ToHaveTextAsync("Le montant doit être un nombre positif ou nul.");
        await Expect(refusal).ToHaveAttributeAsync("role", "alert");
        await Expect(amount).ToHaveAccessibleDescriptionAsync("Le montant doit être un nombre positif ou nul.");
        await page.AssertAccessibleAsync();
        await Expect(pool).ToHaveTextAsync("0,00 €");

        await amount.FillAsync("3000");
        await amount.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "S'engager" }).ClickAsync();
        await Expect(pool).ToHaveTextAsync("3 000,00 €");
        await Expect(page.Locator("#pledge-error").GetByTestId("form-error")).ToHaveCountAsync(0);

        // The round opens; the funder's open page follows the members' contributions without a reload.
        await arrange.GrantEquallyAsync(call, facilitator);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("round-state")).ToHaveTextAsync("Le cofinancement est ouvert.");
        await Expect(page.Locator(".stat", new() { HasText = "Budget attribué aux membres" }).Locator(".money")).ToHaveTextAsync("3 000,00 €");
        await Expect(page.GetByTestId("give-amount")).ToHaveCountAsync(0);
        await arrange.ContributeAsync(call, memberB, bikeLock, 120_000);
        await Expect(page.CommonsCard(bikeLock).GetByTestId("commons-total")).ToHaveTextAsync("1 200,00 €", LiveUpdate.Wait);
        await page.AssertAccessibleAsync();

        // Every movement of its money is in the ledger, down to the member's contribution.
        await page.CallNav("Journal").ClickAsync();
        await page.WaitForURLAsync($"**/calls/{call.Slug}/ledger");
        var rows = page.GetByTestId("ledger").GetByRole(AriaRole.Row);
        await Expect(rows.Filter(new() { HasText = "Engagement d'un financeur" }).Filter(new() { HasText = helene.Name })).ToHaveCountAsync(1);
        await Expect(rows.Filter(new() { HasText = "Contribution" }).Filter(new() { HasText = memberB.Name }).Filter(new() { HasText = bikeLock.Title })).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();

        // The allocation dashboard follows the round live, and the funder exports what its money did.
        await page.CallNav("Tableau de bord").ClickAsync();
        await page.WaitForURLAsync($"**/calls/{call.Slug}/dashboard");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord de l'allocation", Level = 1 })).ToBeVisibleAsync();
        var lockTotal = page.GetByTestId("dashboard-commons-row").Filter(new() { HasText = bikeLock.Title }).GetByTestId("dashboard-commons-total");
        await Expect(lockTotal).ToHaveTextAsync("1 200,00 €");
        await Expect(page.GetByTestId("dashboard-contributed")).ToHaveTextAsync("1 200,00 €");
        await page.AssertAccessibleAsync();
        await arrange.ContributeAsync(call, memberB, bikeLock, 150_000);
        await Expect(lockTotal).ToHaveTextAsync("1 500,00 €", LiveUpdate.Wait);
        await Expect(page.GetByTestId("dashboard-contributed")).ToHaveTextAsync("1 500,00 €");

        var contributionsCsv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Contributions par organisation (CSV)" }).ClickAsync());
        var contributionLines = await File.ReadAllLinesAsync(await contributionsCsv.PathAsync());
        contributionLines.ShouldContain($"{memberB.Name};{bikeLock.Title};1500,00");
        contributionLines.Length.ShouldBe(2);
        var commonsCsv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Résultats par commun (CSV)" }).ClickAsync());
        commonsCsv.SuggestedFilename.ShouldBe($"{call.Slug}-communs.csv");
        (await File.ReadAllTextAsync(await commonsCsv.PathAsync())).ShouldContain($"{bikeLock.Title};");
        (await arrange.LedgerProblemsAsync(call)).ShouldBeEmpty();
    });
}
