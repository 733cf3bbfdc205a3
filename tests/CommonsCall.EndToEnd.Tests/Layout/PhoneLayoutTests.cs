using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Layout;

[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public Task On_a_phone_the_menu_folds_into_a_toggle_and_the_call_list_fits_the_screen() => browser.RunAsync(async page =>
    {
        await page.GotoInteractiveAsync("/");

        var toggle = page.Locator("details.menu-toggle");
        await Expect(toggle).ToBeVisibleAsync();
        await Expect(page.Locator(".topbar-nav")).ToBeHiddenAsync();

        // The home page shows the latest calls (other tests add some); the first must fit the screen.
        var callLink = page.GetByTestId("call-list").GetByRole(AriaRole.Link).First;
        await Expect(callLink).ToBeInViewportAsync();
        var card = await page.GetByTestId("call-list").Locator(".card").First.BoundingBoxAsync();
        card.ShouldNotBeNull();
        card.X.ShouldBeGreaterThanOrEqualTo(0);
        (card.X + card.Width).ShouldBeLessThanOrEqualTo(Phone.Width);
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        pageWidth.ShouldBeLessThanOrEqualTo(Phone.Width, "the page scrolls sideways");

        await toggle.Locator("summary").ClickAsync();
        await Expect(toggle.GetByRole(AriaRole.Link, new() { Name = "Appels", Exact = true })).ToBeVisibleAsync();
    }, Phone);
}
