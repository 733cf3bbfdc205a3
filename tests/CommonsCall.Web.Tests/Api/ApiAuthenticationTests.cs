using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace CommonsCall.Web.Tests.Api;

public sealed partial class ApiAuthenticationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    [Fact]
    public async Task Anonymous_calls_to_a_protected_endpoint_get_401_problem_details_not_a_redirect()
    {
        var response = await ApiClient.Anonymous(app).GetAsync("/api/v1/me/tokens");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        response.Headers.Location.ShouldBeNull();
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task An_unknown_token_is_refused_even_where_anonymous_callers_are_welcome()
    {
        var response = await ApiClient.WithToken(app, "ccpat_not-a-real-token").GetAsync("/api/v1/calls");
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task A_sign_in_lockout_leaves_the_accounts_tokens_working()
    {
        var user = await _data.UserAsync();
        var client = await ApiClient.ForAsync(app, user);
        var browser = Browser.Open(app);
        var email = await Browser.EmailAsync(app, user);
        for (var i = 0; i < AccountsSetup.MaxFailedSignIns; i++)
        {
            (await browser.SignInAsync(email, "Mauvais-mot-de-passe-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            (await users.IsLockedOutAsync((await users.FindByIdAsync(user.UserId!))!)).ShouldBeTrue();
        }

        await (await client.GetAsync("/api/v1/me/tokens")).ShouldBeOkAsync();
        await (await client.PostAsJsonAsync("/api/v1/organisations", new
        {
            name = $"Verrou {Guid.NewGuid():N}"[..20], kind = "Sme", sizeBand = "Small", stage = "Development",
        })).ShouldBeOkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_bearer_token_builds_the_same_actor_as_the_sign_in_cookie()
    {
        var admin = await _data.UserAsync(Roles.Administrator);
        var token = await ApiClient.TokenAsync(app, admin);
        var context = new DefaultHttpContext { RequestServices = app.Services.CreateScope().ServiceProvider };
        context.Request.Headers.Authorization = $"Bearer {token}";

        var result = await context.AuthenticateAsync();

        result.Succeeded.ShouldBeTrue();
        result.Principal!.Identity!.AuthenticationType.ShouldBe(BearerTokenHandler.SchemeName);
        Actor.From(result.Principal).ShouldBe(admin with { ViaAccessToken = true });

        // Claim for claim what the sign-in cookie would hold: id, name, roles, security stamp.
        var users = context.RequestServices.GetRequiredService<UserManager<AppUser>>();
        var cookie = await context.RequestServices.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync((await users.FindByIdAsync(admin.UserId!))!);
        result.Principal.Claims.Select(c => (c.Type, c.Value)).ShouldBe(cookie.Claims.Select(c => (c.Type, c.Value)), ignoreOrder: true);
        result.Principal.FindFirstValue(ClaimTypes.Name).ShouldNotBeNullOrEmpty();
        result.Principal.IsInRole(Roles.Administrator).ShouldBeTrue();
    }

    [Fact]
    public async Task An_administrators_token_sees_members_only_calls_as_their_facilitator()
    {
        var call = await _data.CallAsync(CallVisibility.MembersOnly);
        var admin = await ApiClient.ForAsync(app, await _data.UserAsync(Roles.Administrator));
        var facilitator = await ApiClient.ForAsync(app, await _data.UserAsync(Roles.Facilitator));

        var seen = await admin.GetAsync($"/api/v1/calls/{call.Slug}");
        seen.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await seen.JsonAsync()).GetProperty("you").GetProperty("isFacilitator").GetBoolean().ShouldBeTrue();
        (await (await admin.GetAsync("/api/v1/calls")).JsonAsync()).EnumerateArray().ShouldContain(c => c.GetProperty("slug").GetString() == call.Slug);

        // A platform facilitator who does not facilitate this call is an outsider to it.
        await (await facilitator.GetAsync($"/api/v1/calls/{call.Slug}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_signed_in_browser_session_may_use_the_api_too()
    {
        var email = $"session-{Guid.NewGuid():N}@test.example";
        await _data.UserAsync(email: email);
        var browser = ApiClient.Anonymous(app);
        var login = await browser.GetStringAsync("/account/login");
        var antiforgery = AntiforgeryField().Match(login).Groups[1].Value;
        var signedIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(
        [
            new("_handler", "login"),
            new("__RequestVerificationToken", antiforgery),
            new("Input.Email", email),
            new("Input.Password", TestData.Password),
        ]));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The browser keeps the cookie only if it expires after the real time: the app's clock in tests is the real one.
        var cookie = SetCookieHeaderValue.ParseList(signedIn.Headers.GetValues("Set-Cookie").ToList()).Single(c => c.Name == "CommonsCall.Auth");
        cookie.Expires.ShouldNotBeNull();
        cookie.Expires.Value.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(13));

        var tokens = await browser.GetAsync("/api/v1/me/tokens");

        tokens.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await tokens.JsonAsync()).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Pages_still_send_anonymous_visitors_to_sign_in_and_ignore_other_authorization_schemes()
    {
        var client = ApiClient.Anonymous(app);
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/tokens");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "cHJveHk6cHJveHk=");

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("http://localhost/account/login?returnUrl=%2Faccount%2Ftokens");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
