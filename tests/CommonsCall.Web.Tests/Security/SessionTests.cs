using System.Net;
using System.Net.Http.Json;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Security;

/// <summary>
/// A sign-in ends on the server: after signing out, a password change or "sign out everywhere", a copy of an
/// older cookie is refused at its next request, whoever replays it.
/// </summary>
public sealed class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    private static Task<HttpResponseMessage> MintAsync(Browser browser) =>
        browser.Client.SendAsync(Browser.FromOurPages(new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(new { name = "rejoué" }) }));

    [Fact]
    public async Task A_cookie_replayed_after_signing_out_is_refused()
    {
        var user = await _data.UserAsync();
        var browser = await Browser.SignedInAsync(app, user);
        await (await browser.Client.GetAsync("/api/v1/me/tokens")).ShouldBeOkAsync();
        var copied = browser.AuthCookieValue.ShouldNotBeNull();

        var signedOut = await browser.PostFormAsync("/", "/account/logout", [new("returnUrl", "/")]);
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var thief = Browser.WithStolenCookie(app, copied);
        (await thief.Client.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await MintAsync(thief)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var db = await _data.DbAsync();
        db.PersonalAccessTokens.Count(t => t.UserId == user.UserId).ShouldBe(0);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var user = await _data.UserAsync();
        var here = await Browser.SignedInAsync(app, user);
        var elsewhere = await Browser.SignedInAsync(app, user);

        var changed = await here.PostFormAsync("/account/password", "/account/password",
            [new("_handler", "password"), new("Input.Current", TestData.Password), new("Input.New", "Un-tout-nouveau-mot-de-passe")]);
        (await changed.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"password-changed\"");

        (await here.Client.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await elsewhere.Client.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_and_revokes_every_token()
    {
        var user = await _data.UserAsync();
        var here = await Browser.SignedInAsync(app, user);
        var elsewhere = await Browser.SignedInAsync(app, user);
        var integration = await ApiClient.ForAsync(app, user);
        await (await integration.GetAsync("/api/v1/me/tokens")).ShouldBeOkAsync();

        var home = await here.Client.GetStringAsync("/");
        home.ShouldContain("data-testid=\"sign-out-everywhere\"");
        var signedOut = await here.PostFormAsync("/", "/account/logout-everywhere", []);

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await here.Client.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await elsewhere.Client.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await integration.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var tokens = await app.Services.GetRequiredService<PersonalAccessTokenService>().ListAsync(user);
        tokens.Value!.ShouldAllBe(t => t.IsRevoked);
    }

    [Fact]
    public async Task Signing_out_everywhere_needs_the_antiforgery_token_of_our_pages()
    {
        var user = await _data.UserAsync();
        var browser = await Browser.SignedInAsync(app, user);

        var forged = await browser.Client.SendAsync(Browser.FromSite(new HttpRequestMessage(HttpMethod.Post, "/account/logout-everywhere") { Content = new FormUrlEncodedContent([]) }, "http://evil.example"));

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.Client.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
