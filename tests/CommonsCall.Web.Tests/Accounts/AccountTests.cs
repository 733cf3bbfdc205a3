using System.Net;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Accounts;

public sealed class AccountTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    private InvitationService Invitations(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<InvitationService>();

    [Fact]
    public async Task An_administrator_invites_and_the_link_creates_an_account_once()
    {
        var admin = await _data.UserAsync(Roles.Administrator);
        await using var scope = app.Services.CreateAsyncScope();
        var created = await Invitations(scope).CreateAsync(admin, new CreateInvitation("nouvelle@test.example", Roles.Facilitator, null));
        created.IsSuccess.ShouldBeTrue();

        var registered = await Invitations(scope).RegisterAsync(new Registration(created.Value!.Token, "Nouvelle Animatrice", "un-mot-de-passe-long"));
        registered.Error.ShouldBeNull();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        (await users.IsInRoleAsync(registered.Value!, Roles.Facilitator)).ShouldBeTrue();

        var again = await Invitations(scope).RegisterAsync(new Registration(created.Value.Token, "Quelqu'un d'autre", "un-mot-de-passe-long"));
        again.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Only_a_hash_of_the_invitation_token_is_stored()
    {
        var admin = await _data.UserAsync(Roles.Administrator);
        await using var scope = app.Services.CreateAsyncScope();
        var created = await Invitations(scope).CreateAsync(admin, new CreateInvitation("hash@test.example", null, null));

        await using var db = await _data.DbAsync();
        var stored = db.AccountInvitations.Single(i => i.Id == created.Value!.Id);
        stored.TokenHash.ShouldNotBe(created.Value!.Token);
        stored.TokenHash.ShouldBe(SecretTokens.Hash(created.Value.Token));
    }

    [Fact]
    public async Task An_expired_invitation_is_refused()
    {
        var admin = await _data.UserAsync(Roles.Administrator);
        await using var scope = app.Services.CreateAsyncScope();
        var created = await Invitations(scope).CreateAsync(admin, new CreateInvitation("tard@test.example", null, null));
        app.Clock.Advance(InvitationService.Lifetime + TimeSpan.FromMinutes(1));
        try
        {
            var registered = await Invitations(scope).RegisterAsync(new Registration(created.Value!.Token, "Trop Tard", "un-mot-de-passe-long"));
            registered.Error!.Code.ShouldBe(ErrorCodes.NotFound);
        }
        finally
        {
            app.Clock.Set(TestClock.Start);
        }
    }

    [Fact]
    public async Task A_member_cannot_invite_anyone_and_nothing_is_stored()
    {
        var member = await _data.UserAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var result = await Invitations(scope).CreateAsync(member, new CreateInvitation("x@test.example", null, null));
        result.Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        await using var db = await _data.DbAsync();
        db.AccountInvitations.Any(i => i.Email == "x@test.example").ShouldBeFalse();
    }

    [Fact]
    public async Task A_facilitator_may_invite_members_but_not_create_administrators()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        await using var scope = app.Services.CreateAsyncScope();
        (await Invitations(scope).CreateAsync(facilitator, new CreateInvitation("membre@test.example", null, null))).IsSuccess.ShouldBeTrue();
        (await Invitations(scope).CreateAsync(facilitator, new CreateInvitation("boss@test.example", Roles.Administrator, null))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task A_bad_email_is_refused_field_by_field()
    {
        var admin = await _data.UserAsync(Roles.Administrator);
        await using var scope = app.Services.CreateAsyncScope();
        var result = await Invitations(scope).CreateAsync(admin, new CreateInvitation("pas-un-email", null, null));
        result.Error!.Code.ShouldBe(ErrorCodes.Validation);
        result.Error.Fields!.Keys.ShouldContain("Email");
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        var user = await _data.UserAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var account = (await users.FindByIdAsync(user.UserId!))!;

        for (var i = 0; i < AccountsSetup.MaxFailedSignIns; i++)
        {
            (await signIn.CheckPasswordSignInAsync(account, "wrong-password", lockoutOnFailure: true)).Succeeded.ShouldBeFalse();
        }

        var withRightPassword = await signIn.CheckPasswordSignInAsync(account, TestData.Password, lockoutOnFailure: true);
        withRightPassword.IsLockedOut.ShouldBeTrue();
    }

    [Fact]
    public async Task A_page_that_needs_a_role_sends_anonymous_visitors_to_sign_in()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/admin/invitations");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("http://localhost/account/login?returnUrl=%2Fadmin%2Finvitations");
    }
}
