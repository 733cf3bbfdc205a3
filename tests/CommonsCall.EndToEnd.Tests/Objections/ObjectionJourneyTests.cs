using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Objections;

/// <summary>
/// Issue 16 §4 in French: the facilitator opens an objection window on a proposed commons, a member objects during
/// it, the facilitator cannot approve, answers the objection (resolved), then approves. axe, 1280 and 360 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ObjectionJourneyTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 800 };

    [Fact]
    public Task A_member_objects_the_facilitator_cannot_approve_answers_the_objection_then_approves() => browser.RunWithPeopleAsync(async people =>
    {
        var s = await ArrangeAsync();
        var url = $"/calls/{s.Call.Slug}/commons/{s.Commons.Id}";
        var clock = browser.App.Clock;
        var started = clock.GetUtcNow();
        try
        {
            // The facilitator gives the participants one day to object.
            var facilitator = await people.OpenPageAsync("facilitator");
            await facilitator.SignInAsync(s.Facilitator.Account, url);
            await facilitator.WaitForInteractiveAsync();
            var panel = facilitator.GetByTestId("objections");
            await Expect(panel.GetByTestId("objection-window")).ToHaveTextAsync("Aucune fenêtre d'objection n'a été ouverte : le commun peut être approuvé directement.");
            await panel.GetByLabel("Durée de la fenêtre (jours)").FillAsync("1");
            await panel.GetByLabel("Durée de la fenêtre (jours)").PressAsync("Tab");
            await panel.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la fenêtre d'objection" }).ClickAsync();
            await Expect(panel.GetByTestId("objections-message")).ToHaveTextAsync("Fenêtre d'objection ouverte.");
            await Expect(panel.GetByTestId("objection-window")).ToContainTextAsync("Fenêtre d'objection ouverte jusqu'au");

            // A member objects, with its reasons.
            var member = await people.OpenPageAsync("member");
            await member.SignInAsync(s.Member.Person.Account, url);
            await member.WaitForInteractiveAsync();
            var theirs = member.GetByTestId("objections");
            await theirs.GetByLabel("Votre objection et ses raisons (au moins 30 caractères)").FillAsync("Trop court.");
            await theirs.GetByRole(AriaRole.Button, new() { Name = "Objecter" }).ClickAsync();
            await Expect(theirs.Locator("#objection-reason-error")).ToHaveTextAsync("Une objection se motive : au moins 30 caractères.");
            await theirs.GetByLabel("Votre objection et ses raisons (au moins 30 caractères)")
                .FillAsync("Les plans ne disent pas comment les associations répareront le cadenas sans outil propriétaire.");
            await theirs.GetByRole(AriaRole.Button, new() { Name = "Objecter" }).ClickAsync();
            await Expect(theirs.GetByTestId("objections-message")).ToHaveTextAsync("Votre objection est enregistrée : l'animation doit y répondre avant d'approuver ce commun.");
            await Expect(theirs.GetByTestId("objection-state")).ToHaveTextAsync("En attente de réponse");
            await member.AssertAccessibleAsync();
            await member.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "objections-member-1280.png"), FullPage = true });
            await member.SetViewportSizeAsync(Phone.Width, Phone.Height);
            await Expect(theirs.GetByTestId("objection-reason")).ToBeVisibleAsync();
            (await member.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, "the page scrolls sideways");
            await member.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "objections-member-360.png"), FullPage = true });
            await theirs.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "objections-panel-360.png") });

            // The facilitator cannot approve during the window, nor after it while the objection waits.
            await facilitator.GotoInteractiveAsync(url);
            await facilitator.GetByTestId("approve").ClickAsync();
            await Expect(facilitator.Locator("[data-testid=form-error][data-code=objection_window_open]"))
                .ToHaveTextAsync("La fenêtre d'objection est encore ouverte : le commun pourra être approuvé quand elle sera close.");
            clock.Advance(TimeSpan.FromDays(1));
            await facilitator.GotoInteractiveAsync(url);
            await Expect(facilitator.GetByTestId("objection-window")).ToContainTextAsync("Fenêtre d'objection close le");
            await facilitator.GetByTestId("approve").ClickAsync();
            await Expect(facilitator.Locator("[data-testid=form-error][data-code=objection_open]"))
                .ToHaveTextAsync("Une objection attend une réponse : répondez-y avant d'approuver ce commun.");
            await Expect(facilitator.GetByTestId("commons-status")).ToHaveTextAsync("Proposé");

            // It answers the objection (resolved), then approves.
            var objection = facilitator.GetByTestId("objection");
            await objection.GetByLabel("Votre réponse (publique)").FillAsync("Le guide de réparation et la liste des pièces standard sont ajoutés au budget.");
            await objection.GetByLabel("Votre réponse (publique)").PressAsync("Tab");
            await objection.GetByRole(AriaRole.Button, new() { Name = "Marquer résolue" }).ClickAsync();
            await Expect(facilitator.GetByTestId("objections-message")).ToHaveTextAsync("Réponse publiée.");
            await Expect(objection.GetByTestId("objection-state")).ToHaveTextAsync("Résolue");
            await Expect(facilitator.Locator("[data-testid=form-error][data-code=objection_open]")).ToHaveCountAsync(0);
            await facilitator.AssertAccessibleAsync();
            await facilitator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "objections-facilitator-1280.png"), FullPage = true });
            await facilitator.GetByTestId("approve").ClickAsync();
            await Expect(facilitator.GetByTestId("commons-message")).ToHaveTextAsync("Le commun est retenu pour le cofinancement.");
            await Expect(facilitator.GetByTestId("commons-status")).ToHaveTextAsync("Retenu pour le cofinancement");

            // The member reads the answer on the commons page.
            await member.GotoInteractiveAsync(url);
            await Expect(member.GetByTestId("objection-answer")).ToHaveTextAsync("Le guide de réparation et la liste des pièces standard sont ajoutés au budget.");
            await Expect(member.GetByTestId("objection-state")).ToHaveTextAsync("Résolue");
            await member.AssertAccessibleAsync();
            await member.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "objections-answered-360.png"), FullPage = true });
        }
        finally
        {
            // The browser tests share one app: the others find its clock where they expect it.
            clock.Set(started);
        }
    });

    private async Task<Story> ArrangeAsync()
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Cadenas partagés du Trégor", facilitator);
        var member = await arrange.JoinedOrganisationAsync(call, "Cyclo'Trégor", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var holder = await arrange.JoinedOrganisationAsync(call, "Atelier Vélo Solidaire", OrganisationKind.Association, ParticipantRole.Member, "Maëlle Tanguy");
        await arrange.PublishedChallengeAsync(call, holder, "Comment partager plus de vélos ?");
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        var commons = await arrange.ProposedCommonsAsync(call, holder, "Cadenas connecté ouvert", CommonsKind.Hardware, "CERN-OHL-S-2.0", minimum: 60_000, maximum: 200_000);
        return new Story(call, facilitator, member, commons);
    }

    private sealed record Story(Call Call, Person Facilitator, Representative Member, Commons Commons);
}
