using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.FollowUp;

namespace CommonsCall.Domain.Tests;

/// <summary>
/// DESIGN.md "Follow-up": a funded commons' agreement pays its tranches once, never beyond what is left; cancelling
/// returns the unpaid tranches to the pool; a correction is an entry of its own. Every movement is a ledger entry.
/// </summary>
public class FundingAgreementTests
{
    private static readonly DateTimeOffset At = TestClock.Start;
    private static readonly Guid Lead = Guid.NewGuid();
    private static readonly Guid Associate = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();
    private static readonly Guid Delivery = Guid.NewGuid();
    private static readonly IReadOnlySet<Guid> CoCreators = new HashSet<Guid> { Lead, Associate };
    private static readonly IReadOnlySet<Guid> Milestones = new HashSet<Guid> { Second, Delivery };
    private static readonly TrancheTerms[] Usual = [new(null, 30), new(Second, 40), new(Delivery, 30)];
    private static readonly string[] Link = ["https://git.example/commun/v1"];

    private static FundingAgreement New(long award = 1_000_000) => new(Guid.NewGuid(), Guid.NewGuid(), Lead, award, At);

    private static FundingAgreement Proposed(long award = 1_000_000)
    {
        var a = New(award);
        a.ProposeSchedule(Usual, Lead, CoCreators, Milestones).ShouldSucceed();
        return a;
    }

    private static FundingAgreement Accepted(long award = 1_000_000)
    {
        var a = Proposed(award);
        a.AcceptSchedule(true, "lead-user", At).ShouldSucceed();
        return a;
    }

    private static FundingAgreement Declared(Guid milestone)
    {
        var a = Accepted();
        a.DeclareDone(milestone, Link, Associate, At).ShouldSucceed();
        return a;
    }

    private static FundingAgreement HalfPaid()
    {
        var a = Declared(Second);
        a.AcceptDeliverable(Second, "facilitator", At).ShouldSucceed();
        return a;
    }

    [Fact]
    public void A_new_agreement_is_funded_with_nothing_paid_and_the_whole_award_left()
    {
        var a = New();

        (a.Status, a.Schedule, a.Paid, a.Remaining).ShouldBe((AgreementStatus.Funded, ScheduleState.None, 0L, 1_000_000L));
    }

    // Proposing the schedule.

    [Fact]
    public void A_proposed_schedule_holds_tranches_in_minor_units_that_sum_to_the_award() =>
        Proposed(100_001).Tranches.Select(t => (t.Position, t.Amount)).ShouldBe([(1, 30_000L), (2, 40_000L), (3, 30_001L)]);

    [Fact]
    public void The_facilitator_may_name_an_associate_as_lead_holder()
    {
        var a = New();
        a.ProposeSchedule(Usual, Associate, CoCreators, Milestones).ShouldSucceed();
        a.LeadOrganisationId.ShouldBe(Associate);
    }

    [Fact]
    public void A_lead_holder_who_is_not_a_co_creator_is_refused_with_unknown_organisation() =>
        New().ProposeSchedule(Usual, Guid.NewGuid(), CoCreators, Milestones).ShouldBeRefusedWith("unknown_organisation");

    [Fact]
    public void A_schedule_may_be_proposed_again_until_it_is_accepted()
    {
        var a = Proposed();
        a.ProposeSchedule([new(Delivery, 100)], Lead, CoCreators, Milestones).ShouldSucceed();
        a.Tranches.Single().Amount.ShouldBe(1_000_000);
    }

    [Fact]
    public void An_accepted_schedule_is_locked() =>
        Accepted().ProposeSchedule([new(Delivery, 100)], Lead, CoCreators, Milestones).ShouldBeRefusedWith("schedule_locked");

    [Fact]
    public void A_schedule_summing_to_90_percent_is_refused_and_changes_nothing()
    {
        var a = Proposed();
        a.ProposeSchedule([new(null, 50), new(Delivery, 40)], Lead, CoCreators, Milestones).ShouldBeRefusedWith("tranches_not_100");
        a.Tranches.Count.ShouldBe(3);
    }

