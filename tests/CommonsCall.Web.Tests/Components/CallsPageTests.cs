using Bunit;
using CommonsCall.Domain.Calls;
using CommonsCall.Web.Components.Pages.Calls;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The calls index (/calls), rendered by bunit on the real database: what the viewer may read, searched and in pages.</summary>
public sealed class CallsPageTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;
    private readonly string _token = Guid.NewGuid().ToString("N")[..8];

    public CallsPageTests(AppFactory app)
    {
        _app = app;
        Services.AddFallbackServiceProvider(app.Services);
    }

    private IRenderedComponent<CallsPage> RenderAt(string address, Actor viewer)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<CallsPage>(p => p.AddCascadingValue(StateOf(viewer)));
    }

    /// <summary><paramref name="count"/> public calls whose title holds this test's token.</summary>
    private async Task CallsAsync(int count, CallVisibility visibility = CallVisibility.Public, Actor? facilitator = null)
    {
        var data = new TestData(_app);
        for (var i = 0; i < count; i++)
        {
            await data.CallAsync(visibility, facilitator, slug: $"idx-{_token}-{visibility}-{i}".ToLowerInvariant());
        }
    }

    [Fact]
    public async Task A_search_lists_the_matching_calls_twenty_to_a_page()
    {
        await CallsAsync(23);

        var first = RenderAt($"/calls?q={_token}", Actor.Anonymous);
        first.WaitForAssertion(() => first.FindAll("[data-testid=call-card]").Count.ShouldBe(20));
        first.Find("[data-testid=calls-count]").TextContent.ShouldBe($"23 appels correspondent à « {_token} ».");
        first.Find("[data-testid=calls-pager]").TextContent.ShouldContain("Page 1 sur 2");
        first.FindAll("[data-testid=calls-previous]").ShouldBeEmpty();
        first.Find("[data-testid=calls-next]").GetAttribute("href").ShouldBe($"/calls?q={_token}&page=2");

        var second = RenderAt($"/calls?q={_token}&page=2", Actor.Anonymous);
        second.WaitForAssertion(() => second.FindAll("[data-testid=call-card]").Count.ShouldBe(3));
        second.FindAll("[data-testid=calls-next]").ShouldBeEmpty();
        second.Find("[data-testid=calls-previous]").GetAttribute("href").ShouldBe($"/calls?q={_token}&page=1");
    }

    [Fact]
    public async Task A_members_only_call_is_listed_for_its_facilitator_only()
    {
        var facilitator = await new TestData(_app).UserAsync(Roles.Facilitator);
        await CallsAsync(1, CallVisibility.MembersOnly, facilitator);

        var visitor = RenderAt($"/calls?q={_token}", Actor.Anonymous);
        visitor.WaitForAssertion(() => visitor.Find("[data-testid=calls-count]").TextContent.ShouldBe($"Aucun appel ne correspond à « {_token} »."));

        var own = RenderAt($"/calls?q={_token}", facilitator);
        own.WaitForAssertion(() => own.FindAll("[data-testid=call-card]").Count.ShouldBe(1));
        own.Find("[data-testid=call-card]").TextContent.ShouldContain("Vous animez");
    }

    [Fact]
    public async Task Wildcards_typed_in_the_search_are_taken_literally()
    {
        await CallsAsync(1);

        var cut = RenderAt("/calls?q=%25", Actor.Anonymous);

        cut.WaitForAssertion(() => cut.Find("[data-testid=calls-count]").TextContent.ShouldBe("Aucun appel ne correspond à « % »."));
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        await CallsAsync(2);

        var cut = RenderAt($"/calls?q={_token}&page=9", Actor.Anonymous);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=call-card]").Count.ShouldBe(2));
        cut.FindAll("[data-testid=calls-pager]").ShouldBeEmpty();
    }
}
