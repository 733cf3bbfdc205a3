using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Dashboard;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Dashboard;

/// <summary>The demo's co-funding round and its call in follow-up: what a funder signing in with the printed account finds.</summary>
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
        foreach (var slug in new[] { DemoData.CallSlug, DemoData.RoundCallSlug, DemoData.FollowUpCallSlug })
        {
            var callId = await db.Calls.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync();
            (await LedgerCheck.VerifyAsync(db, callId)).ShouldBeEmpty(slug);
        }
    }

    [Fact]
    public async Task The_demo_call_in_follow_up_shows_paid_tranches_a_late_milestone_a_delivered_and_a_cancelled_commons()
    {
        var funder = await FunderAsync();
        await using var db = await new TestData(app).DbAsync();
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Slug == DemoData.FollowUpCallSlug);
        call.Phase.ShouldBe(CallPhase.FollowUp);
        call.SettledAt.ShouldNotBeNull().ShouldBeLessThan(DateTimeOffset.UtcNow.AddDays(-30), "the round was settled long before the day the demo is seeded");
        (await LedgerCheck.VerifyAsync(db, call.Id)).ShouldBeEmpty();

        var commons = await db.Commons.AsNoTracking().Where(c => c.CallId == call.Id).ToDictionaryAsync(c => c.Title);
        commons.Keys.ShouldBe(DemoData.FollowUpCommons.All, ignoreOrder: true);
        commons[DemoData.FollowUpCommons.Hitchhiking].Status.ShouldBe(CommonsStatus.NotFunded);
        commons[DemoData.FollowUpCommons.SubsidySchema].Status.ShouldBe(CommonsStatus.Delivered);

        var queries = app.Services.GetRequiredService<AgreementQueries>();
        var views = new Dictionary<string, AgreementView>();
        foreach (var title in DemoData.FollowUpCommons.Funded)
        {
            views[title] = (await queries.GetAsync(funder, call.Id, commons[title].Id)).ShouldNotBeNull(title);
            views[title].Schedule.ShouldBe(ScheduleState.Accepted, title);
            views[title].Paid.ShouldBeGreaterThan(0, title);
        }

        views[DemoData.FollowUpCommons.TripLog].Status.ShouldBe(AgreementStatus.InProgress);
        views[DemoData.FollowUpCommons.MobilityAccount].Status.ShouldBe(AgreementStatus.InProgress);
        views[DemoData.FollowUpCommons.MobilityAccount].Milestones.Count(m => m.State == DeliverableState.Declared).ShouldBe(1, "one milestone waits for the facilitator");

        var delivered = views[DemoData.FollowUpCommons.SubsidySchema];
        delivered.Status.ShouldBe(AgreementStatus.Delivered);
        delivered.Paid.ShouldBe(delivered.Award);

        var cancelled = views[DemoData.FollowUpCommons.CargoBikeGuide];
        cancelled.Status.ShouldBe(AgreementStatus.Cancelled);
        cancelled.CancelReason.ShouldNotBeNullOrWhiteSpace();
        cancelled.Tranches.Count(t => t.State == TrancheState.Paid).ShouldBe(1, "the start tranche was paid before the cancellation");
        cancelled.ReturnedToPool.ShouldBe(cancelled.Award - cancelled.Paid);
        cancelled.ReturnedToPool.ShouldBeGreaterThan(0);

        var late = views.Values.SelectMany(v => v.Milestones.Where(m => m.IsLate).Select(m => (Commons: v.CommonsTitle, Milestone: m))).ToList();
        late.Count.ShouldBe(1);
        late[0].Commons.ShouldBe(DemoData.FollowUpCommons.TripLog);
        late[0].Milestone.State.ShouldBe(DeliverableState.ChangesRequested);
        late[0].Milestone.ReviewComment.ShouldNotBeNullOrWhiteSpace();

        var payments = await db.Ledger.AsNoTracking().Where(e => e.CallId == call.Id && e.Kind == LedgerEntryKind.Payment).ToListAsync();
        payments.Count.ShouldBe(4 + 1 + 2, "the four start tranches, then the milestones accepted: one of the account, two of the schema");
        payments.ShouldAllBe(p => p.At < DateTimeOffset.UtcNow.AddDays(-1), "the history happened before the day the demo is seeded");
    }

    private async Task<Actor> FunderAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sophie = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(DemoData.Funder.Email);
        return new Actor(sophie!.Id, IsAdministrator: false, IsFacilitator: false);
    }
}
