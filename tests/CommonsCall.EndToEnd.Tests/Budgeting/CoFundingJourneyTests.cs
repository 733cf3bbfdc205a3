using System.Text.RegularExpressions;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.EndToEnd.Tests.Budgeting;

/// <summary>
/// A co-funding round lived by its people, each in a browser of their own: the facilitator opens it and
/// shares the pool, two members spread their budgets (and change their minds) while watching each other's
/// commitments live, a refusal is explained in words, and the closed round funds only the commons that
/// reached its minimum and gives the rest back. Amounts are compared as French users read them
/// ("1 200,00 €"); Playwright normalises the narrow no-break spaces of .NET's French culture.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CoFundingJourneyTests(BrowserFixture browser)
{
    [Fact]
    public Task Members_share_their_budgets_live_and_closing_funds_the_commons_that_reached_its_minimum() => browser.RunWithPeopleAsync(async people =>
    {
        var arrange = new CallArranger(browser.App);
        var s = await ArrangeAsync(arrange);

        // The facilitator opens the round and shares the pool equally among the three members.
        var camille = await people.OpenPageAsync("facilitator");
        await camille.SignInAsync(s.Facilitator.Account, $"/calls/{s.Call.Slug}");
        await camille.OpenSectionAsync("Pilotage");
        await camille.WaitForURLAsync($"**/calls/{s.Call.Slug}/manage");
        await Expect(camille.GetByRole(AriaRole.Heading, new() { Name = "Pilotage de l'appel", Level = 1 })).ToBeVisibleAsync();
        var poolLine = camille.Locator("p", new() { HasText = "Enveloppe :" });
        await Expect(poolLine).ToHaveTextAsync("Enveloppe : 3 000,00 € · déjà attribué : 0,00 €");

        var nextPhase = camille.GetByTestId("next-phase");
        await Expect(nextPhase).ToHaveTextAsync("Passer à l'étape : Cofinancement");
        await nextPhase.ClickAsync();
        await Expect(camille.GetByTestId("manage-message")).ToHaveTextAsync("L'appel est passé à l'étape suivante.");
        await Expect(camille.GetByTestId("close-round")).ToBeVisibleAsync();

        await camille.GetByRole(AriaRole.Button, new() { Name = "Répartir l'enveloppe à parts égales" }).ClickAsync();
        await Expect(camille.GetByTestId("manage-message")).ToHaveTextAsync("Budgets attribués.");
        await Expect(poolLine).ToHaveTextAsync("Enveloppe : 3 000,00 € · déjà attribué : 3 000,00 €");

        // Member A gives to the lock, then to the stations data, then changes its mind: less for the lock, nothing for the data.
        var lena = await people.OpenPageAsync("member-a");
        await lena.SignInAsync(s.MemberA.Person.Account, $"/calls/{s.Call.Slug}/funding");
        await Expect(lena.GetByTestId("round-state")).ToHaveTextAsync("Le cofinancement est ouvert.");
        await Expect(lena.GetByTestId("my-budget").GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Budget de {s.MemberA.Name}");
        await ExpectBudgetAsync(lena, available: "1 000,00 €", contributed: "0,00 €");
        await ExpectTotalAsync(lena, s.Lock, "0,00 €");

        await ContributeAsync(lena, s.Lock, "600");
        await Expect(Card(lena, s.Lock).GetByTestId("give-confirmation")).ToHaveTextAsync($"Contribution enregistrée : 600,00 € à {s.Lock.Title}, il vous reste 400,00 €.");
        await ExpectBudgetAsync(lena, available: "400,00 €", contributed: "600,00 €");
        await ExpectTotalAsync(lena, s.Lock, "600,00 €");

        await ContributeAsync(lena, s.Stations, "300");
        await ExpectBudgetAsync(lena, available: "100,00 €", contributed: "900,00 €");
        await ExpectTotalAsync(lena, s.Stations, "300,00 €");

        await ContributeAsync(lena, s.Lock, "400");
        await ExpectBudgetAsync(lena, available: "300,00 €", contributed: "700,00 €");
        await ExpectTotalAsync(lena, s.Lock, "400,00 €");

        // Withdrawing asks first (the page used to withdraw at once).
        await Card(lena, s.Stations).GetByTestId("give-withdraw").ClickAsync();
        var question = Card(lena, s.Stations).GetByRole(AriaRole.Alertdialog);
        await Expect(question).ToContainTextAsync($"Retirer vos 300,00 € de {s.Stations.Title} ?");
        await question.GetByRole(AriaRole.Button, new() { Name = "Retirer" }).ClickAsync();
        await Expect(Card(lena, s.Stations).GetByTestId("give-confirmation")).ToHaveTextAsync($"Contribution retirée de {s.Stations.Title} : il vous reste 600,00 €.");
        await ExpectBudgetAsync(lena, available: "600,00 €", contributed: "400,00 €");
        await ExpectTotalAsync(lena, s.Stations, "0,00 €");
        await Expect(Card(lena, s.Stations).GetByTestId("give-withdraw")).ToHaveCountAsync(0);

        // Member B gives to the lock, which reaches its minimum: member A's open page follows without a reload.
        var yanis = await people.OpenPageAsync("member-b");
        await yanis.SignInAsync(s.MemberB.Person.Account, $"/calls/{s.Call.Slug}/funding");
        await ExpectBudgetAsync(yanis, available: "1 000,00 €", contributed: "0,00 €");
        await ExpectTotalAsync(yanis, s.Lock, "400,00 €");

        await ContributeAsync(yanis, s.Lock, "800");
        await ExpectBudgetAsync(yanis, available: "200,00 €", contributed: "800,00 €");
        await ExpectTotalAsync(yanis, s.Lock, "1 200,00 €");
        await Expect(Card(lena, s.Lock).GetByTestId("commons-total")).ToHaveTextAsync("1 200,00 €", LiveUpdate.Wait);
        await ExpectBudgetAsync(lena, available: "600,00 €", contributed: "400,00 €");

        // Member B asks for more than it has left: refused in words, and nothing moved, even after a reload.
        await ContributeAsync(yanis, s.Stations, "300");
        var refusal = Card(yanis, s.Stations).GetByTestId("form-error");
        await Expect(refusal).ToHaveTextAsync("Votre budget restant ne suffit pas pour cette contribution.");
        await Expect(refusal).ToHaveAttributeAsync("data-code", "insufficient_balance");
        await Expect(refusal).ToHaveAttributeAsync("role", "alert");
        await ExpectBudgetAsync(yanis, available: "200,00 €", contributed: "800,00 €");
        await ExpectTotalAsync(yanis, s.Stations, "0,00 €");

        await yanis.ReloadAsync();
        await yanis.WaitForInteractiveAsync();
        await ExpectBudgetAsync(yanis, available: "200,00 €", contributed: "800,00 €");
        await ExpectTotalAsync(yanis, s.Stations, "0,00 €");
        await ExpectTotalAsync(yanis, s.Lock, "1 200,00 €");
        await Expect(Card(yanis, s.Stations).GetByTestId("form-error")).ToHaveCountAsync(0);

        // So it gives what it has left, which is not enough for the stations data to reach its minimum.
        await ContributeAsync(yanis, s.Stations, "200");
        await ExpectBudgetAsync(yanis, available: "0,00 €", contributed: "1 000,00 €");
        await ExpectTotalAsync(yanis, s.Stations, "200,00 €");
        await Expect(Card(lena, s.Stations).GetByTestId("commons-total")).ToHaveTextAsync("200,00 €", LiveUpdate.Wait);

        // The facilitator closes the round; member B's open page shows the money given back.
        await camille.GetByTestId("close-round").ClickAsync();
        var confirm = camille.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("Les communs qui ont atteint leur minimum seront financés");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Clôturer le cofinancement" }).ClickAsync();
        await Expect(camille.GetByTestId("manage-message")).ToHaveTextAsync("Cofinancement clôturé : les résultats sont publiés.");

        await Expect(yanis.GetByTestId("round-state")).ToHaveTextAsync("Le cofinancement est clôturé.", LiveUpdate.Wait);
        await ExpectBudgetAsync(yanis, available: "200,00 €", contributed: "800,00 €");
        await Expect(Card(yanis, s.Stations).GetByTestId("commons-released")).ToHaveTextAsync("Restitué aux membres : 200,00 €");
        await Expect(yanis.GetByTestId("give-amount")).ToHaveCountAsync(0);

        // The results: the lock is funded for its total, the stations data is not and its money went back.
        await camille.GetByRole(AriaRole.Navigation, new() { Name = "Sections de l'appel" }).GetByRole(AriaRole.Link, new() { Name = "Résultats" }).ClickAsync();
        await camille.WaitForURLAsync($"**/calls/{s.Call.Slug}/results");
        await Expect(camille.GetByRole(AriaRole.Heading, new() { Name = "Résultats du cofinancement", Level = 1 })).ToBeVisibleAsync();
        await Expect(camille.GetByTestId("funded-count")).ToHaveTextAsync("1");
        await Expect(camille.GetByTestId("results-funded").Locator("tbody tr td"))
            .ToHaveTextAsync([s.Lock.Title, "1 200,00 €", "0,00 €", "1 200,00 €", "2", "Financé · 0,00 € versés sur 1 200,00 € Redevabilité"]);
        await Expect(camille.GetByTestId("results-notfunded").Locator("tbody tr td"))
            .ToHaveTextAsync([s.Stations.Title, "1 500,00 €", "200,00 €"]);
        await ExpectUnspentAsync(camille, s.MemberA, contributed: "400,00 €", unspent: "600,00 €");
        await ExpectUnspentAsync(camille, s.MemberB, contributed: "800,00 €", unspent: "200,00 €");
        await ExpectUnspentAsync(camille, s.MemberC, contributed: "0,00 €", unspent: "1 000,00 €");

        // Behind the pages, the money adds up: every balance and total is what the ledger says.
        (await arrange.LedgerProblemsAsync(s.Call)).ShouldBeEmpty();
        (await arrange.BudgetOfAsync(s.Call, s.MemberA)).Contributed.ShouldBe(40_000);
        (await arrange.BudgetOfAsync(s.Call, s.MemberB)).Contributed.ShouldBe(80_000);
        var lockAfter = await arrange.ReloadAsync(s.Lock);
        lockAfter.Status.ShouldBe(CommonsStatus.Funded);
        lockAfter.Total.ShouldBe(120_000);
        var stationsAfter = await arrange.ReloadAsync(s.Stations);
        stationsAfter.Status.ShouldBe(CommonsStatus.NotFunded);
        stationsAfter.Released.ShouldBe(20_000);
    });

    [Fact]
    public Task An_open_funding_page_shows_another_members_contribution_within_seconds_without_a_reload() => browser.RunWithPeopleAsync(async people =>
    {
        var arrange = new CallArranger(browser.App);
        var s = await ArrangeAsync(arrange);
        await arrange.MoveToAsync(s.Call, s.Facilitator, CallPhase.Budgeting);
        await arrange.GrantEquallyAsync(s.Call, s.Facilitator);

        var lena = await people.OpenPageAsync("member-a");
        await lena.SignInAsync(s.MemberA.Person.Account, $"/calls/{s.Call.Slug}/funding");
        await ExpectTotalAsync(lena, s.Stations, "0,00 €");
        await lena.EvaluateAsync("window.stillTheSamePage = true");

        var yanis = await people.OpenPageAsync("member-b");
        await yanis.SignInAsync(s.MemberB.Person.Account, $"/calls/{s.Call.Slug}/funding");
        await ContributeAsync(yanis, s.Stations, "250");
        await ExpectBudgetAsync(yanis, available: "750,00 €", contributed: "250,00 €");

        var card = Card(lena, s.Stations);
        await Expect(card.GetByTestId("commons-total")).ToHaveTextAsync("250,00 €", LiveUpdate.Wait);
        await card.GetByText("1 contributeur", new() { Exact = true }).ClickAsync();
        await Expect(card.Locator("details").GetByRole(AriaRole.Listitem)).ToHaveTextAsync($"{s.MemberB.Name} : 250,00 €");
        await ExpectBudgetAsync(lena, available: "1 000,00 €", contributed: "0,00 €");
        (await lena.EvaluateAsync<bool>("window.stillTheSamePage === true")).ShouldBeTrue("member A's page was reloaded");
    });

    /// <summary>
    /// A call in phase Commons with a pledged pool of 3 000 € not yet distributed; three members (the third
    /// proposed both commons, so it cannot fund them); a lock that 1 200 € fund and a dataset that needs 1 500 €.
    /// </summary>
    private static async Task<Story> ArrangeAsync(CallArranger arrange)
    {
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Vélos partagés du pays de Rance", facilitator);
        var funder = await arrange.JoinedOrganisationAsync(call, "Fondation Mobilités Douces", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        var memberA = await arrange.JoinedOrganisationAsync(call, "Cyclo'Rance", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var memberB = await arrange.JoinedOrganisationAsync(call, "Roue Libre Mobilités", OrganisationKind.Startup, ParticipantRole.Member, "Yanis Le Goff");
        var memberC = await arrange.JoinedOrganisationAsync(call, "Atelier Vélo Solidaire", OrganisationKind.Association, ParticipantRole.Member, "Maëlle Tanguy");
        await arrange.PublishedChallengeAsync(call, memberC, "Comment partager plus de vélos ?");
        var bikeLock = await arrange.ApprovedCommonsAsync(call, memberC, "Cadenas connecté ouvert", CommonsKind.Hardware, "CERN-OHL-S-2.0", minimum: 120_000, maximum: 200_000);
        var stations = await arrange.ApprovedCommonsAsync(call, memberC, "Données ouvertes des stations vélo", CommonsKind.Data, "ODbL-1.0", minimum: 150_000, maximum: 300_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        await arrange.PledgeAsync(call, funder, 300_000);
        return new Story(call, facilitator, memberA, memberB, memberC, bikeLock, stations);
    }

    private static ILocator Card(IPage page, CommonsEntity commons) =>
        page.Locator($"[data-testid=commons-card][data-commons='{commons.Id}']");

    /// <summary>Types an amount in euros for a commons and validates it, as a member does.</summary>
    private static async Task ContributeAsync(IPage page, CommonsEntity commons, string euros)
    {
        var card = Card(page, commons);
        // By its label, as a screen reader finds it: "Contribution de <organisation> (EUR)".
        var amount = card.GetByLabel(new Regex("^Contribution de .+ \\(EUR\\)$"));
        await amount.FillAsync(euros);
        await card.GetByTestId("give-submit").ClickAsync();
    }

    private static async Task ExpectBudgetAsync(IPage page, string available, string contributed)
    {
        var budget = page.GetByTestId("my-budget");
        await Expect(budget.GetByTestId("budget-available")).ToHaveTextAsync(available);
        await Expect(budget.GetByTestId("budget-contributed")).ToHaveTextAsync(contributed);
    }

    private static Task ExpectTotalAsync(IPage page, CommonsEntity commons, string total) =>
        Expect(Card(page, commons).GetByTestId("commons-total")).ToHaveTextAsync(total);

    private static Task ExpectUnspentAsync(IPage page, Representative member, string contributed, string unspent) =>
        Expect(page.GetByTestId("results-unspent").Locator("tbody tr", new() { HasText = member.Name }).Locator("td"))
            .ToHaveTextAsync([member.Name, "1 000,00 €", "0,00 €", contributed, unspent]);

    private sealed record Story(
        Call Call, Person Facilitator, Representative MemberA, Representative MemberB, Representative MemberC, CommonsEntity Lock, CommonsEntity Stations);
}
