using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Evaluation;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Notifications;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Calls;

/// <summary>
/// Naming a co-facilitator by an email without an account obeys the evaluator invitations' rules: one pending invitation
/// per email and call (a second is refused and changes nothing, one mail arrives in smtp4dev), and the facilitator's
/// invitations limit (429 in the API), shared with every other invitation they send.
/// </summary>
public sealed class FacilitatorInvitationTests(Smtp4dev smtp) : IClassFixture<Smtp4dev>, IAsyncLifetime
{
    private MailApp? _app;

    private MailApp App => _app ?? throw new InvalidOperationException("Start the app first.");

    private FacilitatorService Service => App.Services.CreateScope().ServiceProvider.GetRequiredService<FacilitatorService>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await ((IAsyncLifetime)_app).DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_invitation_to_the_same_email_and_call_is_refused_and_changes_nothing()
    {
        await StartAsync();
        var (call, facilitator) = await CallAsync();
        var colleague = await new TestData(App).UserAsync(Roles.Facilitator);
        (await Service.AppointAsync(facilitator, new AppointFacilitator(await EmailAsync(colleague)) { CallId = call.Id })).Error.ShouldBeNull();
        var email = $"nouvelle-{Guid.NewGuid():N}@co-animation.example";
        (await Service.AppointAsync(facilitator, Appoint(call, email))).Value!.Invited.ShouldBeTrue();
        var before = await CountsAsync(email);

        var again = await (await ApiClient.ForAsync(App, facilitator)).PostAsJsonAsync($"/api/v1/calls/{call.Slug}/facilitators", new { email = email.ToUpperInvariant() });
        var byColleague = await Service.AppointAsync(colleague, Appoint(call, email));

        var problem = await again.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.FacilitatorAlreadyInvited);
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Cette adresse est déjà invitée à co-animer l'appel");
        byColleague.Error!.Code.ShouldBe(ErrorCodes.FacilitatorAlreadyInvited, "another facilitator of the call is refused too");
        (await CountsAsync(email)).ShouldBe(before);
        before.ShouldBe((1, 1, 1));
        (await Service.ListAsync(facilitator, call.Id)).Value!.Invited.Select(i => i.Email).ShouldBe([email]);
        (await new NotificationKit(App, smtp).MailsToAsync(email, 1)).Count.ShouldBe(1, "one invitation mail arrived");
    }

    [Fact]
    public async Task Another_call_another_role_a_used_or_an_expired_invitation_does_not_block_a_new_one()
    {
        await StartAsync();
        var (call, facilitator) = await CallAsync();
        var other = await new TestData(App).CallAsync(CallVisibility.Public, facilitator);
        var email = $"invitee-{Guid.NewGuid():N}@co-animation.example";
        (await Service.AppointAsync(facilitator, Appoint(call, email))).Value!.Invited.ShouldBeTrue();

        (await Service.AppointAsync(facilitator, Appoint(other, email))).Value!.Invited.ShouldBeTrue("another call");

        var expert = $"expert-{Guid.NewGuid():N}@co-animation.example";
        (await App.Services.GetRequiredService<EvaluationService>().AppointAsync(facilitator, new AppointEvaluator(call.Id, expert))).Value!.Invited.ShouldBeTrue();
        (await Service.AppointAsync(facilitator, Appoint(call, expert))).Value!.Invited.ShouldBeTrue("an invitation to evaluate is another role");
        (await App.Services.GetRequiredService<EvaluationService>().AppointAsync(facilitator, new AppointEvaluator(call.Id, expert))).Error!.Code
            .ShouldBe(EvaluationCodes.EvaluatorAlreadyInvited, "the evaluator's own rule still holds");

        // Registering always makes the account, which is then named directly: a used invitation whose email has no
        // account is arranged by hand, to show that only a waiting invitation blocks.
        var used = $"used-{Guid.NewGuid():N}@co-animation.example";
        var first = (await Service.AppointAsync(facilitator, Appoint(call, used))).Value!;
        await using (var db = await App.DbAsync())
        {
            (await db.AccountInvitations.SingleAsync(i => i.Id == first.InvitationId)).UsedAt = App.Clock.GetUtcNow();
            await db.SaveChangesAsync();
        }

        (await Service.AppointAsync(facilitator, Appoint(call, used))).Value!.Invited.ShouldBeTrue("a used invitation");

        App.Clock.Advance(InvitationService.Lifetime + TimeSpan.FromMinutes(1));
        var renewed = await Service.AppointAsync(facilitator, Appoint(call, email));

        renewed.Value!.Invited.ShouldBeTrue("the first invitation expired");
        (await Service.ListAsync(facilitator, call.Id)).Value!.Invited.ShouldHaveSingleItem().InvitationId.ShouldBe(renewed.Value.InvitationId!.Value);
        (await CountsAsync(email)).Invitations.ShouldBe(3);
    }

    [Fact]
    public async Task Invitations_beyond_the_facilitators_limit_are_refused_with_429_and_nothing_changes()
    {
        await StartAsync(limit: 3);
        var (call, facilitator) = await CallAsync();
        var first = $"un-{Guid.NewGuid():N}@co-animation.example";
        (await Service.AppointAsync(facilitator, Appoint(call, first))).Value!.Invited.ShouldBeTrue();
        (await Service.AppointAsync(facilitator, Appoint(call, first))).Error!.Code.ShouldBe(ErrorCodes.FacilitatorAlreadyInvited);
        (await Service.AppointAsync(facilitator, Appoint(call, $"deux-{Guid.NewGuid():N}@co-animation.example"))).Value!.Invited.ShouldBeTrue("a refused duplicate counts nothing");
        var expert = $"expert-{Guid.NewGuid():N}@co-animation.example";
        (await App.Services.GetRequiredService<EvaluationService>().AppointAsync(facilitator, new AppointEvaluator(call.Id, expert))).Value!.Invited.ShouldBeTrue();
        var fourth = $"quatre-{Guid.NewGuid():N}@co-animation.example";

        var response = await (await ApiClient.ForAsync(App, facilitator)).PostAsJsonAsync($"/api/v1/calls/{call.Slug}/facilitators", new { email = fourth });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        problem.GetProperty("detail").GetString()!.ShouldContain("Trop de demandes");
        (await CountsAsync(fourth)).ShouldBe((0, 0, 0));
        (await Service.ListAsync(facilitator, call.Id)).Value!.Invited.Count.ShouldBe(2);
        (await App.Services.GetRequiredService<EvaluationService>().AppointAsync(facilitator, new AppointEvaluator(call.Id, fourth))).Error!.Code
            .ShouldBe(ErrorCodes.RateLimited, "the same limit as the evaluator invitations");

        var colleague = await new TestData(App).UserAsync();
        (await Service.AppointAsync(facilitator, Appoint(call, await EmailAsync(colleague)))).Value!.UserId.ShouldBe(colleague.UserId, "naming someone with an account sends no invitation");
        var another = await new TestData(App).UserAsync(Roles.Facilitator);
        var otherCall = await new TestData(App).CallAsync(CallVisibility.Public, another);
        (await Service.AppointAsync(another, Appoint(otherCall, fourth))).Value!.Invited.ShouldBeTrue("the limit is each inviter's own");
    }

    private async Task StartAsync(int? limit = null)
    {
        _app = new MailApp(smtp.SmtpPort, settings: limit is { } permits
            ? new Dictionary<string, string> { ["RateLimiting:Invitations:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : null);
        await _app.InitializeAsync();
    }

    private static AppointFacilitator Appoint(Call call, string email) => new(email) { CallId = call.Id };

    private async Task<(Call Call, Actor Facilitator)> CallAsync()
    {
        var data = new TestData(App);
        var facilitator = await data.UserAsync(Roles.Facilitator);
        return (await data.CallAsync(CallVisibility.Public, facilitator), facilitator);
    }

    private async Task<string> EmailAsync(Actor actor)
    {
        await using var db = await App.DbAsync();
        return await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email!).SingleAsync();
    }

    /// <summary>The invitations of <paramref name="email"/>, the invitation mails queued or sent to it, and the call audit entries saying one was sent.</summary>
    private async Task<(int Invitations, int Mails, int Audited)> CountsAsync(string email)
    {
        await using var db = await App.DbAsync();
        var normalised = email.ToUpperInvariant();
        return (await db.AccountInvitations.CountAsync(i => i.Email.ToUpper() == normalised),
            await db.OutboxMessages.CountAsync(m => m.To == email && m.Kind == AccountMails.InvitationKind),
            await db.Audit.CountAsync(a => a.Action == "call.facilitator_invited" && a.After!.Contains(email)));
    }
}
