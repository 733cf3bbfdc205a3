using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Features.WorkingGroups;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.FollowUp;

/// <summary>
/// A funded commons followed to delivery through the real services on PostgreSQL: every payment, return to the pool
/// and correction is a ledger entry, and <see cref="LedgerCheck"/> holds after each.
/// </summary>
public sealed class AgreementServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Settlement_gives_each_funded_commons_one_agreement_for_its_award_led_by_its_proposer()
    {
        var s = await FollowUpScenario.CreateAsync(app);

        var agreement = await s.AgreementAsync();
        (agreement.Award, agreement.Paid, agreement.Status, agreement.LeadOrganisationId).ShouldBe((FollowUpScenario.Award, 0L, AgreementStatus.Funded, s.Lead.Id));
        (await s.Queries.GetAsync(s.Facilitator, s.CallId, s.NotFunded.Id)).ShouldBeNull();
        (await s.Budget.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_commons_goes_from_schedule_to_delivery_paid_tranche_by_tranche()
    {
        var s = await FollowUpScenario.CreateAsync(app);

        (await s.Agreements.ProposeScheduleAsync(s.Facilitator, s.UsualSchedule)).Error.ShouldBeNull();
        (await s.Agreements.AcceptScheduleAsync(s.Lead.User, new AcceptSchedule(s.CallId, s.Funded.Id))).Error.ShouldBeNull();
        (await s.DeclareAsync(s.Associate, s.SecondMilestone)).Error.ShouldBeNull();
        (await s.AcceptAsync(s.SecondMilestone)).Error.ShouldBeNull();
        (await s.DeclareAsync(s.Lead, s.Delivery)).Error.ShouldBeNull();
        (await s.AcceptAsync(s.Delivery)).Error.ShouldBeNull();

        var payments = await s.LedgerAsync(LedgerEntryKind.Payment);
        payments.Select(p => p.Amount).ShouldBe([45_000L, 60_000L, 45_000L]);
        payments.ShouldAllBe(p => p.OrganisationId == s.Lead.Id && p.CommonsId == s.Funded.Id);
        var agreement = await s.AgreementAsync();
        (agreement.Status, agreement.Paid, agreement.Remaining).ShouldBe((AgreementStatus.Delivered, FollowUpScenario.Award, 0L));
        (await s.Budget.ReloadAsync(s.Funded)).Status.ShouldBe(CommonsStatus.Delivered);
        (await s.Budget.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_follow_up_shows_what_is_paid_and_left_and_flags_the_late_milestone()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();

        var view = (await s.Queries.GetAsync(s.Funder.User, s.CallId, s.Funded.Id)).ShouldNotBeNull();

        (view.Award, view.Paid, view.Remaining, view.Status).ShouldBe((150_000L, 45_000L, 105_000L, AgreementStatus.InProgress));
        view.Lead.Id.ShouldBe(s.Lead.Id);
        view.Associates.Select(a => a.Id).ShouldBe([s.Associate.Id]);
        view.Tranches.Select(t => (t.MilestoneTitle, t.Amount, t.State)).ShouldBe(
            [(null, 45_000L, TrancheState.Paid), ("Version bêta publiée", 60_000L, TrancheState.Due), ("Livraison de la version 1", 45_000L, TrancheState.Due)]);
        view.Milestones.Select(m => (m.Title, m.IsLate)).ShouldBe([("Version bêta publiée", true), ("Livraison de la version 1", false)]);
        view.You.Manage.ShouldBeFalse();
        view.You.DeclareFor.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_associate_may_declare_but_only_the_lead_holder_accepts_the_schedule()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        (await s.Agreements.ProposeScheduleAsync(s.Facilitator, s.UsualSchedule)).Error.ShouldBeNull();

        (await s.Agreements.AcceptScheduleAsync(s.Associate.User, new AcceptSchedule(s.CallId, s.Funded.Id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Agreements.AcceptScheduleAsync(s.Lead.User, new AcceptSchedule(s.CallId, s.Funded.Id))).Error.ShouldBeNull();
        (await s.DeclareAsync(s.Associate, s.SecondMilestone)).Error.ShouldBeNull();
        (await s.DeclareAsync(s.Contributor, s.Delivery)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Only_facilitators_propose_accept_cancel_and_correct()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        (await s.DeclareAsync(s.Lead, s.SecondMilestone)).Error.ShouldBeNull();

        foreach (var who in new[] { s.Lead.User, s.Funder.User, s.Contributor.User })
        {
            (await s.Agreements.ProposeScheduleAsync(who, s.UsualSchedule)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
            (await s.Agreements.AcceptMilestoneAsync(who, new AcceptMilestone(s.CallId, s.Funded.Id, s.SecondMilestone.Id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
            (await s.Agreements.CancelAsync(who, new CancelAgreement(s.CallId, s.Funded.Id, "Abandon"))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
            (await s.Agreements.CorrectAsync(who, new CorrectAward(s.CallId, s.Funded.Id, 1, "Erreur"))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        }

        (await s.AgreementAsync()).Paid.ShouldBe(45_000);
    }

    [Fact]
    public async Task Asking_for_changes_pays_nothing_until_the_holder_declares_again_and_it_is_accepted()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        (await s.DeclareAsync(s.Lead, s.SecondMilestone)).Error.ShouldBeNull();

        (await s.Agreements.AskChangesAsync(s.Facilitator, new AskMilestoneChanges(s.CallId, s.Funded.Id, s.SecondMilestone.Id, "Publiez la version sous licence."))).Error.ShouldBeNull();
        (await s.AcceptAsync(s.SecondMilestone)).Error!.Code.ShouldBe(ErrorCodes.DeliverableNotPending);
        var view = (await s.Queries.GetAsync(s.Lead.User, s.CallId, s.Funded.Id))!;
        view.Milestones[0].ShouldSatisfyAllConditions(m => m.State.ShouldBe(DeliverableState.ChangesRequested), m => m.ReviewComment.ShouldBe("Publiez la version sous licence."));

        (await s.DeclareAsync(s.Lead, s.SecondMilestone, "https://git.example/commun/releases/v1.1")).Error.ShouldBeNull();
        (await s.AcceptAsync(s.SecondMilestone)).Error.ShouldBeNull();
        (await s.AgreementAsync()).Paid.ShouldBe(105_000);
    }

    [Fact]
    public async Task Cancelling_half_paid_returns_the_rest_to_the_pool_and_keeps_every_entry()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();
        (await s.DeclareAsync(s.Lead, s.SecondMilestone)).Error.ShouldBeNull();
        (await s.AcceptAsync(s.SecondMilestone)).Error.ShouldBeNull();

        (await s.Agreements.CancelAsync(s.Facilitator, new CancelAgreement(s.CallId, s.Funded.Id, "Le porteur s'est retiré."))).Error.ShouldBeNull();

        var agreement = await s.AgreementAsync();
        (agreement.Status, agreement.Paid, agreement.ReturnedToPool, agreement.CancelReason).ShouldBe((AgreementStatus.Cancelled, 105_000L, 45_000L, "Le porteur s'est retiré."));
        (await s.LedgerAsync(LedgerEntryKind.PoolReturn)).Single().Amount.ShouldBe(-45_000);
        (await s.LedgerAsync(LedgerEntryKind.Payment)).Count.ShouldBe(2);
        (await s.DeclareAsync(s.Lead, s.Delivery)).Error!.Code.ShouldBe(ErrorCodes.AgreementClosed);
        (await s.Budget.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_correction_is_a_ledger_entry_with_its_reason_in_the_audit_log()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();

        (await s.Agreements.CorrectAsync(s.Facilitator, new CorrectAward(s.CallId, s.Funded.Id, 160_000, "Abondement oublié à la clôture"))).Error.ShouldBeNull();

        var correction = (await s.LedgerAsync(LedgerEntryKind.Correction)).Single();
        (correction.Before, correction.After, correction.Amount).ShouldBe((150_000L, 160_000L, 10_000L));
        (await s.AgreementAsync()).Tranches.OrderBy(t => t.Position).Select(t => t.Amount).ShouldBe([45_000L, 60_000L, 55_000L]);
        (await s.Queries.SummariesAsync(s.Funder.User, s.CallId))[s.Funded.Id].ShouldBe(new AgreementSummary(160_000, 45_000, AgreementStatus.InProgress));
        await using var db = await new TestData(app).DbAsync();
        (await db.Audit.SingleAsync(a => a.CallId == s.CallId && a.Action == "agreement.award_corrected")).After!.ShouldContain("Abondement");
        (await s.Budget.VerifyLedgerAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Refused_changes_leave_the_agreement_and_the_ledger_untouched()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var ledger = await s.Budget.LedgerCountAsync();

        (await s.Agreements.ProposeScheduleAsync(s.Facilitator, s.UsualSchedule with { Tranches = [new(null, 30), new(s.Delivery.Id, 60)] })).Error!.Code.ShouldBe(ErrorCodes.TranchesNot100);
        (await s.Agreements.ProposeScheduleAsync(s.Facilitator, s.UsualSchedule with { Tranches = [new(null, -30), new(s.Delivery.Id, 130)] })).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await s.Agreements.CorrectAsync(s.Facilitator, new CorrectAward(s.CallId, s.Funded.Id, -1, "Erreur"))).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await s.Agreements.CancelAsync(s.Facilitator, new CancelAgreement(s.CallId, s.Funded.Id, " "))).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await s.Agreements.AcceptScheduleAsync(s.Lead.User, new AcceptSchedule(s.CallId, s.Funded.Id))).Error!.Code.ShouldBe(ErrorCodes.ScheduleNotProposed);

        (await s.AgreementAsync()).ShouldSatisfyAllConditions(a => a.Schedule.ShouldBe(ScheduleState.None), a => a.Tranches.ShouldBeEmpty(), a => a.Award.ShouldBe(FollowUpScenario.Award));
        (await s.Budget.LedgerCountAsync()).ShouldBe(ledger);
    }

    [Fact]
    public async Task Another_calls_commons_or_milestone_is_not_found_and_changes_nothing()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var other = await FollowUpScenario.CreateAsync(app);
        await s.StartAsync();

        // The other call's commons, addressed through this call (whose facilitator s.Facilitator is).
        (await s.Agreements.CancelAsync(s.Facilitator, new CancelAgreement(s.CallId, other.Funded.Id, "Abandon"))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Agreements.ProposeScheduleAsync(s.Facilitator, s.UsualSchedule with { Tranches = [new(null, 30), new(other.Delivery.Id, 70)] })).Error!.Code.ShouldBe(ErrorCodes.ScheduleLocked);
        (await s.DeclareAsync(s.Lead, other.Delivery)).Error!.Code.ShouldBe(ErrorCodes.UnknownMilestone);
        (await s.Queries.GetAsync(s.Facilitator, s.CallId, other.Funded.Id)).ShouldBeNull();

        (await other.AgreementAsync()).Status.ShouldBe(AgreementStatus.Funded);
        (await s.AgreementAsync()).Paid.ShouldBe(45_000);
    }

    [Fact]
    public async Task A_milestone_of_another_commons_cannot_be_scheduled()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        var other = await FollowUpScenario.CreateAsync(app);

        (await s.Agreements.ProposeScheduleAsync(s.Facilitator, s.UsualSchedule with { Tranches = [new(null, 30), new(other.Delivery.Id, 70)] })).Error!.Code.ShouldBe(ErrorCodes.UnknownMilestone);
        (await s.AgreementAsync()).Tranches.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_milestone_that_pays_a_tranche_cannot_be_deleted_from_the_roadmap()
    {
        var s = await FollowUpScenario.CreateAsync(app);
        (await s.Agreements.ProposeScheduleAsync(s.Facilitator, s.UsualSchedule)).Error.ShouldBeNull();

        var groups = app.Services.GetRequiredService<WorkingGroupService>();
        (await groups.DeleteMilestoneAsync(s.Facilitator, new DeleteMilestone(s.CallId, s.Funded.Id, s.Delivery.Id))).Error!.Code.ShouldBe(ErrorCodes.MilestoneInSchedule);
        (await s.Queries.GetAsync(s.Facilitator, s.CallId, s.Funded.Id))!.Milestones.Count.ShouldBe(2);
    }
}
