using System.Net;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommonsCall.Web.Tests.Security;

/// <summary>
/// Behind the reverse proxy: the scheme and address it forwards are believed from the configured proxy only, so
/// that cookies become Secure and the CSP names our own WebSocket origin over HTTPS.
/// </summary>
public sealed class BehindProxyTests(NetworkApp app) : IClassFixture<NetworkApp>
{
    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static HttpRequestMessage Forwarded(HttpMethod method, string url, string peer)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add(NetworkApp.PeerHeader, peer);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return request;
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name, StringComparison.Ordinal));

    private static string ConnectSrc(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("connect-src", StringComparison.Ordinal));

    /// <summary>Signs in through the form with every request forwarded by <paramref name="peer"/>; the answer to the post.</summary>
    private async Task<(HttpResponseMessage Page, HttpResponseMessage SignIn)> SignInThroughAsync(string peer)
    {
        var client = Client();
        var page = await client.SendAsync(Forwarded(HttpMethod.Get, "/account/login", peer));
        var antiforgery = Cookie(page, ".AspNetCore.Antiforgery").Split(';')[0];
        var token = Browser.AntiforgeryTokenIn(await page.Content.ReadAsStringAsync()).ShouldNotBeNull();
        var user = await new TestData(app).UserAsync();
        var post = Forwarded(HttpMethod.Post, "/account/login", peer);
        post.Headers.Add("Cookie", antiforgery);
        post.Content = new FormUrlEncodedContent(
            [.. Browser.SignInFields(await Browser.EmailAsync(app, user), TestData.Password), new("__RequestVerificationToken", token)]);
        var signIn = await client.SendAsync(post);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        return (page, signIn);
    }

    [Fact]
    public async Task Over_https_through_the_known_proxy_cookies_are_secure_and_the_csp_names_our_wss_origin()
    {
        var (page, signIn) = await SignInThroughAsync(NetworkApp.Proxy);

        Cookie(signIn, Browser.AuthCookie).ShouldContain("secure", Case.Insensitive);
        Cookie(page, ".AspNetCore.Antiforgery").ShouldContain("secure", Case.Insensitive);
        var culture = await Client().SendAsync(Forwarded(HttpMethod.Get, "/culture?culture=en", NetworkApp.Proxy));
        Cookie(culture, ".AspNetCore.Culture").ShouldContain("secure", Case.Insensitive);
        ConnectSrc(page).ShouldBe("connect-src 'self' wss://localhost");
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_else_are_ignored()
    {
        var (page, signIn) = await SignInThroughAsync("10.0.0.66");

        Cookie(signIn, Browser.AuthCookie).ShouldNotContain("secure", Case.Insensitive);
        ConnectSrc(page).ShouldBe("connect-src 'self' ws://localhost");
    }
}

/// <summary>Outside Development every cookie is Secure, and HTTPS answers (as the proxy forwards them) carry HSTS.</summary>
public sealed class ProductionCookieTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Outside_development_cookies_are_secure_and_https_answers_carry_hsts()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://commonscall.example") });

        var culture = await client.GetAsync("/culture?culture=en");
        culture.Headers.GetValues("Set-Cookie").Single().ShouldContain("secure", Case.Insensitive);
        var user = await new TestData(app).UserAsync();
        var signIn = await Browser.Open(app).SignInAsync(await Browser.EmailAsync(app, user), TestData.Password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Browser.AuthCookie, StringComparison.Ordinal)).ShouldContain("secure", Case.Insensitive);
        var login = await client.GetAsync("/account/login");
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        login.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();

        using var https = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        https.Headers.Add(NetworkApp.PeerHeader, NetworkApp.Proxy);
        https.Headers.Add("X-Forwarded-Proto", "https");
        var secure = await client.SendAsync(https);
        secure.StatusCode.ShouldBe(HttpStatusCode.OK);
        secure.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).ShouldContain("secure", Case.Insensitive);
        secure.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }
}
