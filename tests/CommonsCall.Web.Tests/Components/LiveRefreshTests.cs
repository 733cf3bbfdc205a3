using System.Text.Json;
using Bunit;
using CommonsCall.Web.Components.Shared;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The one live-refresh helper of the pages that follow a call's changes (dashboard, co-funding).</summary>
public sealed class LiveRefreshTests : ComponentTestContext
{
    private readonly ContributionEvents _events = new();
    private readonly Guid _call = Guid.NewGuid();
    private int _reloads;

    // The base context has already resolved services, so the events come from a fallback provider.
    public LiveRefreshTests() => Services.AddFallbackServiceProvider(new ServiceCollection().AddSingleton(_events).BuildServiceProvider());

    private IRenderedComponent<LiveRefresh> RenderFollowing(TimeSpan coalescing) =>
        Render<LiveRefresh>(p => p
            .Add(x => x.CallId, _call)
            .Add(x => x.Coalescing, coalescing)
            .Add(x => x.Changed, () => Interlocked.Increment(ref _reloads)));

    /// <summary>What the database listener raises when something of <paramref name="callId"/> changed.</summary>
    private void Announce(Guid callId) => _events.Raise(JsonSerializer.Serialize(new { CallId = callId, Contribution = (object?)null }));

    [Fact]
    public async Task A_burst_of_changes_is_one_reload_after_the_coalescing_window()
    {
        RenderFollowing(TimeSpan.FromSeconds(1));

        for (var i = 0; i < 20; i++)
        {
            Announce(_call);
        }

        Volatile.Read(ref _reloads).ShouldBe(0, "the page waits for the rest of the burst");
        await WaitForReloadsAsync(1);
        await Task.Delay(1500);
        Volatile.Read(ref _reloads).ShouldBe(1);
    }

    [Fact]
    public async Task Without_coalescing_every_change_that_comes_after_a_reload_reloads_again()
    {
        RenderFollowing(TimeSpan.Zero);

        Announce(_call);
        await WaitForReloadsAsync(1);
        Announce(_call);
        await WaitForReloadsAsync(2);
        Announce(_call);
        await WaitForReloadsAsync(3);
    }

    [Fact]
    public async Task Changes_of_another_call_are_ignored()
    {
        RenderFollowing(TimeSpan.Zero);

        Announce(Guid.NewGuid());
        await Task.Delay(300);

        Volatile.Read(ref _reloads).ShouldBe(0);
    }

    [Fact]
    public async Task A_prerendered_page_does_not_follow_changes()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        RenderFollowing(TimeSpan.Zero);

        Announce(_call);
        await Task.Delay(300);

        Volatile.Read(ref _reloads).ShouldBe(0);
    }

    [Fact]
    public async Task A_page_that_was_left_stops_following()
    {
        var cut = RenderFollowing(TimeSpan.Zero);
        cut.Instance.Dispose();

        Announce(_call);
        await Task.Delay(300);

        Volatile.Read(ref _reloads).ShouldBe(0);
    }

    private async Task WaitForReloadsAsync(int expected)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (Volatile.Read(ref _reloads) < expected && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        Volatile.Read(ref _reloads).ShouldBe(expected);
    }
}
