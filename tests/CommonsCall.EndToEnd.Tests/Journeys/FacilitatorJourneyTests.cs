using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Journeys;

/// <summary>
/// DESIGN.md's facilitator, from sign-in to published results, in French: creates and frames a call, invites
/// its organisations, moves it through its phases, approves the commons, shares the pool and closes the round.
/// What the other people do meanwhile (accepting, writing, pledging, giving) is arranged through the services.
/// Every page on the way is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FacilitatorJourneyTests(BrowserFixture browser)
{
    [Fact]
    public Task Facilitator_creates_frames_and_steers_a_call_to_its_published_results() => browser.RunAsync(async page =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var memberA = await arrange.OrganisationAsync("Cyclo'Rance", OrganisationKind.Association, "Léna Morvan");
        var memberB = await arrange.OrganisationAsync("Roue Libre Mobilités", OrganisationKind.Startup, "Yanis Le Goff");
        var funder = await arrange.OrganisationAsync("Fondation Mobilités Douces", OrganisationKind.Other, "Hélène Riou");
        var slug = $"velos-rance-{arrange.Token}";

        // A mistyped password is refused in words read with the email field; then sign-in, and the call is created from the home page.
        await page.SubmitSignInAsync(facilitator.Account.Email, "pas-le-bon-mot-de-passe");
        var refusal = page.GetByTestId("login-error");
        await Expect(refusal).ToHaveTextAsync("Adresse e-mail ou mot de passe incorrect, ou trop d'essais infructueux : après 5 échecs, un compte attend 15 minutes avant de pouvoir se reconnecter.");
        await Expect(refusal).ToHaveAttributeAsync("role", "alert");
        await Expect(page.GetByLabel("Adresse e-mail")).ToHaveAccessibleDescriptionAsync("Adresse e-mail ou mot de passe incorrect, ou trop d'essais infructueux : après 5 échecs, un compte attend 15 minutes avant de pouvoir se reconnecter.");
        await page.AssertAccessibleAsync();
        await page.SignInAsync(facilitator.Account);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Appels à communs", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer un appel à communs" }).ClickAsync();
        await page.WaitForURLAsync("**/calls/new");
        await page.WaitForInteractiveAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync($"Vélos partagés {arrange.Token}");
        await page.GetByLabel("Adresse de l'appel").FillAsync(slug);
        await page.GetByLabel("Présentation (Markdown)").FillAsync("Partager **plus de vélos** entre communes.");
        await page.GetByLabel("Écosystème ou territoire").FillAsync("Pays de Rance");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l'appel" }).ClickAsync();

        // Framing: a glossary term.
        await page.WaitForURLAsync($"**/calls/{slug}/edit");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cadrer l'appel", Level = 1 })).ToBeVisibleAsync();
        var glossary = page.GetByTestId("glossary-editor");
        await glossary.GetByLabel("Terme", new() { Exact = true }).FillAsync("Commun");
        await glossary.GetByLabel("Définition", new() { Exact = true }).FillAsync("Une ressource ouverte, gouvernée par sa communauté.");
        await glossary.GetByRole(AriaRole.Button, new() { Name = "Ajouter le terme" }).ClickAsync();
        await Expect(glossary.GetByTestId("glossary-term")).ToHaveTextAsync(["Commun"]);
        await page.AssertAccessibleAsync();

        // Invitations: two members and a funder, once the call is out of its draft.
        await page.MoveToNextPhaseAsync("Cadrage");
        await page.AssertAccessibleAsync();
        await page.OpenSectionAsync("Participants");
        await page.WaitForURLAsync($"**/calls/{slug}/participants");
        await page.InviteAsync(memberA, "Membre");
        await page.InviteAsync(memberB, "Membre");
        await page.InviteAsync(funder, "Financeur");
        await Expect(page.GetByTestId("participant-row")).ToHaveCountAsync(3);
        await page.AssertAccessibleAsync();

        // Meanwhile the organisations accept, and a member publishes a micro-challenge.
        var call = await arrange.CallBySlugAsync(slug);
        await arrange.AcceptInvitationAsync(call, memberA, ParticipantRole.Member);
        await arrange.AcceptInvitationAsync(call, memberB, ParticipantRole.Member);
        await arrange.AcceptInvitationAsync(call, funder, ParticipantRole.Funder);
        await page.MoveToNextPhaseAsync("Micro-défis");
        await arrange.PublishedChallengeAsync(call, memberA, "Comment partager plus de vélos ?");
        await page.MoveToNextPhaseAsync("Communs");

        // Two commons are proposed and the funder pledges 3 000 €: the facilitator approves both and shares the pool.
        var bikeLock = await arrange.ProposedCommonsAsync(call, memberB, "Cadenas connecté ouvert", CommonsKind.Hardware, "CERN-OHL-S-2.0", minimum: 100_000, maximum: 200_000);
        var stations = await arrange.ProposedCommonsAsync(call, memberA, "Données ouvertes des stations", CommonsKind.Data, "ODbL-1.0", minimum: 200_000, maximum: 300_000);
        await arrange.PledgeAsync(call, funder, 300_000);
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("review-row")).ToHaveCountAsync(2);
        await page.AssertAccessibleAsync();
        foreach (var commons in new[] { bikeLock, stations })
        {
            var row = page.GetByTestId("review-row").Filter(new() { HasText = commons.Title });
            await row.GetByRole(AriaRole.Button, new() { Name = "Retenir" }).ClickAsync();
            await Expect(page.GetByTestId("manage-message")).ToHaveTextAsync("Commun retenu pour le cofinancement.");
            await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("Retenu pour le cofinancement");
        }

        var poolLine = page.Locator("p", new() { HasText = "Enveloppe :" });
        await Expect(poolLine).ToHaveTextAsync("Enveloppe : 3 000,00 € · déjà attribué : 0,00 €");
        await page.GetByRole(AriaRole.Button, new() { Name = "Répartir l'enveloppe à parts égales" }).ClickAsync();
        await Expect(page.GetByTestId("manage-message")).ToHaveTextAsync("Budgets attribués.");
        await Expect(poolLine).ToHaveTextAsync("Enveloppe : 3 000,00 € · déjà attribué : 3 000,00 €");
        await page.MoveToNextPhaseAsync("Cofinancement");

        // The members give: the lock reaches its minimum, the stations data does not.
        await arrange.ContributeAsync(call, memberA, bikeLock, 120_000);
        await arrange.ContributeAsync(call, memberB, stations, 50_000);
        await page.CallNav("Cofinancement").ClickAsync();
        await page.WaitForURLAsync($"**/calls/{slug}/funding");
        await Expect(page.CommonsCard(bikeLock).GetByTestId("commons-total")).ToHaveTextAsync("1 200,00 €");
        await Expect(page.CommonsCard(stations).GetByTestId("commons-total")).ToHaveTextAsync("500,00 €");
        await page.AssertAccessibleAsync();
        await page.OpenSectionAsync("Journal");
        await page.WaitForURLAsync($"**/calls/{slug}/ledger");
        var contributions = page.GetByTestId("ledger").GetByRole(AriaRole.Row).Filter(new() { HasText = "Contribution" });
        await Expect(contributions.Filter(new() { HasText = memberA.Name }).Filter(new() { HasText = bikeLock.Title })).ToHaveCountAsync(1);
        await Expect(contributions.Filter(new() { HasText = memberB.Name }).Filter(new() { HasText = stations.Title })).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();

        // Closing: a confirmation, then the results.
        await page.OpenSectionAsync("Pilotage");
        await page.GetByTestId("close-round").ClickAsync();
        var confirm = page.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("Les communs qui ont atteint leur minimum seront financés");
        await page.AssertAccessibleAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Clôturer le cofinancement" }).ClickAsync();
        await Expect(page.GetByTestId("manage-message")).ToHaveTextAsync("Cofinancement clôturé : les résultats sont publiés.");
        await Expect(page.Locator("[aria-current=step]")).ToHaveTextAsync("Résultats");

        await page.CallNav("Résultats").ClickAsync();
        await page.WaitForURLAsync($"**/calls/{slug}/results");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Résultats du cofinancement", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("funded-count")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("results-funded").Locator("tbody tr td"))
            .ToHaveTextAsync([bikeLock.Title, "1 200,00 €", "0,00 €", "1 200,00 €", "1", "Financé · 0,00 € versés sur 1 200,00 € Redevabilité"]);
        await Expect(page.GetByTestId("results-notfunded").Locator("tbody tr td"))
            .ToHaveTextAsync([stations.Title, "2 000,00 €", "500,00 €"]);
        await page.AssertAccessibleAsync();
        (await arrange.LedgerProblemsAsync(call)).ShouldBeEmpty();
    });
}
