using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Calls;

/// <summary>
/// The life of a call before the money, lived in the browser by its people: a facilitator creates and frames
/// it and invites two organisations, each organisation's representative accepts, a member publishes a
/// micro-challenge and proposes a commons with its budget, a funder positions itself on it, and the
/// facilitator approves it for funding. Only the accounts and organisations are arranged beforehand.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallLifeJourneyTests(BrowserFixture browser)
{
    [Fact]
    public Task A_call_is_created_framed_and_joined_and_the_commons_a_member_proposes_is_approved_for_funding() => browser.RunWithPeopleAsync(async people =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var member = await arrange.OrganisationAsync("Cyclo'Rance", OrganisationKind.Association, "Léna Morvan");
        var funder = await arrange.OrganisationAsync("Fondation Mobilités Douces", OrganisationKind.Other, "Hélène Riou");
        var title = $"Vélos partagés du pays de Rance {arrange.Token}";
        var slug = $"velos-rance-{arrange.Token}";

        // The facilitator creates the call from the home page.
        var camille = await people.OpenPageAsync("facilitator");
        await camille.SignInAsync(facilitator.Account);
        await camille.GetByRole(AriaRole.Link, new() { Name = "Créer un appel à communs" }).ClickAsync();
        await camille.WaitForURLAsync("**/calls/new");
        await Expect(camille.GetByRole(AriaRole.Heading, new() { Name = "Créer un appel à communs", Level = 1 })).ToBeVisibleAsync();
        await camille.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
        await camille.GetByLabel("Adresse de l'appel").FillAsync(slug);
        await camille.GetByLabel("Présentation (Markdown)").FillAsync("Partager **plus de vélos** entre les communes du pays de Rance.");
        await Expect(camille.GetByTestId("summary-preview").Locator("strong")).ToHaveTextAsync("plus de vélos");
        await camille.GetByLabel("Écosystème ou territoire").FillAsync("Pays de Rance");
        await camille.GetByRole(AriaRole.Button, new() { Name = "Créer l'appel" }).ClickAsync();

        // It lands on the framing page: a glossary term and the scope, in and out.
        await camille.WaitForURLAsync($"**/calls/{slug}/edit");
        await Expect(camille.GetByRole(AriaRole.Heading, new() { Name = "Cadrer l'appel", Level = 1 })).ToBeVisibleAsync();
        var glossary = camille.GetByTestId("glossary-editor");
        await glossary.GetByLabel("Terme", new() { Exact = true }).FillAsync("Micro-défi");
        await glossary.GetByLabel("Définition", new() { Exact = true }).FillAsync("Une question concrète, à laquelle un commun peut répondre.");
        await glossary.GetByRole(AriaRole.Button, new() { Name = "Ajouter le terme" }).ClickAsync();
        await Expect(glossary.GetByTestId("glossary-term")).ToHaveTextAsync(["Micro-défi"]);

        var scope = camille.GetByTestId("scope-editor");
        await scope.GetByLabel("Énoncé").FillAsync("Le vélo partagé entre communes voisines.");
        await scope.GetByRole(AriaRole.Button, new() { Name = "Ajouter l'énoncé" }).ClickAsync();
        await Expect(scope.GetByTestId("scope-in").GetByTestId("scope-text")).ToHaveTextAsync(["Le vélo partagé entre communes voisines."]);
        await scope.GetByLabel("Énoncé").FillAsync("La voiture individuelle.");
        await scope.GetByLabel("Côté").SelectOptionAsync(new SelectOptionValue { Label = "Hors périmètre" });
        await scope.GetByRole(AriaRole.Button, new() { Name = "Ajouter l'énoncé" }).ClickAsync();
        await Expect(scope.GetByTestId("scope-out").GetByTestId("scope-text")).ToHaveTextAsync(["La voiture individuelle."]);

        // The call leaves its draft, and the facilitator invites a member and a funder.
        await camille.MoveToNextPhaseAsync("Cadrage");
        await camille.OpenSectionAsync("Participants");
        await camille.WaitForURLAsync($"**/calls/{slug}/participants");
        await camille.InviteAsync(member, "Membre");
        await camille.InviteAsync(funder, "Financeur");
        await Expect(camille.GetByTestId("participant-row").Filter(new() { HasText = member.Name }).Locator("td"))
            .ToHaveTextAsync([member.Name, "Membre", "Invitée"]);

        // Each organisation's representative accepts the invitation on the call's page.
        var lena = await people.OpenPageAsync("member");
        await AcceptAsync(lena, member, slug, title, "Membre");
        var helene = await people.OpenPageAsync("funder");
        await AcceptAsync(helene, funder, slug, title, "Financeur");
        await camille.ReloadAsync();
        await Expect(camille.GetByTestId("participant-row").Filter(new() { HasText = funder.Name }).Locator("td"))
            .ToHaveTextAsync([funder.Name, "Financeur", "A rejoint"]);

        // Micro-challenges open: the member publishes one, after being told to phrase it as a question.
        await camille.MoveToNextPhaseAsync("Micro-défis");
        await lena.CallNav("Micro-défis").ClickAsync();
        await lena.GetByRole(AriaRole.Link, new() { Name = "Nouveau micro-défi" }).ClickAsync();
        await lena.WaitForURLAsync($"**/calls/{slug}/challenges/new");
        await Expect(lena.GetByTestId("challenge-author")).ToContainTextAsync(member.Name);
        var question = lena.GetByLabel("Question", new() { Exact = true });
        await question.FillAsync("Comment partager plus de vélos entre communes");
        await lena.GetByLabel("Contexte", new() { Exact = true }).FillAsync("Les vélos restent dans la commune qui les a achetés.");
        await lena.GetByLabel("Irritant 1", new() { Exact = true }).FillAsync("Des vélos inutilisés la moitié de la semaine.");
        await lena.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();
        await Expect(question).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("terminez-le par « \\? »"));
        await question.FillAsync("Comment partager plus de vélos entre communes ?");
        await lena.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();
        await Expect(lena.GetByTestId("challenge-question")).ToHaveTextAsync("Comment partager plus de vélos entre communes ?");
        await Expect(lena.GetByTestId("challenge-status")).ToHaveTextAsync("Publié");

        // Commons open: the member proposes one with two budget lines, answering its challenge.
        await camille.MoveToNextPhaseAsync("Communs");
        await lena.CallNav("Communs").ClickAsync();
        await lena.GetByRole(AriaRole.Link, new() { Name = "Proposer un commun" }).ClickAsync();
        await lena.WaitForURLAsync($"**/calls/{slug}/commons/new");
        await lena.GetByLabel("Titre", new() { Exact = true }).FillAsync("Cadenas connecté ouvert");
        await lena.GetByLabel("Résumé", new() { Exact = true }).FillAsync("Un cadenas que toutes les communes peuvent fabriquer et ouvrir.");
        await lena.GetByLabel("Type de commun").SelectOptionAsync(new SelectOptionValue { Label = "Matériel" });
        await lena.GetByLabel("Licence ouverte", new() { Exact = true }).SelectOptionAsync("CERN-OHL-S-2.0");
        await lena.GetByLabel("Poste de la ligne 1").FillAsync("Prototype");
        await lena.GetByLabel("Minimum de la ligne 1").FillAsync("800");
        await lena.GetByLabel("Maximum de la ligne 1").FillAsync("1200");
        await lena.GetByRole(AriaRole.Button, new() { Name = "Ajouter une ligne" }).ClickAsync();
        await lena.GetByLabel("Poste de la ligne 2").FillAsync("Documentation");
        await lena.GetByLabel("Minimum de la ligne 2").FillAsync("400");
        await lena.GetByLabel("Maximum de la ligne 2").FillAsync("800");
        await Expect(lena.GetByTestId("goal-min")).ToHaveTextAsync("1 200,00 €");
        await Expect(lena.GetByTestId("goal-max")).ToHaveTextAsync("2 000,00 €");
        await lena.GetByLabel("Comment partager plus de vélos entre communes ?").CheckAsync();
        await lena.GetByRole(AriaRole.Button, new() { Name = "Proposer ce commun" }).ClickAsync();
        await Expect(lena.GetByTestId("commons-title")).ToHaveTextAsync("Cadenas connecté ouvert");
        await Expect(lena.GetByTestId("commons-status")).ToHaveTextAsync("Proposé");
        await Expect(lena.GetByTestId("commons-budget").GetByTestId("goal-min")).ToHaveTextAsync("1 200,00 €");
        await Expect(lena.GetByTestId("commons-challenges")).ToHaveTextAsync("Comment partager plus de vélos entre communes ?");
        var commonsUrl = lena.Url;

        // The funder says it would use it and what it expects; the working group shows it beside the co-creator.
        await helene.GotoInteractiveAsync(commonsUrl);
        var positioning = helene.GetByTestId("positioning-form");
        await positioning.GetByLabel("Attend, utiliserait").CheckAsync();
        await positioning.GetByLabel("Qu'attendez-vous de ce commun ?").FillAsync("Un cadenas que nos communes partenaires adoptent en 2027.");
        await positioning.GetByLabel("Disponibilité (ex. 2 jours par mois)").FillAsync("1 jour par mois");
        await helene.GetByRole(AriaRole.Button, new() { Name = "Enregistrer ma déclaration" }).ClickAsync();
        await Expect(helene.GetByTestId("commons-message")).ToHaveTextAsync("Votre déclaration d'engagement est enregistrée.");
        var funderCard = helene.GetByTestId("group-member").Filter(new() { HasText = funder.Name });
        await Expect(funderCard).ToContainTextAsync("Attend, utiliserait");
        await Expect(funderCard.GetByTestId("member-expectations")).ToHaveTextAsync("Un cadenas que nos communes partenaires adoptent en 2027.");
        await Expect(helene.GetByTestId("group-member").Filter(new() { HasText = member.Name })).ToContainTextAsync("co-créatrice");
        await helene.AssertAccessibleAsync();

        // The facilitator approves it for funding from the review of the call.
        await camille.GotoInteractiveAsync($"/calls/{slug}/manage");
        var row = camille.GetByTestId("review-row").Filter(new() { HasText = "Cadenas connecté ouvert" });
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("Proposé");
        await row.GetByRole(AriaRole.Button, new() { Name = "Retenir" }).ClickAsync();
        await Expect(camille.GetByTestId("manage-message")).ToHaveTextAsync("Commun retenu pour le cofinancement.");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("Retenu pour le cofinancement");

        // The member sees it approved, and anyone reading the public call finds its framing.
        await lena.ReloadAsync();
        await lena.WaitForInteractiveAsync();
        await Expect(lena.GetByTestId("commons-status")).ToHaveTextAsync("Retenu pour le cofinancement");

        var visitor = await people.OpenPageAsync("visitor");
        await visitor.GotoInteractiveAsync($"/calls/{slug}");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await visitor.GetByRole(AriaRole.Tab, new() { Name = "Glossaire" }).ClickAsync();
        await Expect(visitor.GetByTestId("glossary").Locator("dt")).ToHaveTextAsync(["Micro-défi"]);
        await visitor.GetByRole(AriaRole.Tab, new() { Name = "Périmètre" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "La voiture individuelle." })).ToBeVisibleAsync();
        await visitor.AssertAccessibleAsync();
    });

    private static async Task AcceptAsync(IPage page, Representative organisation, string slug, string title, string role)
    {
        await page.SignInAsync(organisation.Person.Account, $"/calls/{slug}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        var participation = page.GetByTestId("participation");
        await Expect(participation).ToContainTextAsync($"{organisation.Name} est invitée à participer à cet appel comme {role}.");
        await page.AssertAccessibleAsync();
        await participation.GetByRole(AriaRole.Button, new() { Name = "Accepter l'invitation" }).ClickAsync();
        await Expect(participation).ToContainTextAsync($"{organisation.Name} participe à cet appel comme {role}.");
    }
}
