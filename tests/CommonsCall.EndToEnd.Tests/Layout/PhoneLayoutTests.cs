using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Layout;

[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize SmallPhone = new() { Width = 360, Height = 740 };

    // The page's width, and the widest elements that stick out of the screen without a box of their own that scrolls or
    // clips them (an absolutely positioned element is clipped only by the boxes from its containing block up).
    private const string MeasureWidth = """
        (() => {
          const vw = document.documentElement.clientWidth;
          const clipped = el => {
            let absolute = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
              const cs = getComputedStyle(a);
              if (absolute) { if (cs.position === 'static') continue; absolute = ['absolute', 'fixed'].includes(cs.position); }
              if (cs.overflowX !== 'visible' && a.getBoundingClientRect().right <= vw + 0.5) return true;
            }
            return false;
          };
          const found = [];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > vw + 0.5 && !clipped(el)) {
              const name = el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '') + (el.id ? '#' + el.id : '');
              found.push({ right: Math.round(r.right), name: name + ' "' + (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40) + '"' });
            }
          }
          found.sort((a, b) => b.right - a.right);
          return { sw: document.documentElement.scrollWidth, widest: found.slice(0, 3).map(f => f.name + ' (right edge ' + f.right + ' px)').join(' | ') };
        })()
        """;

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

    [Fact]
    public Task Every_journey_page_fits_a_360_px_phone_without_sideways_scroll_and_passes_the_accessibility_check() => browser.RunWithPeopleAsync(async people =>
    {
        var pages = await JourneyPages.AllAsync(browser.App);
        var directory = Path.Combine(BrowserFixture.ScreenshotDirectory, "phone");
        Directory.CreateDirectory(directory);
        var tooWide = new List<string>();
        var inaccessible = new List<string>();

        await JourneyPages.VisitAsync(people, pages, SmallPhone, async (page, journeyPage) =>
        {
            var width = await page.EvaluateAsync<System.Text.Json.JsonElement>(MeasureWidth);
            if (width.GetProperty("sw").GetInt32() > SmallPhone.Width)
            {
                tooWide.Add($"{journeyPage.Path} as {journeyPage.Who?.Email ?? "a visitor"}: {width.GetProperty("sw").GetInt32()} px wide; widest: {width.GetProperty("widest").GetString()}");
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{journeyPage.Name}.png"), FullPage = true });
            try
            {
                await page.AssertAccessibleAsync();
            }
            catch (AccessibilityViolationsException ex)
            {
                inaccessible.Add(ex.Message);
            }
        });

        pages.Count.ShouldBeGreaterThan(30);
        tooWide.ShouldBeEmpty($"these pages scroll sideways on a 360 px phone:{Environment.NewLine}{string.Join(Environment.NewLine, tooWide)}");
        inaccessible.ShouldBeEmpty(string.Join(Environment.NewLine, inaccessible));
    });

    [Fact]
    public Task On_a_phone_the_call_sections_fold_into_one_menu_that_names_the_current_section() => browser.RunAsync(async page =>
    {
        await page.SignInAsync(DemoData.Facilitator, $"/calls/{DemoData.RoundCallSlug}/ledger");

        var sections = page.GetByRole(AriaRole.Navigation, new() { Name = "Sections de l'appel" });
        var toggle = sections.GetByTestId("call-nav-toggle");
        await Expect(toggle).ToHaveTextAsync("Sections : Journal");
        await Expect(sections.GetByRole(AriaRole.Link, new() { Name = "Pilotage" })).ToBeHiddenAsync();
        var folded = await sections.BoundingBoxAsync();
        folded.ShouldNotBeNull();
        folded.Height.ShouldBeLessThan(100, "one folded menu, not four lines of tabs");

        await toggle.ClickAsync();
        await sections.GetByRole(AriaRole.Link, new() { Name = "Pilotage" }).ClickAsync();
        await page.WaitForURLAsync("**/manage");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Sections de l'appel" }).GetByTestId("call-nav-toggle")).ToHaveTextAsync("Sections : Pilotage");
    }, SmallPhone);
}
