using System.Text.RegularExpressions;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Layout;

/// <summary>
/// The call's sections as the facilitator of a call in Follow-up sees them (every section there is): on one line of tabs
/// at 1280 px, the facilitators' own in one menu; all in the folded menu on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallNavTests(BrowserFixture browser)
{
    private const string Steering = $"/calls/{DemoData.FollowUpCallSlug}/manage";

    private static readonly Regex Active = new(@"\bactive\b");

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}.png") });
    }

    [Fact]
    public Task At_1280_px_the_facilitators_sections_fit_on_one_line_with_their_own_in_one_menu() => browser.RunAsync(async page =>
    {
        await page.SignInAsync(DemoData.Facilitator, Steering);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Sections de l'appel" });
        var more = nav.GetByTestId("call-nav-more");
        await Expect(more).ToHaveTextAsync(new Regex("^Animation"));
        await Expect(more).ToHaveClassAsync(Active, new() { Timeout = 30_000 });

        var tabs = nav.Locator(".call-nav-links > a, [data-testid=call-nav-more]");
        await Expect(tabs).ToHaveCountAsync(10);
        var tops = await tabs.EvaluateAllAsync<double[]>("tabs => tabs.map(t => Math.round(t.getBoundingClientRect().top))");
        tops.Distinct().Count().ShouldBe(1, $"the tabs wrap: {string.Join(", ", await tabs.AllInnerTextsAsync())} at {string.Join(", ", tops)}");

        await more.ClickAsync();
        await Expect(nav.Locator(".call-nav-more-links a")).ToHaveTextAsync(["Cadrage", "Participants", "Import et invitations", "Pilotage", "Évaluation", "Modération", "Journal", "Journal d'audit"]);
        await Expect(page.CallNav("Pilotage")).ToHaveClassAsync(Active);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(1280);
        await page.AssertAccessibleAsync();
        await ShotAsync(page, "call-nav-facilitator-1280");

        // The steering list says where each funded commons' agreement stands, a cancelled one included.
        var cancelled = page.GetByTestId("review-row").Filter(new() { HasText = DemoData.FollowUpCommons.CargoBikeGuide });
        await Expect(cancelled.GetByTestId("review-status")).ToHaveTextAsync("Annulé");

        await page.CallNav("Participants").ClickAsync();
        await page.WaitForURLAsync("**/participants");
        await Expect(page.CallNav("Modération")).ToBeHiddenAsync();
        await Expect(more).ToHaveClassAsync(Active);
    }, new ViewportSize { Width = 1280, Height = 800 });

    [Fact]
    public Task At_360_px_the_same_sections_fold_into_the_menu_without_sideways_scroll() => browser.RunAsync(async page =>
    {
        await page.SignInAsync(DemoData.Facilitator, Steering);
        var sections = page.GetByRole(AriaRole.Navigation, new() { Name = "Sections de l'appel" });
        await Expect(sections.GetByTestId("call-nav-toggle")).ToHaveTextAsync("Sections : Pilotage");
        await sections.GetByTestId("call-nav-toggle").ClickAsync();
        await Expect(sections.GetByRole(AriaRole.Link)).ToHaveCountAsync(17);

        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await ShotAsync(page, "call-nav-facilitator-360");
    }, new ViewportSize { Width = 360, Height = 740 });
}
