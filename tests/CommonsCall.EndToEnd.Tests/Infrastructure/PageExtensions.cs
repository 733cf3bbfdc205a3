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
        // Only the arrival is awaited here (the load event of a page Blazor then enhances was once missed after the URL
        // had matched, on a busy machine); the circuit being up is what the test needs, and what comes next waits for.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl.Split('?')[0], new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await page.WaitForInteractiveAsync();
    }
}
