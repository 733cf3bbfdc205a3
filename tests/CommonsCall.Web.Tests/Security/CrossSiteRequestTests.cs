using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Security;

/// <summary>
/// Cross-site request forgery against the API, as issue 18 found it: a page elsewhere makes the facilitator's
/// browser post to the API with the sign-in cookie. (Every state-changing operation: the matrix's cookie rows.)
/// </summary>
public sealed class CrossSiteRequestTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    private static HttpRequestMessage EmptyFormPost(string url) =>
        new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent([]) };

    private async Task<CallPhase> PhaseAsync(SecurityWorld world)
    {
        var call = await (await (await app.PeopleAsync()).Clients[Role.Facilitator].GetAsync($"/api/v1/calls/{world.Slug}")).ShouldBeOkAsync();
        return Enum.Parse<CallPhase>(call.GetProperty("phase").GetString()!);
    }

    [Theory]
    [InlineData("http://evil.example", "cross-site")]
    [InlineData("http://blog.localhost", "same-site")]
    [InlineData("http://localhost:8081", "same-site")]
    public async Task A_page_of_another_site_cannot_close_the_round_with_the_facilitators_cookie(string origin, string fetchSite)
    {
        var world = await SecurityWorld.CreateAsync(app, await app.PeopleAsync(), CallPhase.Budgeting);
        var facilitator = await app.BrowserAsync(Role.Facilitator);

        var refused = await facilitator.Client.SendAsync(Browser.FromSite(EmptyFormPost(world.Url("close")), origin, fetchSite));

        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.CrossSiteRequest);
        (await PhaseAsync(world)).ShouldBe(CallPhase.Budgeting);
    }

    [Fact]
    public async Task A_cookie_request_that_does_not_say_where_it_comes_from_is_refused()
    {
        var world = await SecurityWorld.CreateAsync(app, await app.PeopleAsync(), CallPhase.Budgeting);
        var facilitator = await app.BrowserAsync(Role.Facilitator);

        var refused = await facilitator.Client.SendAsync(EmptyFormPost(world.Url("close")));

        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.CrossSiteRequest);
        (await PhaseAsync(world)).ShouldBe(CallPhase.Budgeting);
    }

    [Fact]
    public async Task Our_own_pages_may_use_the_api_with_the_cookie()
    {
        var world = await SecurityWorld.CreateAsync(app, await app.PeopleAsync(), CallPhase.Budgeting);
        var facilitator = await app.BrowserAsync(Role.Facilitator);

        var closed = await facilitator.Client.SendAsync(Browser.FromOurPages(EmptyFormPost(world.Url("close"))));
        await closed.ShouldBeOkAsync();
        (await PhaseAsync(world)).ShouldBe(CallPhase.Results);

        // An older browser sends no Sec-Fetch-Site, only the Origin: ours is enough.
        using var glossary = new HttpRequestMessage(HttpMethod.Post, world.Url("glossary")) { Content = JsonContent.Create(new { term = "Abondement", definition = "Fonds ajoutés" }) };
        glossary.Headers.Add("Origin", Browser.OurOrigin);
        await (await facilitator.Client.SendAsync(glossary)).ShouldBeOkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_bearer_token_is_not_asked_where_its_request_comes_from()
    {
        var people = await app.PeopleAsync();
        var world = await SecurityWorld.CreateAsync(app, people, CallPhase.Commons);

        var added = await people.Clients[Role.Facilitator].SendAsync(Browser.FromSite(
            new HttpRequestMessage(HttpMethod.Post, world.Url("glossary")) { Content = JsonContent.Create(new { term = "Jalon", definition = "Étape datée" }) },
            "http://evil.example"));

        await added.ShouldBeOkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Reading_with_the_cookie_is_not_concerned()
    {
        var world = await SecurityWorld.CreateAsync(app, await app.PeopleAsync(), CallPhase.Commons);
        var member = await app.BrowserAsync(Role.Member);

        using var read = Browser.FromSite(new HttpRequestMessage(HttpMethod.Get, world.Url("commons")), "http://evil.example");
        await (await member.Client.SendAsync(read)).ShouldBeOkAsync();
    }
}
