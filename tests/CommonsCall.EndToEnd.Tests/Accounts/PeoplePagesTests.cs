using CommonsCall.Domain.Calls;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Accounts;

/// <summary>
/// The pages of issue 13's people part in a real browser: a facilitator names and removes a co-facilitator and
/// subscribes to their calendar (the feed read as a calendar application would, then revoked); an administrator
/// finds an account, disables and enables it. Each page is scanned with axe and fits a phone (360 px) without
/// scrolling sideways; screenshots at 1280 and 360 px are kept.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PeoplePagesTests(BrowserFixture browser)
{
    private static readonly ViewportSize Wide = new() { Width = 1280, Height = 900 };
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public Task A_facilitator_names_and_removes_a_co_facilitator_and_subscribes_to_their_calendar() => browser.RunWithPeopleAsync(async people =>
    {
        var arranger = new CallArranger(browser.App);
        var facilitator = await arranger.FacilitatorAsync("Camille Animatrice");
        var colleague = await arranger.FacilitatorAsync("Yanis Collègue");
        var call = await arranger.CallAsync("Communs du calendrier", facilitator);
        await PlanChallengesAsync(call, TestClock.Today.AddDays(12));

        var page = await people.OpenPageAsync("facilitator", Wide);
        await page.SignInAsync(facilitator.Account, $"/calls/{call.Slug}/manage");
        var panel = page.GetByTestId("facilitators");
        await Expect(panel.GetByTestId("last-facilitator")).ToBeVisibleAsync();
        await page.Locator("#facilitator-email").FillAsync(colleague.Account.Email);
        await panel.GetByTestId("appoint-facilitator").ClickAsync();
        await Expect(page.GetByTestId("facilitator-appointed")).ToContainTextAsync("anime désormais l'appel");
        await Expect(panel.GetByTestId("facilitator")).ToHaveCountAsync(2);
        await page.AssertAccessibleAsync();
        await SaveAsync(page, "manage-facilitators-1280");

        await panel.GetByRole(AriaRole.Button, new() { Name = "Retirer Yanis Collègue de l'animation" }).ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Retirer", Exact = true }).ClickAsync();
        await Expect(panel.GetByTestId("facilitator")).ToHaveCountAsync(1);
        await Expect(panel.GetByTestId("last-facilitator")).ToBeVisibleAsync();

        await page.GotoInteractiveAsync("/account/calendar");
        await page.GetByTestId("create-calendar").ClickAsync();
        var url = await page.GetByTestId("calendar-url").TextContentAsync();
        var feedPath = new Uri(url!.Trim()).PathAndQuery;
        var feed = await page.APIRequest.GetAsync(feedPath);
        feed.Status.ShouldBe(200);
        feed.Headers["content-type"].ShouldBe("text/calendar; charset=utf-8");
        Ical.Net.Calendar.Load(await feed.TextAsync())!.Events.Select(e => e.Summary).ShouldBe([$"Début de la phase « Micro-défis » — {call.Title}"]);
        await Expect(page.GetByTestId("calendar-state")).ToContainTextAsync("Lien actif depuis");
        await page.AssertAccessibleAsync();
        await SaveAsync(page, "calendar-1280");

        await page.GetByTestId("revoke-calendar").ClickAsync();
        await Expect(page.GetByTestId("create-calendar")).ToBeVisibleAsync();
        (await page.APIRequest.GetAsync(feedPath)).Status.ShouldBe(404);

        await page.GotoInteractiveAsync($"/calls/{call.Slug}");
        var callFeed = await page.APIRequest.GetAsync((await page.GetByTestId("call-calendar-link").GetAttributeAsync("href"))!);
        callFeed.Status.ShouldBe(200, "a public call's feed needs no secret");
        Ical.Net.Calendar.Load(await callFeed.TextAsync())!.Events.Count.ShouldBe(1);

        var phone = await people.OpenPageAsync("facilitator-phone", Phone);
        await phone.SignInAsync(facilitator.Account, "/account/calendar");
        await phone.GetByTestId("create-calendar").ClickAsync();
        await Expect(phone.GetByTestId("calendar-url")).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync();
        await FitsAndIsSavedAsync(phone, "calendar-360");
        await phone.GotoInteractiveAsync($"/calls/{call.Slug}/manage");
        await Expect(phone.GetByTestId("facilitators")).ToBeVisibleAsync();
        await FitsAndIsSavedAsync(phone, "manage-facilitators-360");
    });

    [Fact]
    public Task An_administrator_finds_an_account_disables_it_and_enables_it_again() => browser.RunWithPeopleAsync(async people =>
    {
        var arranger = new CallArranger(browser.App);
        var person = await arranger.FacilitatorAsync("Zoé Désactivable");

        var admin = await people.OpenPageAsync("admin", Wide);
        await admin.SignInAsync(DemoData.Administrator, "/admin/users");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Utilisateurs", Level = 1 })).ToBeVisibleAsync();
        await admin.GetByTestId("user-search").FillAsync(arranger.Token);
        await admin.GetByTestId("user-search-submit").ClickAsync();
        var row = admin.GetByTestId("user-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("user-roles")).ToHaveTextAsync("Animateur·rice");

        await row.GetByRole(AriaRole.Button, new() { Name = "Désactiver le compte de Zoé Désactivable" }).ClickAsync();
        await admin.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Désactiver", Exact = true }).ClickAsync();
        await Expect(admin.GetByTestId("users-message")).ToHaveTextAsync("Le compte de Zoé Désactivable est désactivé.");
        await Expect(row.GetByTestId("user-state")).ToContainTextAsync("Désactivé le");
        await admin.AssertAccessibleAsync();
        await SaveAsync(admin, "admin-users-1280");

        var refused = await people.OpenPageAsync("disabled");
        await refused.SubmitSignInAsync(person.Account.Email, DemoData.Password);
        await Expect(refused.GetByTestId("login-error")).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Réactiver le compte de Zoé Désactivable" }).ClickAsync();
        await Expect(row.GetByTestId("user-state")).ToHaveTextAsync("Actif");
        var ownRow = admin.GetByTestId("user-row").Filter(new() { HasText = DemoData.Administrator.Email });
        await admin.GetByTestId("user-search").FillAsync(DemoData.Administrator.Email);
        await admin.GetByTestId("user-search-submit").ClickAsync();
        await Expect(ownRow.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        var phone = await people.OpenPageAsync("admin-phone", Phone);
        await phone.SignInAsync(DemoData.Administrator, "/admin/users");
        await Expect(phone.GetByTestId("users")).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync();
        await FitsAndIsSavedAsync(phone, "admin-users-360");
    });

    private async Task PlanChallengesAsync(Call call, DateOnly day)
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var tracked = await db.Calls.SingleAsync(c => c.Id == call.Id);
        tracked.SetPlannedDates(PhaseSchedule.From([(CallPhase.Challenges, day)])).IsSuccess.ShouldBeTrue();
        await db.SaveChangesAsync();
    }

    private static async Task FitsAndIsSavedAsync(IPage page, string name)
    {
        await SaveAsync(page, name);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(Phone.Width, $"{name} scrolls sideways");
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