    // Accepting the schedule.

    [Fact]
    public void Accepting_the_schedule_pays_the_start_tranche_as_one_ledger_payment()
    {
        var a = Proposed();
        var payments = a.AcceptSchedule(true, "lead-user", At).ShouldSucceed();

        payments.Single().ShouldSatisfyAllConditions(
            p => p.Kind.ShouldBe(LedgerEntryKind.Payment),
            p => (p.Before, p.After, p.Amount).ShouldBe((0L, 300_000L, 300_000L)),
            p => p.OrganisationId.ShouldBe(Lead),
            p => p.CommonsId.ShouldBe(a.CommonsId));
        (a.Status, a.Schedule, a.Paid, a.Remaining).ShouldBe((AgreementStatus.InProgress, ScheduleState.Accepted, 300_000L, 700_000L));
    }

    [Fact]
    public void Only_the_lead_holder_accepts_the_schedule() =>
        Proposed().AcceptSchedule(false, "associate-user", At).ShouldBeRefusedWith("forbidden");

    [Fact]
    public void Accepting_with_no_schedule_proposed_is_refused_with_schedule_not_proposed() =>
        New().AcceptSchedule(true, "lead-user", At).ShouldBeRefusedWith("schedule_not_proposed");

    [Fact]
    public void Accepting_twice_pays_the_start_tranche_once()
    {
        var a = Accepted();
        a.AcceptSchedule(true, "lead-user", At).ShouldBeRefusedWith("schedule_locked");
        a.Paid.ShouldBe(300_000);
    }

    // Declaring and reviewing milestones.

    [Fact]
    public void A_declaration_before_the_schedule_is_accepted_is_refused_with_schedule_not_accepted() =>
        Proposed().DeclareDone(Second, Link, Lead, At).ShouldBeRefusedWith("schedule_not_accepted");

    [Fact]
    public void A_declaration_without_evidence_is_refused_with_evidence_required() =>
        Accepted().DeclareDone(Second, [], Lead, At).ShouldBeRefusedWith("evidence_required");

    [Fact]
    public void A_declaration_with_files_and_no_link_is_accepted() =>
        Accepted().DeclareDone(Second, [], Lead, At, files: 1).ShouldSucceed().State.ShouldBe(DeliverableState.Declared);

    [Fact]
    public void A_milestone_outside_the_schedule_is_refused_with_unknown_milestone() =>
        Accepted().DeclareDone(Guid.NewGuid(), Link, Lead, At).ShouldBeRefusedWith("unknown_milestone");

    [Fact]
    public void Accepting_a_milestone_pays_its_tranche_and_nothing_else()
    {
        var a = Declared(Second);
        var payment = a.AcceptDeliverable(Second, "facilitator", At).ShouldSucceed().Single();

        (payment.Before, payment.After).ShouldBe((300_000L, 700_000L));
        a.Tranches.Select(t => t.State).ShouldBe([TrancheState.Paid, TrancheState.Paid, TrancheState.Due]);
        a.Deliverables.Single().State.ShouldBe(DeliverableState.Accepted);
    }

    [Fact]
    public void Accepting_the_same_milestone_twice_pays_it_once()
    {
        var a = HalfPaid();
        a.AcceptDeliverable(Second, "facilitator", At).ShouldBeRefusedWith("deliverable_not_pending");
        a.Paid.ShouldBe(700_000);
    }

    [Fact]
    public void Declaring_an_accepted_milestone_again_is_refused_with_milestone_already_accepted() =>
        HalfPaid().DeclareDone(Second, Link, Lead, At).ShouldBeRefusedWith("milestone_already_accepted");

    [Fact]
    public void Accepting_a_milestone_nobody_declared_is_refused_with_deliverable_not_pending() =>
        Accepted().AcceptDeliverable(Delivery, "facilitator", At).ShouldBeRefusedWith("deliverable_not_pending");

