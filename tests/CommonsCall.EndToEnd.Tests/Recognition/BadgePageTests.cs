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
    /// <summary>A call settled with the bike lock funded: its holder's organisation has a badge.</summary>
    private sealed record Settled(Call Call, Person Facilitator, Representative Member, Representative Holder);

    private async Task<Settled> SettleAsync()
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
        return new Settled(call, facilitator, member, holder);
    }

    [Fact]
    public Task A_member_follows_the_rankings_badge_link_to_the_public_badge_page() => browser.RunWithPeopleAsync(async people =>
    {
        var (call, _, member, holder) = await SettleAsync();

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

    [Fact]
    public Task A_facilitator_revokes_a_badge_from_the_reports_page_and_its_page_then_says_why() => browser.RunWithPeopleAsync(async people =>
    {
        var (call, facilitator, _, holder) = await SettleAsync();
        const string reason = "Le cadenas livré n'est pas celui du commun financé.";

        var page = await people.OpenPageAsync("facilitator");
        await page.SignInAsync(facilitator.Account, $"/calls/{call.Slug}/reports");
        var badges = page.GetByTestId("call-badges");
        var row = badges.GetByTestId("call-badge").Filter(new() { HasText = holder.Name }).Filter(new() { HasText = "Porteur d'un commun financé" });
        await Expect(row.GetByTestId("call-badge-state")).ToContainTextAsync("Valide");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "call-badges-1280.png"), FullPage = true });

        await row.GetByTestId("call-badge-revoke").ClickAsync();
        await page.GetByTestId("revoke-confirm").ClickAsync();
        await Expect(page.Locator("#revoke-reason-error")).ToContainTextAsync("Dites pourquoi ce badge est révoqué");
        await page.GetByLabel("Raison de la révocation (publiée)").FillAsync(reason);
        await page.AssertAccessibleAsync();
        await page.SetViewportSizeAsync(360, 800);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360, "the page scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "call-badges-revoke-360.png"), FullPage = true });
        await page.GetByTestId("revoke-confirm").ClickAsync();

        await Expect(page.GetByTestId("call-badges-message")).ToContainTextAsync("Le badge est révoqué");
        await Expect(row.GetByTestId("call-badge-state")).ToContainTextAsync(reason);
        await Expect(row.GetByTestId("call-badge-revoke")).ToHaveCountAsync(0);
        var href = await row.Locator("a").GetAttributeAsync("href");
        await page.GotoAsync(href!);
        await Expect(page.GetByTestId("badge-revoked")).ToContainTextAsync(reason);
    });
}
