using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Budgeting;

public sealed class LiveUpdateTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<T> WithinAsync<T>(TaskCompletionSource<T> signal, TimeSpan limit)
    {
        var finished = await Task.WhenAny(signal.Task, Task.Delay(limit));
        finished.ShouldBe(signal.Task, $"no live update within {limit.TotalSeconds} s");
        return await signal.Task;
    }

    [Fact]
    public async Task A_contribution_is_announced_to_another_app_instance_sharing_the_database()
    {
        var s = await BudgetScenario.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        await s.OpenRoundAsync();
        await using var other = new SecondInstance(app);
        await ((IAsyncLifetime)other).InitializeAsync();
        var listener = other.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ChangeListener>().Single();
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var seen = new TaskCompletionSource<ContributionChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        other.Services.GetRequiredService<ContributionEvents>().Changed += c => seen.TrySetResult(c);

        (await s.ContributeAsync(s.Members[1], s.Commons[0], 7_000)).Error.ShouldBeNull();

        var change = await WithinAsync(seen, TimeSpan.FromSeconds(1));
        change.CommonsId.ShouldBe(s.Commons[0].Id);
        change.After.ShouldBe(7_000);
        change.CommonsTotal.ShouldBe(7_000);
    }

    [Fact]
    public async Task A_refused_contribution_announces_nothing()
    {
        var s = await BudgetScenario.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        await s.OpenRoundAsync();
        var seen = new TaskCompletionSource<ContributionChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(ContributionChanged c)
        {
            if (c.CallId == s.Call.Id)
            {
                seen.TrySetResult(c);
            }
        }

        var events = app.Services.GetRequiredService<ContributionEvents>();
        events.Changed += Handler;
        try
        {
            (await s.ContributeAsync(s.Members[1], s.Commons[0], 999_999)).Error.ShouldNotBeNull();
            (await Task.WhenAny(seen.Task, Task.Delay(500))).ShouldNotBe(seen.Task);
        }
        finally
        {
            events.Changed -= Handler;
        }
    }
}
