using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Api;

public sealed class AccessTokenApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    [Fact]
    public async Task A_token_creates_lists_and_revokes_tokens_and_a_revoked_token_gets_401()
    {
        var user = await _data.UserAsync();
        var client = await ApiClient.ForAsync(app, user);

        var created = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "Tableau de bord" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var secret = body.GetProperty("token").GetString()!;
        secret.ShouldStartWith(PersonalAccessTokenService.Prefix);
        body.GetProperty("name").GetString().ShouldBe("Tableau de bord");
        var id = body.GetProperty("id").GetGuid();

        var second = ApiClient.WithToken(app, secret);
        var listed = await (await second.GetAsync("/api/v1/me/tokens")).JsonAsync();
        listed.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["Tableau de bord", "tests"]);
        listed.EnumerateArray().SelectMany(t => t.EnumerateObject().Select(p => p.Name)).Distinct()
            .ShouldBe(["id", "name", "createdAt", "lastUsedAt", "revokedAt", "isRevoked"], ignoreOrder: true);

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
        var client = await ApiClient.ForAsync(app, user);
        var body = await (await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "export" })).JsonAsync();
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
    public async Task A_token_without_a_name_is_refused_field_by_field()
    {
        var client = await ApiClient.ForAsync(app, await _data.UserAsync());

        var refused = await client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "  " });

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        problem.GetProperty("errors").GetProperty("name").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Anonymous_callers_cannot_create_tokens()
    {
        var refused = await ApiClient.Anonymous(app).PostAsJsonAsync("/api/v1/me/tokens", new { name = "x" });
        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
    }
}