    [Fact]
    public void Asking_for_changes_pays_nothing_and_the_holder_may_declare_again()
    {
        var a = Declared(Second);
        a.AskChanges(Second, "Le lien ne mène pas à la version publiée.", At).ShouldSucceed();
        a.Deliverables.Single().ShouldSatisfyAllConditions(d => d.State.ShouldBe(DeliverableState.ChangesRequested), d => d.ReviewComment.ShouldNotBeNull());
        a.AcceptDeliverable(Second, "facilitator", At).ShouldBeRefusedWith("deliverable_not_pending");

        a.DeclareDone(Second, ["https://git.example/commun/v1.1"], Lead, At).ShouldSucceed().State.ShouldBe(DeliverableState.Declared);
        a.AcceptDeliverable(Second, "facilitator", At).ShouldSucceed();
        a.Paid.ShouldBe(700_000);
    }

    [Fact]
    public void Asking_for_changes_without_a_comment_is_refused_with_comment_required() =>
        Declared(Second).AskChanges(Second, " ", At).ShouldBeRefusedWith("comment_required");

    [Fact]
    public void Accepting_the_last_milestone_pays_the_whole_award_and_delivers_the_commons()
    {
        var a = HalfPaid();
        a.DeclareDone(Delivery, Link, Lead, At).ShouldSucceed();
        a.AcceptDeliverable(Delivery, "facilitator", At).ShouldSucceed();

        (a.Status, a.Paid, a.Remaining).ShouldBe((AgreementStatus.Delivered, 1_000_000L, 0L));
        a.DeclareDone(Delivery, Link, Lead, At).ShouldBeRefusedWith("agreement_closed");
    }

    [Fact]
    public void Delivery_accepted_before_an_earlier_milestone_does_not_deliver_the_commons()
    {
        var a = Declared(Delivery);
        a.AcceptDeliverable(Delivery, "facilitator", At).ShouldSucceed();

        (a.Status, a.Paid).ShouldBe((AgreementStatus.InProgress, 600_000L));
    }

    // Cancelling.

    [Fact]
    public void Cancelling_half_paid_returns_only_the_unpaid_tranche_to_the_pool_and_keeps_what_was_paid()
    {
        var a = HalfPaid();
        var returns = a.Cancel("Le porteur s'est retiré.", "facilitator", At).ShouldSucceed();

        returns.Single().ShouldSatisfyAllConditions(
            r => r.Kind.ShouldBe(LedgerEntryKind.PoolReturn),
            r => (r.Before, r.After, r.Amount).ShouldBe((300_000L, 0L, -300_000L)));
        (a.Status, a.Paid, a.ReturnedToPool, a.Remaining).ShouldBe((AgreementStatus.Cancelled, 700_000L, 300_000L, 0L));
        a.Tranches.Select(t => t.State).ShouldBe([TrancheState.Paid, TrancheState.Paid, TrancheState.Returned]);
    }

    [Fact]
    public void Cancelling_with_two_tranches_unpaid_writes_one_return_each()
    {
        var a = Accepted();
        a.Cancel("Abandon", "facilitator", At).ShouldSucceed().Select(r => r.Amount).ShouldBe([-400_000L, -300_000L]);
        a.ReturnedToPool.ShouldBe(700_000);
    }

    [Fact]
    public void Cancelling_before_any_schedule_returns_the_whole_award_in_one_entry() =>
        New().Cancel("Abandon", "facilitator", At).ShouldSucceed().Single().Amount.ShouldBe(-1_000_000);

    [Fact]
    public void Cancelling_without_a_reason_is_refused_with_reason_required() =>
        Accepted().Cancel("  ", "facilitator", At).ShouldBeRefusedWith("reason_required");

    [Fact]
    public void Cancelling_twice_returns_the_money_once()
    {
        var a = Accepted();
        a.Cancel("Abandon", "facilitator", At).ShouldSucceed();
        a.Cancel("Abandon", "facilitator", At).ShouldBeRefusedWith("agreement_closed");
        a.ReturnedToPool.ShouldBe(700_000);
    }

