using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommonsCall.Web.Tests.Security;

/// <summary>
/// Sudo mode: creating an access token needs a password typed within <see cref="RecentSignIn.Window"/>, so that a
/// stolen cookie or an unattended browser cannot mint a token that outlives the session.
/// </summary>
public sealed class RecentSignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string TokensPage = "/account/tokens";
    private const string SignInAgain = "/account/login?returnUrl=%2Faccount%2Ftokens";

    private readonly TestData _data = new(app);

    private static Task<HttpResponseMessage> MintAsync(Browser browser) =>
        browser.Client.SendAsync(Browser.FromOurPages(new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(new { name = "sudo" }) }));

    /// <summary>The sign-in a cookie carries, read with the app's own keys.</summary>
    private ClaimsPrincipal SignInIn(string cookie) =>
        app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme)
            .TicketDataFormat.Unprotect(cookie).ShouldNotBeNull().Principal;

    private async Task<int> TokenCountAsync(Actor user)
    {
        await using var db = await _data.DbAsync();
        return await db.PersonalAccessTokens.CountAsync(t => t.UserId == user.UserId);
    }

    [Fact]
    public async Task A_fresh_sign_in_creates_a_token_until_the_end_of_the_window()
    {
        var user = await _data.UserAsync();
        var browser = await Browser.SignedInAsync(app, user);
        await (await MintAsync(browser)).ShouldBeOkAsync(HttpStatusCode.Created);

        app.Clock.Advance(RecentSignIn.Window);

        await (await MintAsync(browser)).ShouldBeOkAsync(HttpStatusCode.Created);
        (await TokenCountAsync(user)).ShouldBe(2);
    }

    [Fact]
    public async Task After_the_window_creating_a_token_is_refused_and_nothing_is_stored_but_the_session_goes_on()
    {
        var user = await _data.UserAsync();
        var browser = await Browser.SignedInAsync(app, user);

        app.Clock.Advance(RecentSignIn.Window + TimeSpan.FromMinutes(1));

        await (await MintAsync(browser)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.RecentSignInRequired);
        (await TokenCountAsync(user)).ShouldBe(0);
        await (await browser.Client.GetAsync("/api/v1/me/tokens")).ShouldBeOkAsync();
    }

    [Fact]
    public async Task Renewing_the_sliding_cookie_keeps_the_time_of_the_sign_in_so_an_old_one_stays_old()
    {
        var user = await _data.UserAsync();
        var browser = await Browser.SignedInAsync(app, user);
        var signedInAt = app.Clock.GetUtcNow();
        var issued = browser.AuthCookieValue.ShouldNotBeNull();

        // Past half of the cookie's 14 days, the next request renews it.
        app.Clock.Advance(TimeSpan.FromDays(8));
        var renewed = await browser.Client.GetAsync("/api/v1/me/tokens");
        await renewed.ShouldBeOkAsync();
        renewed.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(Browser.AuthCookie + "=", StringComparison.Ordinal));
        var renewedCookie = browser.AuthCookieValue.ShouldNotBeNull();
        renewedCookie.ShouldNotBe(issued);
        RecentSignIn.Of(SignInIn(renewedCookie)).ShouldBe(signedInAt, "the renewed cookie keeps the time of the sign-in");

        await (await MintAsync(browser)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.RecentSignInRequired);
        (await TokenCountAsync(user)).ShouldBe(0);
    }

    [Fact]
    public async Task After_the_window_the_tokens_page_offers_to_sign_in_again_and_signing_in_again_allows_a_token()
    {
        var user = await _data.UserAsync();
        var browser = await Browser.SignedInAsync(app, user);
        (await browser.Client.GetStringAsync(TokensPage)).ShouldNotContain("data-testid=\"sign-in-again\"");

        app.Clock.Advance(RecentSignIn.Window + TimeSpan.FromMinutes(1));
        var page = await browser.Client.GetStringAsync(TokensPage);
        page.ShouldContain("data-testid=\"sign-in-again\"");
        page.ShouldContain($"href=\"{SignInAgain}\"");

        var signedIn = await browser.PostFormAsync(SignInAgain, SignInAgain, Browser.SignInFields(await Browser.EmailAsync(app, user), TestData.Password));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location.ShouldNotBeNull().AbsolutePath.ShouldBe(TokensPage);

        (await browser.Client.GetStringAsync(TokensPage)).ShouldNotContain("data-testid=\"sign-in-again\"");
        await (await MintAsync(browser)).ShouldBeOkAsync(HttpStatusCode.Created);
        (await TokenCountAsync(user)).ShouldBe(1);
    }

    [Fact]
    public async Task Signing_in_again_with_a_wrong_password_is_refused_and_counts_toward_the_lockout()
    {
        var user = await _data.UserAsync();
        var browser = await Browser.SignedInAsync(app, user);
        app.Clock.Advance(RecentSignIn.Window + TimeSpan.FromMinutes(1));

        var refused = await browser.PostFormAsync(SignInAgain, SignInAgain, Browser.SignInFields(await Browser.EmailAsync(app, user), "Pas-le-bon-mot-de-passe"));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.SignInErrorAsync(refused)).ShouldNotBeEmpty();
        await (await MintAsync(browser)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.RecentSignInRequired);
        await using var db = await _data.DbAsync();
        (await db.Users.Where(u => u.Id == user.UserId).Select(u => u.AccessFailedCount).SingleAsync()).ShouldBe(1);
        (await TokenCountAsync(user)).ShouldBe(0);
    }

    [Fact]
    public async Task Changing_the_password_counts_as_a_recent_sign_in()
    {
        var user = await _data.UserAsync();
        var browser = await Browser.SignedInAsync(app, user);
        app.Clock.Advance(RecentSignIn.Window + TimeSpan.FromMinutes(1));

        var changed = await browser.PostFormAsync("/account/password", "/account/password",
            [new("_handler", "password"), new("Input.Current", TestData.Password), new("Input.New", "Un-tout-nouveau-mot-de-passe")]);
        (await changed.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"password-changed\"");

        await (await MintAsync(browser)).ShouldBeOkAsync(HttpStatusCode.Created);
    }
}
