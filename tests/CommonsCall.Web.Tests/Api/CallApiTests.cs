using System.Net;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

public sealed class CallApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    [Fact]
    public async Task Public_calls_are_readable_without_a_token_with_enums_as_strings()
    {
        var call = await _data.CallAsync(CallVisibility.Public);
        var client = ApiClient.Anonymous(app);

        var listed = await (await client.GetAsync("/api/v1/calls")).JsonAsync();
        var summary = listed.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == call.Slug);
        summary.GetProperty("phase").GetString().ShouldBe("Draft");
        summary.GetProperty("visibility").GetString().ShouldBe("Public");

        var detail = await client.GetAsync($"/api/v1/calls/{call.Slug}");
        detail.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await detail.JsonAsync();
        body.GetProperty("title").GetString().ShouldBe(call.Title);
        body.GetProperty("you").GetProperty("isMember").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_members_only_call_is_a_404_to_outsiders_through_the_api()
    {
        var call = await _data.CallAsync(CallVisibility.MembersOnly);
        var anonymous = ApiClient.Anonymous(app);
        var outsider = await ApiClient.ForAsync(app, await _data.UserAsync());

        foreach (var client in new[] { anonymous, outsider })
        {
            var response = await client.GetAsync($"/api/v1/calls/{call.Slug}");
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
            problem.ToString().ShouldNotContain(call.Title);
            (await (await client.GetAsync("/api/v1/calls")).JsonAsync()).EnumerateArray().ShouldNotContain(c => c.GetProperty("slug").GetString() == call.Slug);
        }

        var unknown = await anonymous.GetAsync("/api/v1/calls/no-such-call");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_members_only_call_is_readable_by_its_members_through_the_api()
    {
        var call = await _data.CallAsync(CallVisibility.MembersOnly);
        var org = await _data.OrganisationAsync();
        await _data.JoinAsync(call, org, ParticipantRole.Member);
        var member = await ApiClient.ForAsync(app, await _data.UserAsync(organisation: org.Id));

        var body = await (await member.GetAsync($"/api/v1/calls/{call.Slug}")).JsonAsync();

        body.GetProperty("you").GetProperty("isMember").GetBoolean().ShouldBeTrue();
        var participant = body.GetProperty("participants").EnumerateArray().Single();
        participant.GetProperty("organisationId").GetGuid().ShouldBe(org.Id);
        participant.GetProperty("role").GetString().ShouldBe("Member");
    }
}
