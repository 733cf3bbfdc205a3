using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Budgeting;

/// <summary>
/// The co-funding page never submits an amount the member did not type: "-50" is refused in words next to the field
/// (it used to be clamped to 0 and silently withdrew the contribution), zero asks before withdrawing, and every
/// accepted change is announced with what the member has left.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContributionAmountTests(BrowserFixture browser)
{
    [Fact]
    public Task A_negative_amount_is_refused_and_zero_is_confirmed_before_a_contribution_is_withdrawn() => browser.RunAsync(async page =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Vélos partagés du pays de Rance", facilitator);
        var funder = await arrange.JoinedOrganisationAsync(call, "Fondation Mobilités Douces", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        var lena = await arrange.JoinedOrganisationAsync(call, "Cyclo'Rance", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var proposer = await arrange.JoinedOrganisationAsync(call, "Atelier Vélo Solidaire", OrganisationKind.Association, ParticipantRole.Member, "Maëlle Tanguy");
        await arrange.PublishedChallengeAsync(call, proposer, "Comment partager plus de vélos ?");
        var stations = await arrange.ApprovedCommonsAsync(call, proposer, "Données ouvertes des stations", CommonsKind.Data, "ODbL-1.0", minimum: 100_000, maximum: 150_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        await arrange.PledgeAsync(call, funder, 200_000);
        await arrange.GrantEquallyAsync(call, facilitator);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);
        await arrange.ContributeAsync(call, lena, stations, 10_000);

        await page.SignInAsync(lena.Person.Account, $"/calls/{call.Slug}/funding");
        var card = page.CommonsCard(stations);
        var amount = card.GetByLabel("Contribution de " + lena.Name + " (EUR)");
        var confirm = card.GetByRole(AriaRole.Button, new() { Name = "Valider ma contribution" });
        var announcement = card.GetByTestId("give-confirmation");
        await Expect(amount).ToHaveValueAsync("100");
        await Expect(card.GetByTestId("commons-total")).ToHaveTextAsync("100,00 €");

        // -50: refused in words, read with the field; the 100 € stay, even after a reload.
        await amount.FillAsync("-50");
        await confirm.ClickAsync();
        var refusal = card.GetByTestId("form-error");
        await Expect(refusal).ToHaveTextAsync("Un montant ne peut pas être négatif : tapez 0 ou plus.");
        await Expect(amount).ToHaveAccessibleDescriptionAsync("Un montant ne peut pas être négatif : tapez 0 ou plus.");
        await Expect(amount).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(card.GetByRole(AriaRole.Alertdialog)).ToHaveCountAsync(0);
        await Expect(card.GetByTestId("commons-total")).ToHaveTextAsync("100,00 €");
        await page.AssertAccessibleAsync();
        (await arrange.BudgetOfAsync(call, lena)).Contributed.ShouldBe(10_000);
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(card.GetByTestId("commons-total")).ToHaveTextAsync("100,00 €");
        await Expect(page.GetByTestId("budget-available")).ToHaveTextAsync("900,00 €");

        // 0: a question first, with the amount; the focus is on the answer. Keeping changes nothing.
        await amount.FillAsync("0");
        await confirm.ClickAsync();
        var question = card.GetByRole(AriaRole.Alertdialog);
        await Expect(question).ToContainTextAsync("Retirer vos 100,00 € de Données ouvertes des stations ?");
        await Expect(question.GetByRole(AriaRole.Button, new() { Name = "Retirer" })).ToBeFocusedAsync();
        await page.AssertAccessibleAsync();
        await SaveScreenshotsAsync(page, "funding-withdrawal-question");
        await question.GetByRole(AriaRole.Button, new() { Name = "Garder ma contribution" }).ClickAsync();
        await Expect(question).ToHaveCountAsync(0);
        await Expect(amount).ToHaveValueAsync("100");
        await Expect(amount).ToBeFocusedAsync();
        (await arrange.BudgetOfAsync(call, lena)).Contributed.ShouldBe(10_000);

        // 150: accepted, and the page says so with what is left.
        await amount.FillAsync("150");
        await confirm.ClickAsync();
        await Expect(announcement).ToHaveTextAsync("Contribution enregistrée : 150,00 € à Données ouvertes des stations, il vous reste 850,00 €.");
        await Expect(announcement).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(card.GetByTestId("form-error")).ToHaveCountAsync(0);
        await Expect(card.GetByTestId("commons-total")).ToHaveTextAsync("150,00 €");
        await SaveScreenshotsAsync(page, "funding-contribution-saved");

        // 0 again, confirmed: withdrawn, and said.
        await amount.FillAsync("0");
        await confirm.ClickAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Retirer" }).ClickAsync();
        await Expect(announcement).ToHaveTextAsync("Contribution retirée de Données ouvertes des stations : il vous reste 1 000,00 €.");
        await Expect(card.GetByTestId("commons-total")).ToHaveTextAsync("0,00 €");
        await Expect(page.GetByTestId("budget-available")).ToHaveTextAsync("1 000,00 €");
        (await arrange.BudgetOfAsync(call, lena)).Contributed.ShouldBe(0);
        (await arrange.LedgerProblemsAsync(call)).ShouldBeEmpty();
    });

    /// <summary>Keeps what the page looks like at 1280 and 360 px wide beside the suite's other screenshots.</summary>
    private static async Task SaveScreenshotsAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        var size = page.ViewportSize;
        foreach (var width in new[] { 1280, 360 })
        {
            await page.SetViewportSizeAsync(width, 740);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}-{width}.png"), FullPage = true });
        }

        if (size is not null)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }
}