    [Fact]
    public void A_cancelled_agreement_pays_nothing_more()
    {
        var a = Declared(Second);
        a.Cancel("Abandon", "facilitator", At).ShouldSucceed();
        a.AcceptDeliverable(Second, "facilitator", At).ShouldBeRefusedWith("agreement_closed");
        a.Paid.ShouldBe(300_000);
    }

    [Fact]
    public void A_delivered_commons_cannot_be_cancelled()
    {
        var a = New();
        a.ProposeSchedule([new(Delivery, 100)], Lead, CoCreators, Milestones).ShouldSucceed();
        a.AcceptSchedule(true, "lead-user", At).ShouldSucceed();
        a.DeclareDone(Delivery, Link, Lead, At).ShouldSucceed();
        a.AcceptDeliverable(Delivery, "facilitator", At).ShouldSucceed();

        a.Cancel("Trop tard", "facilitator", At).ShouldBeRefusedWith("agreement_closed");
    }

    // Corrections.

    [Fact]
    public void A_correction_is_a_ledger_entry_from_the_old_award_to_the_new()
    {
        var a = New();
        var entry = a.CorrectAward(900_000, "Double saisie d'une contribution", "facilitator", At).ShouldSucceed();

        (entry.Kind, entry.Before, entry.After, entry.Amount).ShouldBe((LedgerEntryKind.Correction, 1_000_000L, 900_000L, -100_000L));
        a.Award.ShouldBe(900_000);
    }

    [Fact]
    public void A_correction_lands_on_the_last_unpaid_tranche_so_the_tranches_still_sum_to_the_award()
    {
        var a = HalfPaid();
        a.CorrectAward(1_050_000, "Oubli d'un abondement", "facilitator", At).ShouldSucceed();

        a.Tranches.Select(t => t.Amount).ShouldBe([300_000L, 400_000L, 350_000L]);
        a.Tranches.Sum(t => t.Amount).ShouldBe(a.Award);
    }

    [Fact]
    public void A_correction_below_what_is_paid_is_refused_with_exceeds_remaining() =>
        HalfPaid().CorrectAward(699_999, "Erreur", "facilitator", At).ShouldBeRefusedWith("exceeds_remaining");

    [Fact]
    public void A_correction_larger_than_the_last_unpaid_tranche_is_refused_with_exceeds_remaining() =>
        // 300.00 paid and 300.00 on delivery: lowering by 300.01 stays above what is paid but would make that tranche negative.
        Accepted().CorrectAward(699_999, "Erreur", "facilitator", At).ShouldBeRefusedWith("exceeds_remaining");

    [Fact]
    public void A_correction_to_exactly_what_is_paid_leaves_a_zero_tranche() =>
        HalfPaid().CorrectAward(700_000, "Erreur", "facilitator", At).ShouldSucceed().Amount.ShouldBe(-300_000);

    [Fact]
    public void A_negative_corrected_award_is_refused_with_invalid_amount() =>
        New().CorrectAward(-1, "Erreur", "facilitator", At).ShouldBeRefusedWith("invalid_amount");

    [Fact]
    public void A_correction_without_a_reason_is_refused_with_reason_required() =>
        New().CorrectAward(900_000, "", "facilitator", At).ShouldBeRefusedWith("reason_required");

    [Fact]
    public void A_cancelled_agreement_is_not_corrected()
    {
        var a = New();
        a.Cancel("Abandon", "facilitator", At).ShouldSucceed();
        a.CorrectAward(900_000, "Erreur", "facilitator", At).ShouldBeRefusedWith("agreement_closed");
    }

    [Fact]
    public void Paid_plus_returned_never_exceeds_the_award_through_a_whole_life()
    {
        var a = HalfPaid();
        a.CorrectAward(800_000, "Erreur", "facilitator", At).ShouldSucceed();
        a.Cancel("Abandon", "facilitator", At).ShouldSucceed();

        (a.Paid + a.ReturnedToPool).ShouldBe(a.Award);
        a.Tranches.Sum(t => t.Amount).ShouldBe(a.Award);
    }
}
