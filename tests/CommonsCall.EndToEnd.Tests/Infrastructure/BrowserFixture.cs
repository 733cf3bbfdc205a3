using System.Globalization;
using System.Text;

namespace CommonsCall.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One app and one headless Chromium for the whole run; every test gets a browser context of its own
/// (its own cookies and storage) through <see cref="RunAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // Without the networking flags Chromium keeps calling home and floods the closed network with refused connections.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserFixture()
        : this(new KestrelDemoApp())
    {
    }

    /// <summary>A browser on another app (one sending its mail to smtp4dev, say); xunit builds fixtures with the public constructor.</summary>
    internal BrowserFixture(KestrelDemoApp app) => App = app;

    public KestrelDemoApp App { get; }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath}: apt-get install -y chromium");
        }

        // Generous on a busy 2-core machine: a circuit can take a few seconds to come up there.
        Assertions.SetDefaultExpectTimeout(15_000);
        var app = App.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        await app;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }

    /// <summary>
    /// Runs a test body in a fresh browser context on the app. When the body fails, the page is saved as a
    /// screenshot and the failure names it, with the page's URL and the browser's console errors.
    /// </summary>
    public Task RunAsync(Func<IPage, Task> test, ViewportSize? viewport = null, [System.Runtime.CompilerServices.CallerMemberName] string testName = "") =>
        RunWithPeopleAsync(async people => await test(await people.OpenPageAsync(who: null, viewport)), testName);

    /// <summary>
    /// Runs a test body where several people use the app at once, each in a browser context of their own (their
    /// own cookies, so their own sign-in). When the body fails, every page opened is saved as a screenshot.
    /// </summary>
    public async Task RunWithPeopleAsync(Func<BrowserPeople, Task> test, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        await using var people = new BrowserPeople(_browser!, App.BaseAddress);
        try
        {
            await test(people);
        }
        catch (Exception ex)
        {
            throw new BrowserTestFailedException(await DescribeFailureAsync(people.Pages, testName, ex), ex);
        }
    }

    /// <summary>Saves a screenshot per page and, beside them, a text file with the failure (test output is easily lost on CI).</summary>
    private static async Task<string> DescribeFailureAsync(IReadOnlyList<PersonPage> pages, string testName, Exception failure)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var description = new StringBuilder();
        foreach (var (who, page, consoleErrors) in pages)
        {
            var name = who is null ? testName : $"{testName}-{who}";
            var path = Path.Combine(ScreenshotDirectory, $"{name}-{stamp}.png");
            if (description.Length > 0)
            {
                description.AppendLine();
            }

            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                description.Append(CultureInfo.InvariantCulture, $"Screenshot: {path}");
            }
            catch (PlaywrightException ex)
            {
                description.Append(CultureInfo.InvariantCulture, $"No screenshot of {who ?? "the page"} ({ex.Message.Split('\n')[0]})");
            }

            description.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}Page{(who is null ? "" : $" of {who}")}: {page.Url}");
            foreach (var error in consoleErrors)
            {
                description.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}Browser console error: {error}");
            }
        }

        var textPath = Path.Combine(ScreenshotDirectory, $"{testName}-{stamp}.txt");
        await File.WriteAllTextAsync(textPath, $"{description}{Environment.NewLine}{failure}");
        return description.ToString();
    }
}

/// <summary>A page opened for one person of a test, with what the browser reported as errors.</summary>
public sealed record PersonPage(string? Who, IPage Page, List<string> ConsoleErrors);

/// <summary>The people of one test: each page it opens lives in a browser context of its own.</summary>
public sealed class BrowserPeople(IBrowser browser, Uri baseAddress) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<PersonPage> _pages = [];

    public IReadOnlyList<PersonPage> Pages => _pages;

    /// <summary>Opens a page in a new browser context; <paramref name="who"/> names its screenshot on failure.</summary>
    public async Task<IPage> OpenPageAsync(string? who, ViewportSize? viewport = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = baseAddress.ToString() };
        if (viewport is not null)
        {
            options.ViewportSize = viewport;
        }

        var context = await browser.NewContextAsync(options);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
        _pages.Add(new PersonPage(who, page, consoleErrors));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }
}

/// <summary>A browser test failure, with where to look: the screenshot, the page, the console.</summary>
public sealed class BrowserTestFailedException(string whereToLook, Exception inner) : Exception($"{whereToLook}{Environment.NewLine}{inner.Message}", inner);

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
