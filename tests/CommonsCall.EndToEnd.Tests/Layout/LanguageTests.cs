using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Layout;

[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(BrowserFixture browser)
{
    [Fact]
    public Task Switching_to_english_translates_the_pages_and_is_remembered_after_a_reload() => browser.RunAsync(async page =>
    {
        await page.GotoInteractiveAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Appels à communs");

        await page.GetByTestId("lang-en").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Commons calls");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator(".topbar-nav").GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("lang-en")).ToHaveAttributeAsync("aria-current", "true");

        var cookies = await page.Context.CookiesAsync();
        cookies.ShouldContain(c => c.Name == ".AspNetCore.Culture" && Uri.UnescapeDataString(c.Value) == "c=en|uic=en");

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Commons calls");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    });
}
