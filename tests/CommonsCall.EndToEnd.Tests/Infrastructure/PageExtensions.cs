using CommonsCall.Web.Data;

namespace CommonsCall.EndToEnd.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the Blazor circuit is up (the layout reports <c>data-interactive="true"</c>): before that,
    /// a click on an interactive element lands on prerendered HTML and is lost.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Assertions.Expect(page.Locator(".shell")).ToHaveAttributeAsync("data-interactive", "true");

    /// <summary>Loads a page and waits for its circuit.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>
    /// Chooses a file as a person would: once the input is enabled. The app's <c>FileInput</c> stays disabled until the
    /// browser listens to it; a file set on it before then would be dropped, and Playwright sets files even on a disabled input.
    /// </summary>
    public static async Task ChooseFileAsync(this ILocator input, FilePayload file)
    {
        await Assertions.Expect(input).ToBeEnabledAsync();
        await input.SetInputFilesAsync(file);
    }

    /// <summary>Fills the (static) sign-in form and submits it; the caller asserts where it leads.</summary>
    public static async Task SubmitSignInAsync(this IPage page, string email, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }

    /// <summary>Signs in with the demo password and waits for the interactive page it lands on.</summary>
    public static async Task SignInAsync(this IPage page, DemoAccount account, string returnUrl = "/")
    {
        await page.SubmitSignInAsync(account.Email, DemoData.Password, returnUrl);
        // Only the arrival is awaited here, by reading the page's address until it is the one asked for: the load event
        // of a page Blazor then enhances was once missed after the URL had matched, and WaitForURL once waited 60 s on a
        // busy machine while the page already showed that address. The circuit being up is what the test needs next.
        var path = returnUrl.Split('?')[0];
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (new Uri(page.Url).AbsolutePath != path)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Signing in did not lead to {path} within 60 s: the page is at {page.Url}.");
            }

            await Task.Delay(100);
        }

        await page.WaitForInteractiveAsync();
    }
}
