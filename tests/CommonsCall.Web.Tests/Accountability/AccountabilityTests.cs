using CommonsCall.Domain.Accountability;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accountability;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Accountability;

/// <summary>
/// Issue 15 §6 on the real PostgreSQL: a commons' public accountability timeline, built from what the services stored,
/// and the measured gains its holders record (checked in the service, audited, changing nothing when refused).
/// </summary>
public sealed class AccountabilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_timeline_of_a_cancelled_commons_runs_from_its_challenge_to_its_cancellation_with_what_went_back()
    {
        var s = await AccountabilityScenario.CreateAsync(app);
        var f = s.FollowUp;
        app.Clock.Advance(TimeSpan.FromDays(1));
        await f.StartAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        (await f.DeclareAsync(f.Associate, f.SecondMilestone)).Error.ShouldBeNull();
        app.Clock.Advance(TimeSpan.FromDays(1));
        (await f.AcceptAsync(f.SecondMilestone)).Error.ShouldBeNull();
        app.Clock.Advance(TimeSpan.FromDays(1));
        (await f.Agreements.CancelAsync(f.Facilitator, new CancelAgreement(f.CallId, f.Funded.Id, "Le porteur s'est retiré."))).Error.ShouldBeNull();

        var view = (await s.Queries.GetAsync(Actor.Anonymous, f.CallId, f.Funded.Id)).ShouldNotBeNull();

        view.Timeline.Select(e => e.Step).ShouldBe(
        [
            TimelineStep.Challenge, TimelineStep.Proposal, TimelineStep.Contributions, TimelineStep.Funding,
            TimelineStep.ScheduleAccepted, TimelineStep.TranchePaid, TimelineStep.MilestoneDeclared, TimelineStep.MilestoneAccepted,
            TimelineStep.TranchePaid, TimelineStep.Cancellation,
        ]);
        view.Timeline[0].Title.ShouldBe(s.Challenge.Question);
        view.Timeline.Single(e => e.Step == TimelineStep.Contributions).ShouldBe(
            new TimelineEvent(view.Timeline[2].At, TimelineStep.Contributions, Amount: FollowUpScenario.Award, Count: 3), "three members gave 500.00 each: summed, never per organisation");
        view.Timeline.Where(e => e.Step == TimelineStep.TranchePaid).Select(e => (e.Title, e.Amount)).ShouldBe([(null, 45_000L), (f.SecondMilestone.Title, 60_000L)]);
        view.Timeline[^1].ShouldBe(new TimelineEvent(view.Timeline[^1].At, TimelineStep.Cancellation, Amount: 45_000, Text: "Le porteur s'est retiré."));
        view.Timeline.Select(e => e.At).ShouldBeInOrder();
        view.MeasureFor.ShouldBeEmpty("an anonymous visitor measures nothing");
    }

    [Fact]
    public async Task Hidden_contributions_are_not_told_to_members_or_visitors_before_the_round_closes()
    {
        var budget = await BudgetScenario.CreateAsync(app, 3, 300_000, BudgetRules.Default with { ContributionsVisibility = ContributionsVisibility.Hidden }, (10_000, 100_000));
        await budget.OpenRoundAsync();
        (await budget.ContributeAsync(budget.Members[1], budget.Commons[0], 12_300)).Error.ShouldBeNull();
        (await budget.ContributeAsync(budget.Members[2], budget.Commons[0], 4_500)).Error.ShouldBeNull();
        var queries = app.Services.GetRequiredService<AccountabilityQueries>();

        foreach (var viewer in new[] { Actor.Anonymous, budget.Members[0].User, budget.Members[1].User, budget.Funder.User })
        {
            var view = (await queries.GetAsync(viewer, budget.Call.Id, budget.Commons[0].Id)).ShouldNotBeNull();
            view.Timeline.ShouldNotContain(e => e.Step == TimelineStep.Contributions);
            view.Timeline.ShouldAllBe(e => e.Amount == null && e.Count == null);
            view.ContributionsHidden.ShouldBeTrue();
        }

        var facilitators = (await queries.GetAsync(budget.Facilitator, budget.Call.Id, budget.Commons[0].Id)).ShouldNotBeNull();
        facilitators.Timeline.Single(e => e.Step == TimelineStep.Contributions).ShouldBe(
            new TimelineEvent(facilitators.Timeline.Single(e => e.Step == TimelineStep.Contributions).At, TimelineStep.Contributions, Amount: 16_800, Count: 2));

        (await budget.Round.CloseAsync(budget.Facilitator, new CloseRound(budget.Call.Id))).Error.ShouldBeNull();
        var settled = (await queries.GetAsync(Actor.Anonymous, budget.Call.Id, budget.Commons[0].Id)).ShouldNotBeNull();
        settled.Timeline.Single(e => e.Step == TimelineStep.Contributions).Amount.ShouldBe(16_800, "the round is closed: the total is public, still summed");
    }

    [Fact]
    public async Task A_holder_records_a_measured_gain_shown_as_before_and_after_and_audited()
    {
        var s = await AccountabilityScenario.CreateAsync(app);
        var f = s.FollowUp;

        (await s.Measures.RecordAsync(f.Associate.User, s.Measure(f.Associate, value: 480m))).Error.ShouldBeNull();
        (await s.Measures.RecordAsync(f.Lead.User, s.Measure(f.Lead, value: 640.5m, source: "  Export du registre, novembre  "))).Error.ShouldBeNull();

        var view = (await s.Queries.GetAsync(f.Funder.User, f.CallId, f.Funded.Id)).ShouldNotBeNull();
        var gains = view.Gains.Single().Indicators;
        gains.Select(i => (i.Name, i.Before, i.Target, i.Measured?.Value)).ShouldBe(
            [(AccountabilityScenario.Trips, 120m, 1_000m, (decimal?)640.5m), (AccountabilityScenario.Delay, 90m, 30m, null)]);
        gains[0].Measured!.ShouldBe(new MeasureView(640.5m, s.Today.AddDays(-1), "Export du registre, novembre", f.Lead.Organisation.Name, gains[0].Measured!.RecordedAt));
        var audited = await AuditOfAsync(f.CallId, AuditKinds.GainMeasured);
        audited.Count.ShouldBe(2, "the first measure and the one that replaced it");
        audited[1].Before!.ShouldContain("480");
        audited[1].After!.ShouldContain("640.5");
        (await s.Queries.GetAsync(f.Lead.User, f.CallId, f.Funded.Id))!.MeasureFor.Select(o => o.Id).ShouldBe([f.Lead.Id]);
    }

    [Fact]
    public async Task A_measure_is_refused_to_non_holders_and_for_bad_input_and_changes_nothing()
    {
        var s = await AccountabilityScenario.CreateAsync(app);
        var f = s.FollowUp;
        var measures = s.Measures;

        (await measures.RecordAsync(f.Contributor.User, s.Measure(f.Contributor))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await measures.RecordAsync(f.Funder.User, s.Measure(f.Lead))).Error!.Code.ShouldBe(ErrorCodes.Forbidden, "speaking for a holder it does not represent");
        (await measures.RecordAsync(f.Facilitator, s.Measure(f.Lead))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await measures.RecordAsync(Actor.Anonymous, s.Measure(f.Lead))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await measures.RecordAsync(f.Lead.User, s.Measure(f.Lead, daysAgo: -1))).Error!.Code.ShouldBe(ErrorCodes.MeasuredInFuture);
        (await measures.RecordAsync(f.Lead.User, s.Measure(f.Lead, indicator: "Aires recensées"))).Error!.Code.ShouldBe(ErrorCodes.UnknownIndicator);
        (await measures.RecordAsync(f.Lead.User, s.Measure(f.Lead, source: " "))).Error!.Fields!.Keys.ShouldBe(["source"]);
        (await measures.RecordAsync(f.Lead.User, s.Measure(f.Lead, value: 1.23456m))).Error!.Fields!.Keys.ShouldBe(["value"]);
        (await measures.RecordAsync(f.Lead.User, s.Measure(f.Lead) with { CommonsId = f.NotFunded.Id })).Error!.Code.ShouldBe(ErrorCodes.CommonsNotFunded);
        (await measures.RecordAsync(f.Lead.User, s.Measure(f.Lead) with { Measure = s.Measure(f.Lead).Measure with { ChallengeId = Guid.NewGuid() } })).Error!.Code
            .ShouldBe(ErrorCodes.UnknownChallenge);

        await using var db = await new TestData(app).DbAsync();
        (await db.IndicatorMeasures.CountAsync(m => m.CallId == f.CallId)).ShouldBe(0);
        (await db.Audit.CountAsync(e => e.CallId == f.CallId && e.Action == AuditKinds.GainMeasured)).ShouldBe(0);
    }

    [Fact]
    public async Task A_members_only_call_s_accountability_is_unknown_to_outsiders_and_read_by_its_members()
    {
        var data = new TestData(app);
        var call = await data.CallAsync(CallVisibility.MembersOnly, await data.UserAsync(Roles.Facilitator));
        var organisation = await data.OrganisationAsync($"Membre {Guid.NewGuid():N}"[..20]);
        await data.JoinAsync(call, organisation, ParticipantRole.Member);
        var member = await data.UserAsync(organisation: organisation.Id);
        var commons = new Domain.Commons.Commons(call.Id, organisation.Id, "Registre partagé", "Résumé", Domain.Commons.CommonsKind.Software, "MIT", app.Clock.GetUtcNow());
        await using (var db = await data.DbAsync())
        {
            db.Commons.Add(commons);
            await db.SaveChangesAsync();
        }

        var queries = app.Services.GetRequiredService<AccountabilityQueries>();
        (await queries.GetAsync(Actor.Anonymous, call.Id, commons.Id)).ShouldBeNull();
        (await queries.GetAsync(await data.UserAsync(), call.Id, commons.Id)).ShouldBeNull();
        (await queries.GetAsync(member, call.Id, commons.Id))!.Timeline.Select(e => e.Step).ShouldBe([TimelineStep.Proposal]);
        (await queries.GetAsync(member, Guid.NewGuid(), commons.Id)).ShouldBeNull();
    }

    private async Task<IReadOnlyList<Domain.Common.AuditEntry>> AuditOfAsync(Guid callId, string action)
    {
        await using var db = await new TestData(app).DbAsync();
        return await db.Audit.AsNoTracking().Where(e => e.CallId == callId && e.Action == action).OrderBy(e => e.Id).ToListAsync();
    }
}
