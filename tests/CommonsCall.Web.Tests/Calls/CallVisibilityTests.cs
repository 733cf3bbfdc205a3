using System.Net;
using CommonsCall.Domain.Calls;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Calls;

public sealed class CallVisibilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    private CallQueries Queries => app.Services.GetRequiredService<CallQueries>();

    [Fact]
    public async Task A_public_call_is_readable_without_signing_in()
    {
        var call = await _data.CallAsync(CallVisibility.Public);
        var response = await app.CreateClient().GetAsync($"/calls/{call.Slug}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(call.Title);
    }

    [Fact]
    public async Task A_members_only_call_is_a_404_for_outsiders()
    {
        var call = await _data.CallAsync(CallVisibility.MembersOnly);
        var response = await app.CreateClient().GetAsync($"/calls/{call.Slug}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(call.Title);

        var outsider = await _data.UserAsync();
        (await Queries.FindAsync(call.Slug, outsider)).ShouldBeNull();
        (await Queries.ListVisibleAsync(outsider)).ShouldNotContain(c => c.Id == call.Id);
    }

    [Fact]
    public async Task A_members_only_call_is_visible_to_its_members_and_facilitators()
    {
        var facilitator = await _data.UserAsync(Roles.Facilitator);
        var call = await _data.CallAsync(CallVisibility.MembersOnly, facilitator);
        var org = await _data.OrganisationAsync();
        await _data.JoinAsync(call, org, ParticipantRole.Member);
        var member = await _data.UserAsync(organisation: org.Id);

        var seenByMember = await Queries.FindAsync(call.Slug, member);
        seenByMember.ShouldNotBeNull();
        seenByMember.Access.IsMember.ShouldBeTrue();
        seenByMember.Participants.ShouldContain(p => p.OrganisationId == org.Id && p.Role == ParticipantRole.Member);
        (await Queries.ListVisibleAsync(member)).ShouldContain(c => c.Id == call.Id);

        var seenByFacilitator = await Queries.FindAsync(call.Slug, facilitator);
        seenByFacilitator!.Access.IsFacilitator.ShouldBeTrue();
    }

    [Fact]
    public async Task The_call_summary_markdown_is_rendered_without_raw_html()
    {
        var call = await _data.CallAsync(CallVisibility.Public);
        var html = await app.CreateClient().GetStringAsync($"/calls/{call.Slug}");
        html.ShouldContain("<strong>markdown</strong>");
    }
}
