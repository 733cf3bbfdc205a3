using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Layout;

/// <summary>
/// Pictures of the real app on the demo data: every journey page at 1280 px (to look at after a change of layout),
/// and the README's pictures, which <c>scripts/screenshots.sh</c> copies to <c>docs/screenshots</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Screenshots")]
public sealed class ScreenshotTests(BrowserFixture browser)
{
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    public static string ReadmeDirectory { get; } = Path.Combine(BrowserFixture.ScreenshotDirectory, "readme");

    [Fact]
    public Task Every_journey_page_is_photographed_at_1280_px() => browser.RunWithPeopleAsync(async people =>
    {
        var pages = await JourneyPages.AllAsync(browser.App);
        var directory = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop");
        Directory.CreateDirectory(directory);

        await JourneyPages.VisitAsync(people, pages, Desktop, async (page, journeyPage) =>
        {
            var path = Path.Combine(directory, $"{journeyPage.Name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            new FileInfo(path).Length.ShouldBeGreaterThan(10_000, $"{journeyPage.Path} photographed");
        });
    });

    [Fact]
    public Task The_README_pictures_show_the_main_pages_on_a_screen_and_a_phone() => browser.RunWithPeopleAsync(async people =>
    {
        Directory.CreateDirectory(ReadmeDirectory);
        var all = await JourneyPages.AllAsync(browser.App);
        JourneyPage Named(string name) => all.Single(p => p.Name == name);
        (JourneyPage Page, ViewportSize Size, string File)[] shots =
        [
            (Named("dashboard"), Desktop, "dashboard"),
            (Named("co-funding"), Desktop, "co-funding"),
            (Named("commons"), Desktop, "commons"),
            (Named("working-group"), Desktop, "working-group"),
            (Named("co-funding"), Phone, "phone-co-funding"),
            (Named("dashboard"), Phone, "phone-dashboard"),
        ];

        foreach (var size in new[] { Desktop, Phone })
        {
            var ofSize = shots.Where(s => s.Size == size).ToList();
            await JourneyPages.VisitAsync(people, ofSize.Select(s => s.Page), size, async (page, journeyPage) =>
            {
                await Expect(page.Locator("h1")).ToBeVisibleAsync();
                foreach (var shot in ofSize.Where(s => s.Page == journeyPage))
                {
                    var path = Path.Combine(ReadmeDirectory, $"{shot.File}.png");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
                    new FileInfo(path).Length.ShouldBeInRange(10_000, 400_000, $"{shot.File}: a picture of the page, small enough for the README");
                }
            });
        }
    });
}
