using System.Web;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Accounts;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public Task Wrong_password_shows_an_error_and_stays_on_the_sign_in_page() => browser.RunAsync(async page =>
    {
        await page.SubmitSignInAsync(DemoData.Funder.Email, "not-the-demo-password");

        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/login");
        await Expect(page.GetByTestId("user-menu")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Anonymous_visit_to_an_admin_page_asks_to_sign_in_and_returns_there_afterwards() => browser.RunAsync(async page =>
    {
        await page.GotoAsync("/admin/invitations");
        await page.WaitForURLAsync("**/account/login?**");

        var url = new Uri(page.Url);
        url.AbsolutePath.ShouldBe("/account/login");
        var query = HttpUtility.ParseQueryString(url.Query);
        var returnUrlKey = query.AllKeys.SingleOrDefault(k => string.Equals(k, "returnUrl", StringComparison.OrdinalIgnoreCase));
        returnUrlKey.ShouldNotBeNull($"no returnUrl in {url}");
        query[returnUrlKey].ShouldBe("/admin/invitations");

        await page.Locator("#email").FillAsync(DemoData.Administrator.Email);
        await page.Locator("#password").FillAsync(DemoData.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync("**/admin/invitations");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Invitations");
    });

    [Fact]
    public Task Signing_out_from_the_user_menu_returns_to_an_anonymous_page() => browser.RunAsync(async page =>
    {
        await page.SignInAsync(DemoData.MemberA);

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user-menu")).ToHaveCountAsync(0);
        new Uri(page.Url).AbsolutePath.ShouldBe("/");
    });
}
