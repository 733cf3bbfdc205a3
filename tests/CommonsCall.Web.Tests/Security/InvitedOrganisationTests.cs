using System.Net;
using System.Text.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Security;

/// <summary>
/// An organisation invited to a members-only call, before it joins: it reads the call (framing, challenges,
/// commons) to decide whether to join, but not the call's money, which is its members' affair until it does.
/// </summary>
public sealed class InvitedOrganisationTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    [Fact]
    public async Task An_invited_organisation_reads_a_members_only_call_but_not_its_money_until_it_joins()
    {
        var world = await SecurityWorld.CreateAsync(app, await app.PeopleAsync(), CallPhase.Budgeting);
        var data = new TestData(app);
        var invited = await data.OrganisationAsync($"Invitée {Guid.NewGuid():N}"[..20]);
        var person = await data.UserAsync(organisation: invited.Id);
        await using (var db = await data.DbAsync())
        {
            db.Participants.Add(new Participant(world.Call.Id, invited.Id, ParticipantRole.Member, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var client = await ApiClient.ForAsync(app, person);
        await (await client.GetAsync(world.Url(string.Empty).TrimEnd('/'))).ShouldBeOkAsync();
        await (await client.GetAsync(world.Url("challenges"))).ShouldBeOkAsync();
        var commons = await (await client.GetAsync(world.Url($"commons/{world.Commons}"))).ShouldBeOkAsync();
        commons.GetProperty("funding").ValueKind.ShouldBe(JsonValueKind.Null);
        await (await client.GetAsync(world.Url("funding"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await client.GetAsync(world.Url("dashboard"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await client.GetAsync(world.Url("ledger"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await client.GetAsync(world.Url("reports"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        var browser = await Browser.SignedInAsync(app, person);
        var page = await browser.Client.GetStringAsync($"/calls/{world.Slug}");
        page.ShouldNotContain($"href=\"/calls/{world.Slug}/funding\"");
        (await browser.Client.GetAsync($"/calls/{world.Slug}/funding")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await (await client.PostAsync(world.Url($"participants/{invited.Id}/Member/accept"), null)).ShouldBeOkAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync(world.Url("funding"))).ShouldBeOkAsync();
        (await (await client.GetAsync(world.Url($"commons/{world.Commons}"))).ShouldBeOkAsync()).GetProperty("funding").ValueKind.ShouldBe(JsonValueKind.Object);
    }
}
