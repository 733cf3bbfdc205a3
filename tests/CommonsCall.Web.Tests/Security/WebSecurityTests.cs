using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Security;

/// <summary>
/// What a browser relies on, through the real HTTP pipeline: user markup shown as text on every page that
/// shows it, the security headers on pages and API answers alike, antiforgery and lockout on the sign-in form.
/// (Tokens and invitation links stored as hashes only: AccessTokenApiTests and AccountTests.)
/// </summary>
public sealed class WebSecurityTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    private const string Script = "<script>alert('xss')</script>";
    private const string Image = "<img src=x onerror=alert(1)>";
    private const string Payload = $"**gras** {Script} {Image} [clic](javascript:alert(1)) <a href=\"javascript:alert(2)\">lien</a> <iframe src=\"https://evil.example\"></iframe>";

    [Fact]
    public async Task Markup_and_scripts_stored_through_the_api_are_shown_as_text_on_every_page()
    {
        var people = await app.PeopleAsync();
        var w = await SecurityWorld.CreateAsync(app, people, Domain.Calls.CallPhase.Commons);
        var facilitator = people.Clients[Role.Facilitator];
        var coCreator = people.Clients[Role.CoCreator];
        async Task StoreAsync(HttpClient client, HttpMethod method, string url, object body)
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) });
            ((int)response.StatusCode).ShouldBeInRange(200, 299, $"{url}: {await response.Content.ReadAsStringAsync()}");
        }

        await StoreAsync(facilitator, HttpMethod.Put, $"/api/v1/calls/{w.Slug}", new { title = $"Appel {Image}", summary = Payload, ecosystem = Script, currency = "EUR", visibility = "MembersOnly" });
        await StoreAsync(facilitator, HttpMethod.Post, w.Url("glossary"), new { term = Image, definition = Payload });
        await StoreAsync(facilitator, HttpMethod.Post, w.Url("scope"), new { text = Payload, inScope = true });
        await StoreAsync(coCreator, HttpMethod.Put, w.Url($"challenges/{w.Challenge}"), new { question = $"{Script} comment faire ?", context = Payload, pains = new[] { Payload } });
        await StoreAsync(coCreator, HttpMethod.Put, w.Url($"commons/{w.Commons}"), new { title = $"Commun {Image}", summary = Payload, kind = "Software", licence = "MIT", maturity = "Emergence", governance = Payload });
        await StoreAsync(coCreator, HttpMethod.Post, w.Url($"commons/{w.Commons}/milestones"), new { title = $"Jalon {Script}", dueOn = TestClock.IsoDay(71), ownerOrganisationId = people.CoCreator.Id });
        await StoreAsync(coCreator, HttpMethod.Post, w.Url($"commons/{w.Commons}/meetings"), new { on = TestClock.IsoDay(49), note = Payload });
        await StoreAsync(people.Clients[Role.Member], HttpMethod.Put, w.Url($"commons/{w.Commons}/positionings/mine"), new { kinds = new[] { "Wants" }, expectations = Payload, availability = Script });
        object Organisation(string website) => new
        {
            name = people.Member.Organisation.Name, kind = "Sme", sizeBand = "Small", stage = "Development", website, description = Payload,
        };
        await (await people.Clients[Role.Member].PutAsJsonAsync($"/api/v1/organisations/{people.Member.Id}", Organisation("javascript:alert(3)")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, Domain.Common.ErrorCodes.Validation);
        await StoreAsync(people.Clients[Role.Member], HttpMethod.Put, $"/api/v1/organisations/{people.Member.Id}", Organisation("https://exemple.org/?q=<script>"));

        var pages = new[]
        {
            $"/calls/{w.Slug}", $"/calls/{w.Slug}/challenges", $"/calls/{w.Slug}/challenges/{w.Challenge}", $"/calls/{w.Slug}/commons",
            $"/calls/{w.Slug}/commons/{w.Commons}", $"/calls/{w.Slug}/map", $"/calls/{w.Slug}/participants",
        };
        var browsers = new[]
        {
            ((await Browser.SignedInAsync(app, people.Facilitator)).Client, pages),
            ((await Browser.SignedInAsync(app, people.Member.User)).Client, [$"/organisations/{people.Member.Id}", .. pages]),
        };
        var parser = new HtmlParser();
        var shown = 0;
        foreach (var (browser, urls) in browsers)
        {
            foreach (var url in urls)
            {
                var response = await browser.GetAsync(url);
                var html = await response.Content.ReadAsStringAsync();
                response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
                var document = await parser.ParseDocumentAsync(html);
                document.QuerySelectorAll("script").Where(s => s.TextContent.Contains("alert", StringComparison.Ordinal)).ShouldBeEmpty(url);
                document.QuerySelectorAll("[onerror], img[src='x'], iframe").ShouldBeEmpty(url);
                document.QuerySelectorAll("[href]").Select(a => a.GetAttribute("href")!.Trim()).ShouldNotContain(h => h.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), url);
                if (document.Body!.TextContent.Contains("alert(", StringComparison.Ordinal))
                {
                    shown++;
                }
            }
        }

        // The payloads are on the pages, as text: the checks above looked at them.
        shown.ShouldBeGreaterThanOrEqualTo(pages.Length);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/api/v1/calls")]
    [InlineData("/api/v1/me/tokens")]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/health/ready")]
    public async Task Pages_and_api_answers_carry_the_security_headers(string url)
    {
        var response = await ApiClient.Anonymous(app).GetAsync(url);

        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["strict-origin-when-cross-origin"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        var csp = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ')[1..]);
        directives["frame-ancestors"].ShouldBe(["'none'"]);
        directives["script-src"].ShouldBe(["'self'"]);
        directives["default-src"].ShouldBe(["'self'"]);
        directives["base-uri"].ShouldBe(["'self'"]);
        directives["form-action"].ShouldBe(["'self'"]);
        csp.ShouldNotContain("unsafe-eval");
    }

    [Fact]
    public async Task Signing_in_without_the_antiforgery_token_is_refused_and_signs_nobody_in()
    {
        var user = await new TestData(app).UserAsync();
        var browser = Browser.Open(app).Client;
        var login = await browser.GetStringAsync("/account/login");
        Browser.AntiforgeryTokenIn(login).ShouldNotBeNull();

        var refused = await browser.PostAsync("/account/login", new FormUrlEncodedContent(Browser.SignInFields(await Browser.EmailAsync(app, user), TestData.Password)));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (refused.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal));
        (await browser.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_wrong_passwords_on_the_sign_in_page_lock_the_account_even_for_the_right_one()
    {
        var user = await new TestData(app).UserAsync();
        var email = await Browser.EmailAsync(app, user);
        var browser = Browser.Open(app);

        for (var i = 0; i < AccountsSetup.MaxFailedSignIns; i++)
        {
            var failed = await browser.SignInAsync(email, "Mauvais-mot-de-passe-1");
            failed.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await failed.Content.ReadAsStringAsync()).ShouldContain("login-error");
        }

        var locked = await browser.SignInAsync(email, TestData.Password);

        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await new HtmlParser().ParseDocumentAsync(await locked.Content.ReadAsStringAsync());
        page.QuerySelector("[data-testid=login-error]")!.TextContent.ShouldContain("15");
        (await browser.Client.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        (await users.IsLockedOutAsync((await users.FindByIdAsync(user.UserId!))!)).ShouldBeTrue();
    }
}
