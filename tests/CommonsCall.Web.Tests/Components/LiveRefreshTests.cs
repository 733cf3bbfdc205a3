using System.Diagnostics.Metrics;
using System.Text.Json;
using Bunit;
using CommonsCall.Web.Components.Shared;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The one live-refresh helper of the pages that follow a call's changes (dashboard, co-funding).</summary>
public sealed class LiveRefreshTests : ComponentTestContext
{
    private readonly ContributionEvents _events = new();
    private readonly Guid _call = Guid.NewGuid();
    private int _reloads;

    private readonly ServiceProvider _fallback;

    // The base context has already resolved services, so the events come from a fallback provider.
    public LiveRefreshTests()
    {
        _fallback = new ServiceCollection().AddMetrics().AddSingleton<AppMetrics>().AddSingleton(TimeProvider.System).AddSingleton(_events).BuildServiceProvider();
        Services.AddFallbackServiceProvider(_fallback);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private IRenderedComponent<LiveRefresh> RenderFollowing(TimeSpan coalescing) =>
        Render<LiveRefresh>(p => p
            .Add(x => x.CallId, _call)
            .Add(x => x.Coalescing, coalescing)
            .Add(x => x.Changed, () => Interlocked.Increment(ref _reloads)));

    /// <summary>What the database listener raises when something of <paramref name="callId"/> changed.</summary>
    private void Announce(Guid callId) => _events.Raise(JsonSerializer.Serialize(new { CallId = callId, Contribution = (object?)null }));

    /// <summary>
    /// Runs after everything the announcements queued on the renderer: with no coalescing, a reload they asked for has
    /// happened by then. So a test that nothing reloaded does not depend on how long it waited.
    /// </summary>
    private static Task DrainAsync(IRenderedComponent<LiveRefresh> cut) => cut.InvokeAsync(() => { });

    [Fact]
    public async Task A_burst_of_changes_is_one_reload_after_the_coalescing_window()
    {
        var cut = RenderFollowing(TimeSpan.FromSeconds(3));

        for (var i = 0; i < 20; i++)
        {
            Announce(_call);
        }

        await DrainAsync(cut);
        Volatile.Read(ref _reloads).ShouldBe(0, "the page waits for the rest of the burst");
        await WaitForReloadsAsync(1);

        // The burst asked for one reload only: the next change is the second.
        Announce(_call);
        await WaitForReloadsAsync(2);
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
        var cut = RenderFollowing(TimeSpan.Zero);

        Announce(Guid.NewGuid());
        await DrainAsync(cut);

        Volatile.Read(ref _reloads).ShouldBe(0);
        Announce(_call);
        await WaitForReloadsAsync(1);
    }

    [Fact]
    public async Task A_follow_up_change_that_moves_no_money_reloads_the_page_too()
    {
        var raised = 0;
        _events.FollowUpChanged += _ => Interlocked.Increment(ref raised);
        RenderFollowing(TimeSpan.Zero);

        _events.Raise(JsonSerializer.Serialize(new { CallId = _call, Contribution = (object?)null, FollowUp = true }));

        await WaitForReloadsAsync(1);
        Volatile.Read(ref raised).ShouldBe(1);
    }

    [Fact]
    public async Task A_prerendered_page_does_not_follow_changes()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var cut = RenderFollowing(TimeSpan.Zero);

        Announce(_call);
        await DrainAsync(cut);

        Volatile.Read(ref _reloads).ShouldBe(0);
    }

    [Fact]
    public async Task The_time_from_a_contribution_to_the_page_reloading_is_measured_for_operators()
    {
        var measured = new List<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AppMetrics.MeterName && instrument.Name == "commonscall.live_update.latency")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (measured)
            {
                measured.Add(value);
            }
        });
        listener.Start();
        RenderFollowing(TimeSpan.Zero);

        // A contribution committed two seconds ago (the clock is the real one here).
        var change = new ContributionChanged(_call, Guid.NewGuid(), Guid.NewGuid(), 0, 1_000, 1_000, DateTimeOffset.UtcNow.AddSeconds(-2));
        _events.Raise(JsonSerializer.Serialize(new { CallId = _call, Contribution = change }));
        await WaitForReloadsAsync(1);

        lock (measured)
        {
            measured.ShouldHaveSingleItem().ShouldBeGreaterThanOrEqualTo(2_000);
        }
    }

    [Fact]
    public async Task A_page_that_was_left_stops_following()
    {
        var cut = RenderFollowing(TimeSpan.Zero);
        cut.Instance.Dispose();

        Announce(_call);
        await DrainAsync(cut);

        Volatile.Read(ref _reloads).ShouldBe(0);
    }

    private async Task WaitForReloadsAsync(int expected)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref _reloads) < expected && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        Volatile.Read(ref _reloads).ShouldBe(expected);
    }
}
