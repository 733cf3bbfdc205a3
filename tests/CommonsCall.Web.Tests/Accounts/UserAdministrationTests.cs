using System.Net;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Accounts;

/// <summary>
/// The administrators' list of accounts through the API and the service, on the real database: search and paging,
/// disabling (sign-in, cookie sessions and access tokens all stop), platform roles, and an administrator who cannot
/// lock themselves out. Every change is audited; every refusal changes nothing.
/// </summary>
public sealed class UserAdministrationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    private UserAdministrationService Service => app.Services.GetRequiredService<UserAdministrationService>();

    [Fact]
    public async Task An_administrator_finds_accounts_by_name_or_email_page_by_page()
    {
        var admin = await _data.UserAsync(Roles.Administrator);
        var marker = Guid.NewGuid().ToString("N")[..8];
        foreach (var name in new[] { "Camille", "Yanis", "Léa" })
        {
            await NamedUserAsync($"{name} {marker}", $"personne-{Guid.NewGuid():N}@test.example");
        }

        var byEmail = await NamedUserAsync("Sans marque", $"{marker}-courriel@test.example");
        var api = await ApiClient.ForAsync(app, admin);

        var first = await (await api.GetAsync($"/api/v1/admin/users?search={marker.ToUpperInvariant()}&page=1&pageSize=2")).ShouldBeOkAsync();
        var second = await (await api.GetAsync($"/api/v1/admin/users?search={marker}&page=2&pageSize=2")).ShouldBeOkAsync();

        first.GetProperty("total").GetInt32().ShouldBe(4);
        first.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("displayName").GetString()).ShouldBe([$"Camille {marker}", $"Léa {marker}"]);
        second.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("displayName").GetString()).ShouldBe(["Sans marque", $"Yanis {marker}"]);
        second.GetProperty("users")[0].GetProperty("id").GetString().ShouldBe(byEmail.UserId);
        var found = (await Service.SearchAsync(admin, new UserSearch(await EmailAsync(admin)))).Value!.Users.ShouldHaveSingleItem();
        found.Roles.ShouldBe([Roles.Administrator]);
        (await Service.SearchAsync(admin, new UserSearch("%"))).Value!.Users.ShouldBeEmpty("a % is searched for, not a wildcard");
    }

    [Fact]
    public async Task A_disabled_person_cannot_sign_in_their_session_ends_and_their_tokens_stop_until_enabled()
    {
        var admin = await _data.UserAsync(Roles.Administrator);
        var person = await _data.UserAsync();
        var browser = await Browser.SignedInAsync(app, person);
        var integration = await ApiClient.ForAsync(app, person);
        await (await browser.Client.GetAsync("/api/v1/me/tokens")).ShouldBeOkAsync();
        await (await integration.GetAsync("/api/v1/me/tokens")).ShouldBeOkAsync();

        (await (await ApiClient.ForAsync(app, admin)).PostAsync($"/api/v1/admin/users/{person.UserId}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await browser.Client.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await integration.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var refused = await Browser.Open(app).SignInAsync(await EmailAsync(person), TestData.Password);
        refused.StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        (await Browser.SignInErrorAsync(refused)).ShouldNotBeNullOrEmpty();
        (await AuditAsync(admin, "user.disabled")).ShouldBe(1);

        (await Service.EnableAsync(admin, person.UserId!)).Error.ShouldBeNull();

        await (await integration.GetAsync("/api/v1/me/tokens")).ShouldBeOkAsync();
        await (await (await Browser.SignedInAsync(app, person)).Client.GetAsync("/api/v1/me/tokens")).ShouldBeOkAsync();
        (await AuditAsync(admin, "user.enabled")).ShouldBe(1);
    }

    [Fact]
    public async Task A_granted_administrator_role_works_at_once_for_tokens_and_a_revoked_one_ends_the_sessions()
    {
        var admin = await _data.UserAsync(Roles.Administrator);
        var person = await _data.UserAsync();
        var theirs = await ApiClient.ForAsync(app, person);
        await (await theirs.GetAsync("/api/v1/admin/users")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var api = await ApiClient.ForAsync(app, admin);

        (await api.PutAsync($"/api/v1/admin/users/{person.UserId}/roles/Administrator", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await theirs.GetAsync("/api/v1/admin/users")).ShouldBeOkAsync();
        var browser = await Browser.SignedInAsync(app, person);
        (await browser.Client.GetStringAsync("/admin/users")).ShouldContain("data-testid=\"users\"");

        (await api.DeleteAsync($"/api/v1/admin/users/{person.UserId}/roles/Administrator")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await theirs.GetAsync("/api/v1/admin/users")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        (await browser.Client.GetAsync("/api/v1/me/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AuditAsync(admin, "user.role_granted")).ShouldBe(1);
        (await AuditAsync(admin, "user.role_revoked")).ShouldBe(1);
    }

    [Fact]
    public async Task An_administrator_neither_disables_themselves_nor_drops_their_own_role_and_nothing_changes()
    {
        var admin = await _data.UserAsync(Roles.Administrator);
        var api = await ApiClient.ForAsync(app, admin);
        var before = await StateAsync(admin);

        await (await api.PostAsync($"/api/v1/admin/users/{admin.UserId}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CannotDisableSelf);
        await (await api.DeleteAsync($"/api/v1/admin/users/{admin.UserId}/roles/Administrator"))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.CannotRevokeOwnAdministration);

        (await StateAsync(admin)).ShouldBe(before);
        await (await api.GetAsync("/api/v1/admin/users")).ShouldBeOkAsync();
    }

    [Fact]
    public async Task Unknown_ids_unknown_roles_bad_paging_and_other_people_get_a_clear_4xx_and_nothing_changes()
    {
        var admin = await _data.UserAsync(Roles.Administrator);
        var person = await _data.UserAsync(Roles.Facilitator);
        var api = await ApiClient.ForAsync(app, admin);
        var before = await StateAsync(person);
        var audit = await AuditCountAsync();

        await (await api.PostAsync($"/api/v1/admin/users/{Guid.NewGuid()}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await api.PostAsync($"/api/v1/admin/users/{new string('x', 3000)}/enable", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await api.PutAsync($"/api/v1/admin/users/{person.UserId}/roles/Pirate", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        await (await api.GetAsync("/api/v1/admin/users?pageSize=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        await (await api.GetAsync("/api/v1/admin/users?page=deux")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        await (await api.GetAsync($"/api/v1/admin/users?search={new string('x', 300)}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        var notAdmin = await ApiClient.ForAsync(app, person);
        await (await notAdmin.PostAsync($"/api/v1/admin/users/{admin.UserId}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await ApiClient.Anonymous(app).GetAsync("/api/v1/admin/users")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);

        (await StateAsync(person)).ShouldBe(before);
        (await AuditCountAsync()).ShouldBe(audit);
    }

    private async Task<Actor> NamedUserAsync(string name, string email)
    {
        var user = await _data.UserAsync(email: email);
        await using var db = await _data.DbAsync();
        await db.Users.Where(u => u.Id == user.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name));
        return user;
    }

    private async Task<string> EmailAsync(Actor actor)
    {
        await using var db = await _data.DbAsync();
        return await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email!).SingleAsync();
    }

    private async Task<int> AuditAsync(Actor admin, string action)
    {
        await using var db = await _data.DbAsync();
        return await db.Audit.CountAsync(a => a.ActorUserId == admin.UserId && a.Action == action);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = await _data.DbAsync();
        return await db.Audit.CountAsync();
    }

    /// <summary>What an administrator's change could alter of an account: disabled or not, its stamp, its roles.</summary>
    private async Task<string> StateAsync(Actor actor)
    {
        await using var db = await _data.DbAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == actor.UserId);
        var roles = await db.UserRoles.Where(r => r.UserId == actor.UserId).Select(r => r.RoleId).OrderBy(r => r).ToListAsync();
        return $"{user.DisabledAt}|{user.SecurityStamp}|{user.ConcurrencyStamp}|{string.Join(",", roles)}";
    }
}
