using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Objections;

namespace CommonsCall.Domain.Tests;

/// <summary>Issue 16 §4: the objection window before approval, rule by rule, and an objection's answer.</summary>
public class ObjectionRulesTests
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly ObjectionWindow Week = new(Guid.NewGuid(), Guid.NewGuid(), "animation", Opened, TimeSpan.FromDays(7));

    /// <summary>A proposed commons during its window, with no objection yet.</summary>
    private static readonly ObjectionContext During = new() { CommonsStatus = CommonsStatus.Proposed, Window = Week, OpenObjections = 0, Now = Opened.AddDays(1) };

    private static readonly ObjectionContext After = During with { Now = Opened.AddDays(7) };

    // Opening the window.

    [Fact]
    public void A_window_opens_on_a_proposed_commons_that_never_had_one() =>
        ObjectionRules.CheckOpenWindow(During with { Window = null }, ObjectionRules.DefaultWindow).ShouldSucceed();

    [Fact]
    public void A_window_opens_again_once_the_previous_one_has_ended() => ObjectionRules.CheckOpenWindow(After, TimeSpan.FromDays(3)).ShouldSucceed();

    [Fact]
    public void Rule_1_a_window_on_an_approved_commons_is_refused() =>
        ObjectionRules.CheckOpenWindow(After with { CommonsStatus = CommonsStatus.ApprovedForFunding }, TimeSpan.FromDays(3)).ShouldBeRefusedWith("objection_commons_not_proposed");

    [Fact]
    public void Rule_2_a_second_window_while_one_is_open_is_refused() =>
        ObjectionRules.CheckOpenWindow(During, TimeSpan.FromDays(3)).ShouldBeRefusedWith("objection_window_open");

    [Fact]
    public void Rule_3_a_window_shorter_than_an_hour_is_refused() =>
        ObjectionRules.CheckOpenWindow(After, TimeSpan.FromMinutes(59)).ShouldBeRefusedWith("validation_failed");

    [Fact]
    public void Rule_3_a_window_longer_than_thirty_days_is_refused() =>
        ObjectionRules.CheckOpenWindow(After, TimeSpan.FromDays(30).Add(TimeSpan.FromHours(1))).ShouldBeRefusedWith("validation_failed");

    [Fact]
    public void Rule_3_a_window_of_exactly_one_hour_or_thirty_days_is_accepted()
    {
        ObjectionRules.CheckOpenWindow(After, ObjectionRules.ShortestWindow).ShouldSucceed();
        ObjectionRules.CheckOpenWindow(After, ObjectionRules.LongestWindow).ShouldSucceed();
    }

    // Raising an objection.

    [Fact]
    public void An_objection_during_the_window_is_accepted() => ObjectionRules.CheckRaise(During, organisationAlreadyObjecting: false).ShouldSucceed();

    [Fact]
    public void An_objection_at_the_windows_first_instant_is_accepted() =>
        ObjectionRules.CheckRaise(During with { Now = Opened }, organisationAlreadyObjecting: false).ShouldSucceed();

    [Fact]
    public void Rule_1_an_objection_to_an_approved_commons_is_refused() =>
        ObjectionRules.CheckRaise(During with { CommonsStatus = CommonsStatus.ApprovedForFunding }, false).ShouldBeRefusedWith("objection_commons_not_proposed");

    [Fact]
    public void Rule_2_an_objection_without_a_window_is_refused() => ObjectionRules.CheckRaise(During with { Window = null }, false).ShouldBeRefusedWith("objection_window_closed");

    [Fact]
    public void Rule_2_an_objection_at_the_instant_the_window_ends_is_refused() => ObjectionRules.CheckRaise(After, false).ShouldBeRefusedWith("objection_window_closed");

    [Fact]
    public void Rule_3_a_second_objection_of_an_organisation_still_waiting_is_refused() => ObjectionRules.CheckRaise(During, true).ShouldBeRefusedWith("objection_already_raised");

    // Approving.

    [Fact]
    public void A_commons_without_a_window_is_approved_as_before() => ObjectionRules.CheckApproval(During with { Window = null }).ShouldSucceed();

    [Fact]
    public void A_commons_whose_window_ended_without_objection_is_approved() => ObjectionRules.CheckApproval(After).ShouldSucceed();

    [Fact]
    public void Rule_1_approval_during_the_window_is_refused_even_without_objection() => ObjectionRules.CheckApproval(During).ShouldBeRefusedWith("objection_window_open");

    [Fact]
    public void Rule_1_approval_one_tick_before_the_window_ends_is_refused() =>
        ObjectionRules.CheckApproval(During with { Now = Week.ClosesAt.AddTicks(-1) }).ShouldBeRefusedWith("objection_window_open");

    [Fact]
    public void Rule_2_an_open_objection_blocks_approval_after_the_window() =>
        ObjectionRules.CheckApproval(After with { OpenObjections = 1 }).ShouldBeRefusedWith("objection_open");

    [Fact]
    public void Rule_2_an_open_objection_blocks_approval_even_without_a_window_now() =>
        ObjectionRules.CheckApproval(After with { Window = null, OpenObjections = 2 }).ShouldBeRefusedWith("objection_open");

    // Answering.

    [Fact]
    public void A_resolved_objection_keeps_its_answer_and_no_longer_blocks()
    {
        var objection = new Objection(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "lea", "  La gouvernance ne dit pas qui tient le registre.  ", Opened.AddDays(1));

        objection.AnswerWith(ObjectionOutcome.Resolved, " Le comité tient le registre. ", "animation", Opened.AddDays(2)).ShouldSucceed();

        objection.State.ShouldBe(ObjectionState.Resolved);
        objection.IsOpen.ShouldBeFalse();
        objection.Reason.ShouldBe("La gouvernance ne dit pas qui tient le registre.");
        objection.Answer.ShouldBe("Le comité tient le registre.");
        objection.AnsweredAt.ShouldBe(Opened.AddDays(2));
    }

    [Fact]
    public void An_overridden_objection_is_marked_overridden()
    {
        var objection = new Objection(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "lea", "La gouvernance ne dit pas qui tient le registre.", Opened);

        objection.AnswerWith(ObjectionOutcome.Overridden, "Le calendrier des financeurs l'impose.", "animation", Opened.AddDays(2)).ShouldSucceed();

        objection.State.ShouldBe(ObjectionState.Overridden);
    }

    [Fact]
    public void An_objection_is_answered_once()
    {
        var objection = new Objection(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "lea", "La gouvernance ne dit pas qui tient le registre.", Opened);
        objection.AnswerWith(ObjectionOutcome.Resolved, "Le comité tient le registre.", "animation", Opened.AddDays(1)).ShouldSucceed();

        objection.AnswerWith(ObjectionOutcome.Overridden, "Autre chose.", "animation", Opened.AddDays(2)).ShouldBeRefusedWith("objection_not_open");
        objection.State.ShouldBe(ObjectionState.Resolved);
    }
}
