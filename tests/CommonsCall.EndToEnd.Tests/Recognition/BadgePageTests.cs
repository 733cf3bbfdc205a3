using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Recognition;

/// <summary>Issue 16 §6 in French: after settlement, the involvement ranking links the badges, and a badge's public page shows it. axe, 1280 and 360 px.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BadgePageTests(BrowserFixture browser)
{
    [Fact]
    public Task A_member_follows_the_rankings_badge_link_to_the_public_badge_page() => browser.RunWithPeopleAsync(async people =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Vélos en commun du Léon", facilitator);
        var funder = await arrange.JoinedOrganisationAsync(call, "Fondation du Léon", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        var member = await arrange.JoinedOrganisationAsync(call, "Roue Libre Léon", OrganisationKind.Startup, ParticipantRole.Member, "Yanis Le Goff");
        var holder = await arrange.JoinedOrganisationAsync(call, "Atelier Vélo du Léon", OrganisationKind.Association, ParticipantRole.Member, "Maëlle Tanguy");
        await arrange.PublishedChallengeAsync(call, holder, "Comment partager plus de vélos ?");
        var bikeLock = await arrange.ApprovedCommonsAsync(call, holder, "Cadenas connecté ouvert", CommonsKind.Hardware, "CERN-OHL-S-2.0", minimum: 20_000, maximum: 100_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        await arrange.PledgeAsync(call, funder, 100_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);
        await arrange.GrantEquallyAsync(call, facilitator);
        await arrange.ContributeAsync(call, member, bikeLock, 30_000);
        (await browser.App.Services.GetRequiredService<RoundService>().CloseAsync(facilitator.Actor, new CloseRound(call.Id))).Error.ShouldBeNull();

        var page = await people.OpenPageAsync("member");
        await page.SignInAsync(member.Person.Account, $"/calls/{call.Slug}/reports");
        var row = page.Locator($"[data-testid=ranking-row][data-organisation='{holder.Organisation.Id}']");
        await row.GetByTestId("ranking-badge").Filter(new() { HasText = "Porteur d'un commun financé" }).ClickAsync();

        await Expect(page.GetByTestId("badge-name")).ToHaveTextAsync("Porteur d'un commun financé");
        await Expect(page.GetByTestId("badge-recipient")).ToHaveTextAsync($"Décerné à {holder.Name}");
        await Expect(page.GetByTestId("badge-subject")).ToHaveTextAsync("Cadenas connecté ouvert");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "badge-1280.png"), FullPage = true });
        await page.SetViewportSizeAsync(360, 800);
        await Expect(page.GetByTestId("badge-assertion")).ToBeVisibleAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360, "the page scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "badge-360.png"), FullPage = true });

        var assertion = await page.APIRequest.GetAsync((await page.GetByTestId("badge-assertion").GetAttributeAsync("href"))!);
        assertion.Status.ShouldBe(200);
        (await assertion.TextAsync()).ShouldContain("\"verification\":{\"type\":\"hosted\"}");
    });
}
