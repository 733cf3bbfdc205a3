using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Journeys;

/// <summary>
/// A member who uses only the keyboard gives to a commons on the co-funding page: Tab to move, type the amount,
/// Enter to confirm; no click anywhere. A refused amount is announced and linked to the field, and the same
/// keys correct it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardContributionTests(BrowserFixture browser)
{
    /// <summary>Generous: the page has a header, navigation and a card per commons before the one wanted.</summary>
    private const int MaxTabs = 80;

    [Fact]
    public Task A_member_completes_a_contribution_with_the_keyboard_only() => browser.RunAsync(async page =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Vélos partagés du pays de Rance", facilitator);
        var funder = await arrange.JoinedOrganisationAsync(call, "Fondation Mobilités Douces", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        var lena = await arrange.JoinedOrganisationAsync(call, "Cyclo'Rance", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var proposer = await arrange.JoinedOrganisationAsync(call, "Atelier Vélo Solidaire", OrganisationKind.Association, ParticipantRole.Member, "Maëlle Tanguy");
        await arrange.PublishedChallengeAsync(call, proposer, "Comment partager plus de vélos ?");
        var bikeLock = await arrange.ApprovedCommonsAsync(call, proposer, "Cadenas connecté ouvert", CommonsKind.Hardware, "CERN-OHL-S-2.0", minimum: 100_000, maximum: 200_000);
        var stations = await arrange.ApprovedCommonsAsync(call, proposer, "Données ouvertes des stations", CommonsKind.Data, "ODbL-1.0", minimum: 100_000, maximum: 150_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        await arrange.PledgeAsync(call, funder, 200_000);
        await arrange.GrantEquallyAsync(call, facilitator);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);

        await page.SignInAsync(lena.Person.Account, $"/calls/{call.Slug}/funding");
        await Expect(page.GetByTestId("budget-available")).ToHaveTextAsync("1 000,00 €");

        // Back to the skip link (the router may have put the focus on the heading), which leads past the header.
        await TabUntilFocusedAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" }), backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe($"/calls/{call.Slug}/funding");

        // To the stations data's amount; 1 200 € is more than the member has.
        var card = page.CommonsCard(stations);
        var amount = card.GetByLabel("Contribution de " + lena.Name + " (EUR)");
        await TabUntilFocusedAsync(page, amount);
        await page.Keyboard.TypeAsync("1200");
        var confirm = card.GetByRole(AriaRole.Button, new() { Name = "Valider ma contribution" });
        await TabUntilFocusedAsync(page, confirm);
        await page.Keyboard.PressAsync("Enter");
        await Expect(card.GetByTestId("form-error")).ToHaveTextAsync("Votre budget restant ne suffit pas pour cette contribution.");
        await Expect(amount).ToHaveAccessibleDescriptionAsync("Votre budget restant ne suffit pas pour cette contribution.");
        await Expect(card.GetByTestId("commons-total")).ToHaveTextAsync("0,00 €");
        await page.AssertAccessibleAsync();

        // Back to the field (Shift+Tab), a smaller amount, Enter: given.
        await TabUntilFocusedAsync(page, amount, backwards: true);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("400");
        await TabUntilFocusedAsync(page, confirm);
        await page.Keyboard.PressAsync("Enter");
        await Expect(card.GetByTestId("commons-total")).ToHaveTextAsync("400,00 €");
        await Expect(page.GetByTestId("budget-available")).ToHaveTextAsync("600,00 €");
        await Expect(card.GetByTestId("form-error")).ToHaveCountAsync(0);
        await Expect(page.CommonsCard(bikeLock).GetByTestId("commons-total")).ToHaveTextAsync("0,00 €");
        (await arrange.BudgetOfAsync(call, lena)).Contributed.ShouldBe(40_000);
    });

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus; fails when it is never reached.</summary>
    private static async Task TabUntilFocusedAsync(IPage page, ILocator target, bool backwards = false)
    {
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        await Expect(target).ToBeFocusedAsync(new() { Timeout = 1 });
    }
}
