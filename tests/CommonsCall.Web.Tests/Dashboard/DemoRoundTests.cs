using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Dashboard;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Dashboard;

/// <summary>The demo's co-funding round: what a funder signing in with the printed account finds on the dashboard.</summary>
public sealed class DemoRoundTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task The_demo_funder_watches_a_round_with_money_already_moving_and_a_ledger_that_adds_up()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sophie = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(DemoData.Funder.Email);
        var funder = new Actor(sophie!.Id, IsAdministrator: false, IsFacilitator: false);

        var v = (await app.Services.GetRequiredService<DashboardQueries>().DashboardAsync(funder, DemoData.RoundCallSlug, null)).Value.ShouldNotBeNull();
        v.Phase.ShouldBe(CallPhase.Budgeting);
        v.RoundOpen.ShouldBeTrue();
        await using (var rules = await new TestData(app).DbAsync())
        {
            var round = await rules.Calls.SingleAsync(c => c.Slug == DemoData.RoundCallSlug);
            round.BudgetRules.FundingClosesAt.ShouldNotBeNull();
            round.BudgetRules.FundingClosesAt.Value.ShouldBeGreaterThan(DateTimeOffset.UtcNow, "the demo round seeded today closes in the future");
            round.PlannedDates.StartOf(CallPhase.Results).ShouldNotBeNull().ShouldBeGreaterThan(DateOnly.FromDateTime(DateTime.UtcNow));
        }

        v.Totals.Pool.ShouldBe(500_000);
        v.Totals.Granted.ShouldBe(500_000);
        v.Totals.Contributed.ShouldBe(350_000);
        v.Commons.Count.ShouldBe(5);
        v.Commons.Count(c => c.State == GoalState.MinimumReached).ShouldBe(1);
        v.Commons.Sum(c => c.EstimatedMatch ?? 0).ShouldBeGreaterThan(0);
        v.Organisations.Count.ShouldBe(10);
        v.Organisations.Count(o => o.Contributed == 0).ShouldBe(2, "the two demo members still have their whole budget to spread");

        await using var db = await new TestData(app).DbAsync();
        foreach (var slug in new[] { DemoData.CallSlug, DemoData.RoundCallSlug })
        {
            var callId = await db.Calls.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync();
            (await LedgerCheck.VerifyAsync(db, callId)).ShouldBeEmpty(slug);
        }
    }
}
