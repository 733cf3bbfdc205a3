using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CommonsCall.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Support;

/// <summary>
/// A browser as the app sees one, through the real HTTP pipeline: it keeps its cookies, follows no redirect,
/// posts the app's forms with their antiforgery token, and says where a request comes from as browsers do
/// (<c>Sec-Fetch-Site</c>, <c>Origin</c>).
/// </summary>
public sealed partial class Browser
{
    /// <summary>The origin the test server answers on.</summary>
    public const string OurOrigin = "http://localhost";

    public const string AuthCookie = "CommonsCall.Auth";

    private Browser(HttpClient client, CookieContainer cookies)
    {
        Client = client;
        Cookies = cookies;
    }

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; }

    /// <summary>The sign-in cookie's value, as a thief would copy it.</summary>
    public string? AuthCookieValue => Cookies.GetCookies(new Uri(OurOrigin)).FirstOrDefault(c => c.Name == AuthCookie)?.Value;

    public static Browser Open(AppFactory app)
    {
        var cookies = new CookieContainer();
        return new Browser(app.CreateDefaultClient(new Uri(OurOrigin), new CookieContainerHandler(cookies)), cookies);
    }

    /// <summary>A browser signed in as <paramref name="actor"/> through the sign-in form.</summary>
    public static async Task<Browser> SignedInAsync(AppFactory app, Actor actor)
    {
        var browser = Open(app);
        var response = await browser.SignInAsync(await EmailAsync(app, actor), TestData.Password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return browser;
    }

    /// <summary>Someone else's browser carrying only a copied sign-in cookie.</summary>
    public static Browser WithStolenCookie(AppFactory app, string value)
    {
        var browser = Open(app);
        browser.Cookies.Add(new Uri(OurOrigin), new Cookie(AuthCookie, value));
        return browser;
    }

    public static async Task<string> EmailAsync(AppFactory app, Actor actor)
    {
        await using var db = await new TestData(app).DbAsync();
        return await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email!).SingleAsync();
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        PostFormAsync("/account/login", "/account/login", SignInFields(email, password));

    /// <summary>The sentence the sign-in page shows after a failed attempt.</summary>
    public static async Task<string> SignInErrorAsync(HttpResponseMessage response)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return page.QuerySelector("[data-testid=login-error]").ShouldNotBeNull().TextContent.Trim();
    }

    /// <summary>Opens <paramref name="page"/>, then posts to <paramref name="action"/> the fields with the page's antiforgery token, as its form would.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = await FormAsync(page, action, fields);
        return await Client.SendAsync(request);
    }

    /// <summary>The post of a form of <paramref name="page"/> (opened now), ready to send.</summary>
    public async Task<HttpRequestMessage> FormAsync(string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = AntiforgeryTokenIn(await Client.GetStringAsync(page)).ShouldNotBeNull($"no antiforgery token on {page}");
        return FromOurPages(new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]),
        });
    }

    /// <summary>The antiforgery token of the forms of a page, or null when it has none.</summary>
    public static string? AntiforgeryTokenIn(string html) =>
        AntiforgeryField().Match(html) is { Success: true } token ? WebUtility.HtmlDecode(token.Groups[1].Value) : null;

    public static IEnumerable<KeyValuePair<string, string>> SignInFields(string email, string password) =>
        [new("_handler", "login"), new("Input.Email", email), new("Input.Password", password)];

    /// <summary>As a script of one of our pages sends it.</summary>
    public static HttpRequestMessage FromOurPages(HttpRequestMessage request)
    {
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", OurOrigin);
        return request;
    }

    /// <summary>As a page of <paramref name="origin"/> makes the browser send it (with our cookie, which it cannot read).</summary>
    public static HttpRequestMessage FromSite(HttpRequestMessage request, string origin, string fetchSite = "cross-site")
    {
        request.Headers.Add("Sec-Fetch-Site", fetchSite);
        request.Headers.Add("Origin", origin);
        return request;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
