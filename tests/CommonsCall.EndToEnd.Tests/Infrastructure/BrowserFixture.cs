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

    public KestrelDemoApp App { get; } = new();

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
    public async Task RunAsync(Func<IPage, Task> test, ViewportSize? viewport = null, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        var options = new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString() };
        if (viewport is not null)
        {
            options.ViewportSize = viewport;
        }

        await using var context = await _browser!.NewContextAsync(options);
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

        try
        {
            await test(page);
        }
        catch (Exception ex)
        {
            throw new BrowserTestFailedException(await DescribeFailureAsync(page, testName, consoleErrors, ex), ex);
        }
    }

    /// <summary>Saves a screenshot and, beside it, a text file with the failure (test output is easily lost on CI).</summary>
    private static async Task<string> DescribeFailureAsync(IPage page, string testName, List<string> consoleErrors, Exception failure)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.Combine(ScreenshotDirectory, $"{testName}-{stamp}.png");
        var description = new StringBuilder();
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            description.Append(CultureInfo.InvariantCulture, $"Screenshot: {path}");
        }
        catch (PlaywrightException ex)
        {
            description.Append(CultureInfo.InvariantCulture, $"No screenshot ({ex.Message.Split('\n')[0]})");
        }

        description.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}Page: {page.Url}");
        foreach (var error in consoleErrors)
        {
            description.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}Browser console error: {error}");
        }

        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".txt"), $"{description}{Environment.NewLine}{failure}");
        return description.ToString();
    }
}

/// <summary>A browser test failure, with where to look: the screenshot, the page, the console.</summary>
public sealed class BrowserTestFailedException(string whereToLook, Exception inner) : Exception($"{whereToLook}{Environment.NewLine}{inner.Message}", inner);

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
