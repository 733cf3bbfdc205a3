using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Api;

public sealed class AccessTokenApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    /// <summary>Creates a token as a person does: signed in, from our own pages.</summary>
    private static Task<HttpResponseMessage> CreateOnOurPagesAsync(Browser browser, object body) =>
        browser.Client.SendAsync(Browser.FromOurPages(new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(body) }));

    [Fact]
    public async Task A_person_creates_a_token_a_token_lists_and_revokes_tokens_and_a_revoked_token_gets_401()
    {
        var user = await _data.UserAsync();
        var client = await ApiClient.ForAsync(app, user);
        var browser = await Browser.SignedInAsync(app, user);

        var created = await CreateOnOurPagesAsync(browser, new { name = "Tableau de bord" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        body.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(app.Clock.GetUtcNow().AddDays(PersonalAccessTokenService.DefaultLifetimeDays));
        var secret = body.GetProperty("token").GetString()!;
        secret.ShouldStartWith(PersonalAccessTokenService.Prefix);
        body.GetProperty("name").GetString().ShouldBe("Tableau de bord");
        var id = body.GetProperty("id").GetGuid();

        var second = ApiClient.WithToken(app, secret);
        var listed = await (await second.GetAsync("/api/v1/me/tokens")).JsonAsync();
        listed.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["Tableau de bord", "tests"]);
        listed.EnumerateArray().SelectMany(t => t.EnumerateObject().Select(p => p.Name)).Distinct()
            .ShouldBe(["id", "name", "createdAt", "expiresAt", "lastUsedAt", "revokedAt", "isRevoked"], ignoreOrder: true);

        (await client.DeleteAsync($"/api/v1/me/tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/v1/me/tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var refused = await second.GetAsync("/api/v1/me/tokens");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        refused.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");

        var afterwards = await (await client.GetAsync("/api/v1/me/tokens")).JsonAsync();
        afterwards.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id).GetProperty("revokedAt").GetDateTimeOffset().ShouldBe(app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Only_a_hash_of_the_access_token_is_stored()
    {
        var user = await _data.UserAsync();
        var body = await (await CreateOnOurPagesAsync(await Browser.SignedInAsync(app, user), new { name = "export" })).JsonAsync();
        var secret = body.GetProperty("token").GetString()!;

        await using var db = await _data.DbAsync();
        var stored = await db.PersonalAccessTokens.SingleAsync(t => t.Id == body.GetProperty("id").GetGuid());
        stored.TokenHash.ShouldBe(SecretTokens.Hash(secret));
        stored.TokenHash.ShouldNotContain(secret);
        (await db.PersonalAccessTokens.AnyAsync(t => t.TokenHash == secret || t.Name == secret)).ShouldBeFalse();
    }

    [Fact]
    public async Task Using_a_token_records_when_it_was_last_used()
    {
        var user = await _data.UserAsync();
        var client = await ApiClient.ForAsync(app, user);
        (await client.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var listed = await (await client.GetAsync("/api/v1/me/tokens")).JsonAsync();
        listed.EnumerateArray().Single().GetProperty("lastUsedAt").GetDateTimeOffset().ShouldBe(app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Someone_elses_token_cannot_be_seen_or_revoked()
    {
        var owner = await _data.UserAsync();
        var other = await _data.UserAsync();
        var ownerClient = await ApiClient.ForAsync(app, owner);
        var otherClient = await ApiClient.ForAsync(app, other);
        var ownersToken = (await (await ownerClient.GetAsync("/api/v1/me/tokens")).JsonAsync()).EnumerateArray().Single().GetProperty("id").GetGuid();

        var refused = await otherClient.DeleteAsync($"/api/v1/me/tokens/{ownersToken}");
        await refused.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        (await (await otherClient.GetAsync("/api/v1/me/tokens")).JsonAsync()).EnumerateArray().ShouldNotContain(t => t.GetProperty("id").GetGuid() == ownersToken);
        (await ownerClient.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_without_a_name_or_with_a_life_beyond_a_year_is_refused_field_by_field()
    {
        var browser = await Browser.SignedInAsync(app, await _data.UserAsync());

        var refused = await CreateOnOurPagesAsync(browser, new { name = "  ", expiresInDays = PersonalAccessTokenService.MaxLifetimeDays + 1 });

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        problem.GetProperty("errors").GetProperty("name").GetArrayLength().ShouldBe(1);
        problem.GetProperty("errors").GetProperty("expiresInDays").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_token_cannot_mint_tokens_and_nothing_is_stored()
    {
        var user = await _data.UserAsync();
        var client = await ApiClient.ForAsync(app, user);

        var refused = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "survivant" });

        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.InteractiveSessionRequired);
        await using var db = await _data.DbAsync();
        (await db.PersonalAccessTokens.CountAsync(t => t.UserId == user.UserId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_token_works_until_the_end_of_the_life_chosen_for_it()
    {
        var user = await _data.UserAsync();
        var browser = await Browser.SignedInAsync(app, user);
        var created = await (await CreateOnOurPagesAsync(browser, new { name = "un mois", expiresInDays = 30 })).ShouldBeOkAsync(HttpStatusCode.Created);
        created.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(app.Clock.GetUtcNow().AddDays(30));
        var client = ApiClient.WithToken(app, created.GetProperty("token").GetString()!);
        try
        {
            app.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
            await (await client.GetAsync("/api/v1/me/tokens")).ShouldBeOkAsync();

            app.Clock.Advance(TimeSpan.FromMinutes(1));
            var refused = await client.GetAsync("/api/v1/me/tokens");
            await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
            refused.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        }
        finally
        {
            app.Clock.Set(TestClock.Start);
        }
    }

    [Fact]
    public async Task Anonymous_callers_cannot_create_tokens()
    {
        var refused = await ApiClient.Anonymous(app).PostAsJsonAsync("/api/v1/me/tokens", new { name = "x" });
        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
    }
}
