using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Layout;

/// <summary>One visual language: Radzen in the app's colours, buttons in sentence case, a focus ring on controls only, the style page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ThemeTests(BrowserFixture browser)
{
    private const string Green = "rgb(47, 111, 79)";
    private const string Red = "rgb(164, 38, 44)";

    private static Task<string> StyleAsync(ILocator element, string property) =>
        element.EvaluateAsync<string>("(e, p) => getComputedStyle(e).getPropertyValue(p)", property);

    [Fact]
    public Task The_style_page_shows_the_button_hierarchy_in_the_app_colours_and_in_sentence_case() => browser.RunAsync(async page =>
    {
        await page.GotoInteractiveAsync("/design");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Guide de style", Level = 1 })).ToBeVisibleAsync();

        var primary = page.GetByRole(AriaRole.Button, new() { Name = "Action principale" });
        (await StyleAsync(primary, "background-color")).ShouldBe(Green);
        (await StyleAsync(primary, "text-transform")).ShouldBe("none");
        (await primary.InnerTextAsync()).ShouldBe("Action principale");
        var secondary = page.GetByRole(AriaRole.Button, new() { Name = "Action secondaire" });
        (await StyleAsync(secondary, "background-color")).ShouldBe("rgb(255, 255, 255)", "outlined");
        (await StyleAsync(secondary, "box-shadow")).ShouldContain(Green);
        var danger = page.GetByRole(AriaRole.Button, new() { Name = "Supprimer" }).First;
        (await StyleAsync(danger, "background-color")).ShouldBe(Red);
        var selectedTab = page.Locator(".rz-tabview-selected");
        (await StyleAsync(selectedTab, "border-top-color")).ShouldBe(Green, "no purple underline");

        await page.AssertAccessibleAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(1280);
    }, new ViewportSize { Width = 1280, Height = 900 });

    [Fact]
    public Task The_style_page_fits_a_phone_and_passes_the_accessibility_check_there() => browser.RunAsync(async page =>
    {
        await page.GotoInteractiveAsync("/design");
        await Expect(page.GetByTestId("design")).ToBeVisibleAsync();

        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await page.AssertAccessibleAsync();
    }, new ViewportSize { Width = 360, Height = 740 });

    [Fact]
    public Task The_heading_focused_after_a_navigation_has_no_box_and_controls_keep_their_ring() => browser.RunAsync(async page =>
    {
        await page.GotoInteractiveAsync($"/calls/{DemoData.CallSlug}/challenges");
        var heading = page.GetByRole(AriaRole.Heading, new() { Name = "Micro-défis", Level = 1 });
        await Expect(heading).ToBeVisibleAsync();

        // What FocusOnNavigate does once a page has rendered (when its heading is there in time): tabindex -1, then focus.
        await heading.EvaluateAsync("h => { h.setAttribute('tabindex', '-1'); h.focus(); }");
        await Expect(heading).ToBeFocusedAsync();
        (await StyleAsync(heading, "outline-style")).ShouldBe("none");

        await page.Keyboard.PressAsync("Tab");
        var focused = page.Locator(":focus");
        (await StyleAsync(focused, "outline-style")).ShouldBe("solid", "the next control shows where the keyboard is");
        (await StyleAsync(focused, "outline-width")).ShouldBe("3px");
    });
}
