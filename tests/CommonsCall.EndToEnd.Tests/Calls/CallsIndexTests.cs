using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Calls;

/// <summary>"Appels" in the menu leads to an index of the calls one may read, with a search box and pages (it was a bare 404).</summary>
[Collection(BrowserCollection.Name)]
public sealed class CallsIndexTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public Task A_visitor_finds_calls_by_searching_and_turns_the_pages() => browser.RunAsync(async page =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        await arrange.CallsAsync("Ateliers de réparation", facilitator, count: 23);

        await page.GotoInteractiveAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Appels", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/calls");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Appels à communs", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("call-card")).ToHaveCountAsync(20);

        await page.GetByLabel("Rechercher un appel (titre ou territoire)").FillAsync(arrange.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        // The form also sends its (empty) phase and territory filters.
        await page.WaitForURLAsync($"**/calls?q={arrange.Token}&phase=&territory=");
        await Expect(page.GetByTestId("calls-count")).ToHaveTextAsync($"23 appels correspondent à « {arrange.Token} ».");
        var cards = page.GetByTestId("call-card");
        await Expect(cards).ToHaveCountAsync(20);
        await Expect(cards.First).ToContainTextAsync($"Ateliers de réparation 23 ({arrange.Token})");
        await Expect(page.GetByTestId("calls-pager")).ToContainTextAsync("Page 1 sur 2");
        await page.AssertAccessibleAsync();

        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Page suivante" }).ClickAsync();
        await page.WaitForURLAsync($"**/calls?q={arrange.Token}&page=2");
        await Expect(page.GetByTestId("calls-pager")).ToContainTextAsync("Page 2 sur 2");
        await Expect(cards).ToHaveCountAsync(3);
        await Expect(cards.Last).ToContainTextAsync($"Ateliers de réparation 1 ({arrange.Token})");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Page suivante" })).ToHaveCountAsync(0);

        await cards.First.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/calls/appel-{arrange.Token}-3");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Ateliers de réparation 3 ({arrange.Token})", Level = 1 })).ToBeVisibleAsync();

        await page.GotoInteractiveAsync("/calls?q=aucun-appel-" + arrange.Token);
        await Expect(page.GetByTestId("calls-count")).ToHaveTextAsync($"Aucun appel ne correspond à « aucun-appel-{arrange.Token} ».");
        await Expect(page.GetByTestId("call-card")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task The_calls_index_fits_a_phone() => browser.RunAsync(async page =>
    {
        await page.GotoInteractiveAsync("/calls");
        await Expect(page.GetByTestId("call-card").First).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(Phone.Width, "the page scrolls sideways");
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "calls-index-360.png"), FullPage = true });
    }, Phone);
}
