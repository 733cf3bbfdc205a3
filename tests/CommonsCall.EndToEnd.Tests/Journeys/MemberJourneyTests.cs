using System.Text.RegularExpressions;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Journeys;

/// <summary>
/// DESIGN.md's member organisation, from sign-in to its contribution, in French and in English: publishes a
/// micro-challenge (after being told to phrase it as a question), proposes a commons with its budget, positions
/// itself on another organisation's commons, gives to it and changes its mind. The facilitator's and the
/// others' steps in between are arranged through the services. Every page on the way is scanned with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MemberJourneyTests(BrowserFixture browser)
{
    public static TheoryData<string> Languages => ["fr", "en"];

    [Theory]
    [MemberData(nameof(Languages))]
    public Task Member_publishes_a_challenge_proposes_and_positions_then_gives_and_changes_its_mind(string language) => browser.RunAsync(async page =>
    {
        var w = language == "en" ? Words.English : Words.French;
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Vélos partagés du pays de Rance", facilitator);
        var lena = await arrange.JoinedOrganisationAsync(call, "Cyclo'Rance", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var other = await arrange.JoinedOrganisationAsync(call, "Roue Libre Mobilités", OrganisationKind.Startup, ParticipantRole.Member, "Yanis Le Goff");
        var funder = await arrange.JoinedOrganisationAsync(call, "Fondation Mobilités Douces", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        await arrange.MoveToAsync(call, facilitator, CallPhase.Challenges);

        if (language == "en")
        {
            await page.GotoInteractiveAsync("/");
            await page.GetByTestId("lang-en").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Commons calls");
        }

        await page.SignInAsync(lena.Person.Account, $"/calls/{call.Slug}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = call.Title, Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // A micro-challenge: refused until it is phrased as a question, the message read with the field.
        await page.CallNav(w.Challenges, w.CallSections).ClickAsync();
        await page.WaitForURLAsync($"**/calls/{call.Slug}/challenges");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = w.NewChallenge }).ClickAsync();
        await page.WaitForURLAsync($"**/calls/{call.Slug}/challenges/new");
        await page.AssertAccessibleAsync();
        var question = page.GetByLabel(w.Question, new() { Exact = true });
        await question.FillAsync(w.ChallengeQuestion.TrimEnd('?', ' '));
        await page.GetByLabel(w.Context, new() { Exact = true }).FillAsync("Les vélos restent dans la commune qui les a achetés.");
        await page.GetByLabel(w.Pain1, new() { Exact = true }).FillAsync("Des vélos inutilisés la moitié de la semaine.");
        await page.GetByRole(AriaRole.Button, new() { Name = w.Publish, Exact = true }).ClickAsync();
        var questionError = page.Locator("#challenge-question-error");
        await Expect(questionError).ToHaveTextAsync(w.QuestionMark);
        await Expect(questionError).ToHaveAttributeAsync("role", "alert");
        await Expect(question).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(w.QuestionMark)));
        await page.AssertAccessibleAsync();
        await question.FillAsync(w.ChallengeQuestion);
        await page.GetByRole(AriaRole.Button, new() { Name = w.Publish, Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("challenge-question")).ToHaveTextAsync(w.ChallengeQuestion);
        await Expect(page.GetByTestId("challenge-status")).ToHaveTextAsync(w.Published);
        await page.AssertAccessibleAsync();

        // Commons open: another member has proposed one; Léna proposes hers, with its budget.
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        var stations = await arrange.ProposedCommonsAsync(call, other, "Données ouvertes des stations", CommonsKind.Data, "ODbL-1.0", minimum: 100_000, maximum: 200_000);
        await page.CallNav(w.Commons, w.CallSections).ClickAsync();
        await page.WaitForURLAsync($"**/calls/{call.Slug}/commons");
        await Expect(page.GetByTestId("commons-card")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = w.ProposeCommons }).ClickAsync();
        await page.WaitForURLAsync($"**/calls/{call.Slug}/commons/new");
        await page.AssertAccessibleAsync();
        await page.GetByLabel(w.Title, new() { Exact = true }).FillAsync("Carte des ateliers vélo");
        await page.GetByLabel(w.Summary, new() { Exact = true }).FillAsync("Où réparer son vélo, ouvert à tous.");
        await page.GetByLabel(w.Kind).SelectOptionAsync(new SelectOptionValue { Label = w.Software });
        await page.GetByLabel(w.Licence, new() { Exact = true }).SelectOptionAsync("EUPL-1.2");
        await page.GetByLabel(w.LineItem).FillAsync("Développement");
        await page.GetByLabel(w.LineMinimum).FillAsync("1000");
        await page.GetByLabel(w.LineMaximum).FillAsync("1500");
        await Expect(page.GetByTestId("goal-min")).ToHaveTextAsync(w.Money("1 000,00 €", "€1,000.00"));
        await Expect(page.GetByTestId("goal-max")).ToHaveTextAsync(w.Money("1 500,00 €", "€1,500.00"));
        await page.GetByLabel(w.ChallengeQuestion).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = w.ProposeSubmit }).ClickAsync();
        await Expect(page.GetByTestId("commons-title")).ToHaveTextAsync("Carte des ateliers vélo");
        await Expect(page.GetByTestId("commons-status")).ToHaveTextAsync(w.Proposed);
        await page.AssertAccessibleAsync();
        var workshops = (await arrange.CommonsOfAsync(call)).Single(c => c.Title == "Carte des ateliers vélo");

        // It positions itself on the other member's commons: it would use it, and says what it expects.
        await page.CallNav(w.Commons, w.CallSections).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = stations.Title }).ClickAsync();
        await Expect(page.GetByTestId("commons-title")).ToHaveTextAsync(stations.Title);
        var positioning = page.GetByTestId("positioning-form");
        await positioning.GetByLabel(w.Wants).CheckAsync();
        await positioning.GetByLabel(w.Expectations).FillAsync("Des données de stations à jour chaque heure.");
        await page.GetByRole(AriaRole.Button, new() { Name = w.SavePositioning }).ClickAsync();
        await Expect(page.GetByTestId("commons-message")).ToHaveTextAsync(w.PositioningSaved);
        var card = page.GetByTestId("group-member").Filter(new() { HasText = lena.Name });
        await Expect(card).ToContainTextAsync(w.Wants);
        await Expect(card.GetByTestId("member-expectations")).ToHaveTextAsync("Des données de stations à jour chaque heure.");
        await page.AssertAccessibleAsync();

        // The call's map now shows Léna's organisation among those who want the stations data.
        await page.CallNav(w.Map, w.CallSections).ClickAsync();
        await page.WaitForURLAsync($"**/calls/{call.Slug}/map");
        await Expect(page.GetByTestId("map").GetByRole(AriaRole.Row).Filter(new() { HasText = lena.Name })).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync();

        // The round opens with 1 000 € for each member: Léna gives 600 € to the stations data, then only 250 €.
        await arrange.ApproveAsync(call, facilitator, stations);
        await arrange.ApproveAsync(call, facilitator, workshops);
        await arrange.PledgeAsync(call, funder, 200_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);
        await arrange.GrantEquallyAsync(call, facilitator);
        await page.CallNav(w.Funding, w.CallSections).ClickAsync();
        await page.WaitForURLAsync($"**/calls/{call.Slug}/funding");
        await Expect(page.GetByTestId("round-state")).ToHaveTextAsync(w.RoundOpen);
        await Expect(page.CommonsCard(workshops)).ToContainTextAsync(w.OwnCommons);
        await ExpectBudgetAsync(page, available: w.Money("1 000,00 €", "€1,000.00"), contributed: w.Money("0,00 €", "€0.00"));
        await page.AssertAccessibleAsync();

        await GiveAsync(page, stations, w, "600");
        await ExpectBudgetAsync(page, available: w.Money("400,00 €", "€400.00"), contributed: w.Money("600,00 €", "€600.00"));
        await Expect(page.CommonsCard(stations).GetByTestId("commons-total")).ToHaveTextAsync(w.Money("600,00 €", "€600.00"));

        await GiveAsync(page, stations, w, "250");
        await ExpectBudgetAsync(page, available: w.Money("750,00 €", "€750.00"), contributed: w.Money("250,00 €", "€250.00"));
        await Expect(page.CommonsCard(stations).GetByTestId("commons-total")).ToHaveTextAsync(w.Money("250,00 €", "€250.00"));
        await page.AssertAccessibleAsync();

        (await arrange.BudgetOfAsync(call, lena)).Contributed.ShouldBe(25_000);
        (await arrange.LedgerProblemsAsync(call)).ShouldBeEmpty();
    });

    private static async Task GiveAsync(IPage page, Domain.Commons.Commons commons, Words w, string amount)
    {
        var card = page.CommonsCard(commons);
        var input = card.GetByLabel(new Regex($"^{Regex.Escape(w.GiveLabelStart)}"));
        await input.FillAsync(amount);
        await input.PressAsync("Tab");
        await card.GetByRole(AriaRole.Button, new() { Name = w.GiveSubmit }).ClickAsync();
    }

    private static async Task ExpectBudgetAsync(IPage page, string available, string contributed)
    {
        var budget = page.GetByTestId("my-budget");
        await Expect(budget.GetByTestId("budget-available")).ToHaveTextAsync(available);
        await Expect(budget.GetByTestId("budget-contributed")).ToHaveTextAsync(contributed);
    }

    /// <summary>What the member reads and clicks, in each language, written here rather than read from the app's resources.</summary>
    private sealed record Words(
        bool IsFrench, string CallSections, string Challenges, string NewChallenge, string Question, string Context, string Pain1, string Publish,
        string QuestionMark, string ChallengeQuestion, string Published, string Commons, string ProposeCommons, string Title, string Summary,
        string Kind, string Software, string Licence, string LineItem, string LineMinimum, string LineMaximum, string ProposeSubmit, string Proposed,
        string Wants, string Expectations, string Map, string SavePositioning, string PositioningSaved, string Funding, string RoundOpen, string OwnCommons,
        string GiveLabelStart, string GiveSubmit)
    {
        public static readonly Words French = new(
            true, "Sections de l'appel", "Micro-défis", "Nouveau micro-défi", "Question", "Contexte", "Irritant 1", "Publier",
            "Formulez le micro-défi comme une question : terminez-le par « ? ».", "Comment partager plus de vélos entre communes ?", "Publié",
            "Communs", "Proposer un commun", "Titre", "Résumé", "Type de commun", "Logiciel", "Licence ouverte", "Poste de la ligne 1",
            "Minimum de la ligne 1", "Maximum de la ligne 1", "Proposer ce commun", "Proposé", "Attend, utiliserait", "Qu'attendez-vous de ce commun ?", "Carte",
            "Enregistrer ma déclaration", "Votre déclaration d'engagement est enregistrée.", "Cofinancement",
            "Le cofinancement est ouvert.", "Un co-créateur ne peut pas financer son propre commun dans cet appel.",
            "Contribution de ", "Valider ma contribution");

        public static readonly Words English = new(
            false, "Call sections", "Micro-challenges", "New micro-challenge", "Question", "Context", "Pain 1", "Publish",
            "Phrase the micro-challenge as a question: end it with “?”.", "How can neighbouring towns share more bikes?", "Published",
            "Commons", "Propose a commons", "Title", "Summary", "Kind of commons", "Software", "Open licence", "Item of line 1",
            "Minimum of line 1", "Maximum of line 1", "Propose this commons", "Proposed", "Wants, would use", "What do you expect from this commons?", "Map",
            "Save my positioning", "Your positioning is saved.", "Co-funding",
            "The budget round is open.", "A co-creator may not fund its own commons in this call.",
            "Contribution of ", "Confirm my contribution");

        public string Money(string french, string english) => IsFrench ? french : english;
    }
}
