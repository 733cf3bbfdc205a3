using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Calls;

/// <summary>Co-facilitators through the API and the service: named by email or invited, removed but never the last, audited.</summary>
public sealed class FacilitatorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    private FacilitatorService Service => app.Services.CreateScope().ServiceProvider.GetRequiredService<FacilitatorService>();

    [Fact]
    public async Task A_facilitator_names_an_existing_person_who_then_manages_the_call()
    {
        var (call, facilitator) = await CallAsync();
        var email = $"yanis-{Guid.NewGuid():N}@test.example";
        var colleague = await _data.UserAsync(email: email);
        var api = await ApiClient.ForAsync(app, facilitator);
        var theirs = await ApiClient.ForAsync(app, colleague);
        (await theirs.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/glossary", new { term = "Pair", definition = "Membre" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var appointed = await (await api.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/facilitators", new { email = email.ToUpperInvariant() })).ShouldBeOkAsync(HttpStatusCode.Created);

        appointed.GetProperty("userId").GetString().ShouldBe(colleague.UserId);
        appointed.GetProperty("invited").GetBoolean().ShouldBeFalse();
        (await theirs.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/glossary", new { term = "Pair", definition = "Membre" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var listed = await (await theirs.GetAsync($"/api/v1/calls/{call.Slug}/facilitators")).ShouldBeOkAsync();
        listed.GetProperty("facilitators").EnumerateArray().Select(f => f.GetProperty("email").GetString()).ShouldBe(new[] { email, await EmailAsync(facilitator) }, ignoreOrder: true);
        (await AuditAsync(call, "call.facilitator_appointed")).ShouldBe(1);
        await using var db = await _data.DbAsync();
        var told = await db.Notifications.SingleAsync(n => n.UserId == colleague.UserId && n.CallId == call.Id);
        told.Type.ShouldBe(NotificationType.FacilitatorAppointed);
        told.Title.ShouldBe($"Vous co-animez l'appel « {call.Title} »");
        told.Link.ShouldBe($"/calls/{call.Slug}/manage");
        (await db.OutboxMessages.CountAsync(m => m.To == email && m.Kind == Notifier.MailKind(NotificationType.FacilitatorAppointed))).ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_email_is_invited_by_mail_and_facilitates_the_call_on_registering()
    {
        var (call, facilitator) = await CallAsync();
        var email = $"nouvelle-{Guid.NewGuid():N}@test.example";

        var appointed = await Service.AppointAsync(facilitator, new AppointFacilitator(email) { CallId = call.Id });

        appointed.Error.ShouldBeNull();
        appointed.Value!.Invited.ShouldBeTrue();
        await using (var db = await _data.DbAsync())
        {
            (await db.OutboxMessages.CountAsync(m => m.To == email && m.Kind == AccountMails.InvitationKind)).ShouldBe(1);
        }

        (await Service.ListAsync(facilitator, call.Id)).Value!.Invited.Select(i => i.Email).ShouldBe([email]);
        var registered = await app.Services.CreateScope().ServiceProvider.GetRequiredService<InvitationService>()
            .RegisterAsync(new Registration(appointed.Value.InvitationToken!, "Nouvelle Animatrice", TestData.Password));
        registered.Error.ShouldBeNull();

        var view = (await Service.ListAsync(facilitator, call.Id)).Value!;
        view.Facilitators.Select(f => f.Email).ShouldContain(email);
        view.Invited.ShouldBeEmpty();
        (await AuditAsync(call, "call.facilitator_invited")).ShouldBe(1);
    }

    [Fact]
    public async Task A_co_facilitator_is_removed_and_stops_managing_but_the_last_facilitator_stays()
    {
        var (call, facilitator) = await CallAsync();
        var colleague = await _data.UserAsync();
        (await Service.AppointAsync(facilitator, new AppointFacilitator(await EmailAsync(colleague)) { CallId = call.Id })).Error.ShouldBeNull();
        var api = await ApiClient.ForAsync(app, colleague);

        (await api.DeleteAsync($"/api/v1/calls/{call.Slug}/facilitators/{facilitator.UserId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var last = await api.DeleteAsync($"/api/v1/calls/{call.Slug}/facilitators/{colleague.UserId}");

        await last.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.LastFacilitator);
        (await FacilitatorIdsAsync(call)).ShouldBe([colleague.UserId!]);
        (await AuditAsync(call, "call.facilitator_removed")).ShouldBe(1);
        (await (await ApiClient.ForAsync(app, facilitator)).PostAsJsonAsync($"/api/v1/calls/{call.Slug}/glossary", new { term = "Pair", definition = "Membre" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Two_facilitators_removing_each_other_at_once_leave_one_of_them()
    {
        for (var round = 0; round < 10; round++)
        {
            var (call, first) = await CallAsync();
            var second = await _data.UserAsync();
            (await Service.AppointAsync(first, new AppointFacilitator(await EmailAsync(second)) { CallId = call.Id })).Error.ShouldBeNull();

            var outcomes = await Task.WhenAll(
                Task.Run(() => Service.RemoveAsync(first, new RemoveFacilitator(call.Id, second.UserId!))),
                Task.Run(() => Service.RemoveAsync(second, new RemoveFacilitator(call.Id, first.UserId!))));

            (await FacilitatorIdsAsync(call)).Count.ShouldBe(1, $"round {round}");
            outcomes.Count(o => o.IsSuccess).ShouldBe(1, $"round {round}");
            // The one that waited finds itself the last facilitator, or already removed (then no longer allowed).
            outcomes.Single(o => !o.IsSuccess).Error!.Code.ShouldBeOneOf(ErrorCodes.LastFacilitator, ErrorCodes.Forbidden);
        }
    }

    [Theory]
    [InlineData("pas-un-courriel")]
    [InlineData("")]
    [InlineData("a@b")]
    public async Task A_malformed_email_is_refused_and_nothing_changes(string email)
    {
        var (call, facilitator) = await CallAsync();
        var api = await ApiClient.ForAsync(app, facilitator);
        var before = await CountsAsync();

        var response = await api.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/facilitators", new { email = email == "a@b" ? new string('a', 300) + "@b.example" : email });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        (await CountsAsync()).ShouldBe(before);
        (await FacilitatorIdsAsync(call)).ShouldBe([facilitator.UserId!]);
    }

    [Fact]
    public async Task Unknown_ids_repeated_names_and_outsiders_get_a_clear_refusal_and_nothing_changes()
    {
        var (call, facilitator) = await CallAsync();
        var api = await ApiClient.ForAsync(app, facilitator);
        var member = await _data.UserAsync(Roles.Facilitator);
        var before = await CountsAsync();

        await (await api.DeleteAsync($"/api/v1/calls/{call.Slug}/facilitators/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await api.PostAsJsonAsync("/api/v1/calls/appel-inconnu/facilitators", new { email = "x@test.example" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await api.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/facilitators", new { email = await EmailAsync(facilitator) }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.AlreadyFacilitator);
        var outsider = await ApiClient.ForAsync(app, member);
        await (await outsider.PostAsJsonAsync($"/api/v1/calls/{call.Slug}/facilitators", new { email = await EmailAsync(member) }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await outsider.GetAsync($"/api/v1/calls/{call.Slug}/facilitators")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        (await CountsAsync()).ShouldBe(before);
    }

    private async Task<(Call Call, Actor Facilitator)> CallAsync()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        return (await _data.CallAsync(CallVisibility.Public, facilitator), facilitator);
    }

    private async Task<string> EmailAsync(Actor actor)
    {
        await using var db = await _data.DbAsync();
        return await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email!).SingleAsync();
    }

    private async Task<IReadOnlyList<string>> FacilitatorIdsAsync(Call call)
    {
        await using var db = await _data.DbAsync();
        return await db.Set<CallFacilitator>().Where(f => f.CallId == call.Id).Select(f => f.UserId).ToListAsync();
    }

    private async Task<int> AuditAsync(Call call, string action)
    {
        await using var db = await _data.DbAsync();
        return await db.Audit.CountAsync(a => a.CallId == call.Id && a.Action == action);
    }

    private async Task<(int Facilitators, int Invitations, int Mails, int Audit)> CountsAsync()
    {
        await using var db = await _data.DbAsync();
        return (await db.Set<CallFacilitator>().CountAsync(), await db.AccountInvitations.CountAsync(), await db.OutboxMessages.CountAsync(), await db.Audit.CountAsync());
    }
}
