using System.Security.Claims;
using Bunit;
using CommonsCall.Web.Components.Pages.Account;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The tokens page on the real service and database, rendered by bunit.</summary>
public sealed class AccessTokensPageTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;
    private readonly TestData _data;

    public AccessTokensPageTests(AppFactory app)
    {
        _app = app;
        _data = new TestData(app);

        // The page's service comes from the real app (the test context's own services are sealed by now).
        Services.AddFallbackServiceProvider(app.Services);
    }

    /// <summary>The page for <paramref name="user"/>, signed in <paramref name="signedInAgo"/> ago (just now by default).</summary>
    private IRenderedComponent<AccessTokens> RenderFor(Actor user, TimeSpan signedInAgo = default) =>
        Render<AccessTokens>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.UserId!), RecentSignIn.ClaimFor(_app.Clock.GetUtcNow() - signedInAgo)], "test"))))));

    [Fact]
    public async Task A_user_creates_a_token_sees_the_secret_once_and_revokes_it()
    {
        var user = await _data.UserAsync();
        var cut = RenderFor(user);
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-tokens]").TextContent.ShouldBe("Vous n'avez encore aucun jeton."));

        cut.Find("#token-name").Input("Script d'export");
        cut.Find("[data-testid=create-token]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=new-token]").TextContent.ShouldStartWith(PersonalAccessTokenService.Prefix));
        var secret = cut.Find("[data-testid=new-token]").TextContent;
        cut.WaitForAssertion(() => cut.Find("[data-testid=token-name]").TextContent.ShouldBe("Script d'export"));
        cut.Find("[data-testid=token-state]").TextContent.ShouldBe("Actif");
        cut.Markup.Split(secret).Length.ShouldBe(2, "the secret is shown once, not in the list");

        cut.Find("[data-testid=revoke-token]").Click();
        cut.WaitForElement("[data-testid=confirm-revoke]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=token-state]").TextContent.ShouldStartWith("Révoqué le"));
        cut.FindAll("[data-testid=new-token]").ShouldBeEmpty();
        cut.FindAll("[data-testid=revoke-token]").ShouldBeEmpty();
        var stored = await _app.Services.GetRequiredService<PersonalAccessTokenService>().ListAsync(user);
        stored.Value!.Single().IsRevoked.ShouldBeTrue();
    }

    [Fact]
    public async Task A_missing_name_is_shown_next_to_the_field_and_nothing_is_created()
    {
        var user = await _data.UserAsync();
        var cut = RenderFor(user);
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-tokens]"));

        cut.Find("[data-testid=create-token]").Click();

        cut.WaitForAssertion(() => cut.Find("#token-name-error").GetAttribute("role").ShouldBe("alert"));
        cut.FindAll("[data-testid=new-token]").ShouldBeEmpty();
        (await _app.Services.GetRequiredService<PersonalAccessTokenService>().ListAsync(user)).Value!.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_old_sign_in_is_offered_to_sign_in_again_and_cannot_create_a_token()
    {
        var user = await _data.UserAsync();
        var cut = RenderFor(user, signedInAgo: RecentSignIn.Window + TimeSpan.FromMinutes(1));

        cut.WaitForAssertion(() => cut.Find("[data-testid=sign-in-again-link]").GetAttribute("href").ShouldBe("/account/login?returnUrl=%2Faccount%2Ftokens"));
        cut.Find("[data-testid=create-token]").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task A_page_left_open_past_the_window_offers_to_sign_in_again_and_creates_nothing()
    {
        var user = await _data.UserAsync();
        var cut = RenderFor(user);
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-tokens]"));
        cut.FindAll("[data-testid=sign-in-again]").ShouldBeEmpty();
        _app.Clock.Advance(RecentSignIn.Window + TimeSpan.FromMinutes(1));
        try
        {
            cut.Find("#token-name").Input("Trop tard");
            cut.Find("[data-testid=create-token]").Click();

            cut.WaitForAssertion(() => cut.Find("[data-testid=sign-in-again]").TextContent.ShouldContain("Se reconnecter"));
            cut.FindAll("[data-testid=new-token]").ShouldBeEmpty();
            (await _app.Services.GetRequiredService<PersonalAccessTokenService>().ListAsync(user)).Value!.ShouldBeEmpty();
        }
        finally
        {
            _app.Clock.Set(TestClock.Start);
        }
    }

    [Fact]
    public async Task Cancelling_a_revocation_keeps_the_token()
    {
        var user = await _data.UserAsync();
        await _app.Services.GetRequiredService<PersonalAccessTokenService>().CreateAsync(_data.SignedInJustNow(user), new CreateAccessToken("CI"));
        var cut = RenderFor(user);
        cut.WaitForElement("[data-testid=revoke-token]");

        cut.Find("[data-testid=revoke-token]").Click();
        cut.WaitForElement("[data-testid=cancel-revoke]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=revoke-token]").Count.ShouldBe(1));
        cut.Find("[data-testid=token-state]").TextContent.ShouldBe("Actif");
        cut.FindAll("[data-testid=confirm-revoke]").ShouldBeEmpty();
    }

    private static string Shown(DateTimeOffset at) => at.UtcDateTime.ToString("g", System.Globalization.CultureInfo.CurrentCulture) + " UTC";

    [Fact]
    public async Task A_token_made_for_30_days_shows_when_it_expires_and_when_it_was_last_used()
    {
        var user = await _data.UserAsync();
        var cut = RenderFor(user);
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-tokens]"));

        cut.Find("#token-name").Input("Tableur");
        cut.Find("#token-lifetime").Change("30");
        cut.Find("[data-testid=create-token]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=token-expires]").TextContent.ShouldBe(Shown(_app.Clock.GetUtcNow().AddDays(30))));
        cut.Find("[data-testid=token-last-used]").TextContent.ShouldBe("Jamais");

        var secret = cut.Find("[data-testid=new-token]").TextContent;
        (await Api.ApiClient.WithToken(_app, secret).GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var reopened = RenderFor(user);
        reopened.WaitForAssertion(() => reopened.Find("[data-testid=token-last-used]").TextContent.ShouldBe(Shown(_app.Clock.GetUtcNow())));
    }

    [Fact]
    public async Task An_expired_token_says_so_and_has_nothing_left_to_revoke()
    {
        var user = await _data.UserAsync();
        await _app.Services.GetRequiredService<PersonalAccessTokenService>().CreateAsync(_data.SignedInJustNow(user), new CreateAccessToken("Ancien script", ExpiresInDays: 1));
        _app.Clock.Advance(TimeSpan.FromDays(2));
        try
        {
            var cut = RenderFor(user);
            cut.WaitForAssertion(() => cut.Find("[data-testid=token-state]").TextContent.ShouldBe("Expiré"));
            cut.FindAll("[data-testid=revoke-token]").ShouldBeEmpty();
        }
        finally
        {
            _app.Clock.Set(TestClock.Start);
        }
    }
}
