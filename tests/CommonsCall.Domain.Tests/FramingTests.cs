using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Tests;

/// <summary>Framing a call: its description, planned dates, glossary and scope.</summary>
public class FramingTests
{
    private static readonly DateOnly March = TestClock.Today.AddDays(7);

    [Fact]
    public void Planned_dates_in_phase_order_are_kept_and_equal_dates_are_allowed()
    {
        var call = ACall.InDraft();
        var dates = PhaseSchedule.From([(CallPhase.Framing, March), (CallPhase.Challenges, March), (CallPhase.Budgeting, March.AddDays(60))]);

        call.SetPlannedDates(dates).ShouldSucceed();

        call.PlannedDates.StartOf(CallPhase.Framing).ShouldBe(March);
        call.PlannedDates.StartOf(CallPhase.Commons).ShouldBeNull();
        call.PlannedDates.Dates().Select(d => d.Phase).ShouldBe([CallPhase.Framing, CallPhase.Challenges, CallPhase.Budgeting]);
    }

    [Fact]
    public void A_phase_planned_before_an_earlier_one_is_refused_and_the_dates_stay()
    {
        var call = ACall.InDraft();
        var before = PhaseSchedule.From([(CallPhase.Framing, March)]);
        call.SetPlannedDates(before).ShouldSucceed();

        var refused = call.SetPlannedDates(PhaseSchedule.From([(CallPhase.Challenges, March.AddDays(10)), (CallPhase.Budgeting, March.AddDays(9))]));

        refused.ShouldBeRefusedWith(ErrorCodes.PlannedDatesOutOfOrder);
        refused.Error!.Detail.ShouldContain("Budgeting");
        call.PlannedDates.ShouldBe(before);
    }

    [Fact]
    public void Unset_phases_in_between_do_not_break_the_order()
    {
        PhaseSchedule.From([(CallPhase.Framing, March), (CallPhase.FollowUp, March.AddDays(200))]).FirstOutOfOrder().ShouldBeNull();
        PhaseSchedule.From([(CallPhase.Commons, March), (CallPhase.FollowUp, March.AddDays(-1))]).FirstOutOfOrder().ShouldBe(CallPhase.FollowUp);
    }

    [Fact]
    public void Draft_has_no_planned_date()
    {
        PhaseSchedule.IsPlanned(CallPhase.Draft).ShouldBeFalse();
        PhaseSchedule.PlannedPhases.ShouldAllBe(p => PhaseSchedule.IsPlanned(p));
        Should.Throw<ArgumentOutOfRangeException>(() => PhaseSchedule.None.With(CallPhase.Draft, March));
    }

    [Fact]
    public void Describing_a_call_changes_its_details()
    {
        var call = ACall.InDraft();

        call.Describe("Nouveau titre", "Résumé", "Grand Valmont", "CHF", CallVisibility.MembersOnly, moneyRecorded: false).ShouldSucceed();

        call.Title.ShouldBe("Nouveau titre");
        call.Ecosystem.ShouldBe("Grand Valmont");
        call.Currency.ShouldBe("CHF");
        call.Visibility.ShouldBe(CallVisibility.MembersOnly);
        call.Slug.ShouldBe("communs-mobilite");
    }

    [Fact]
    public void The_currency_is_locked_once_money_was_recorded_but_the_rest_stays_editable()
    {
        var call = ACall.InDraft();

        call.Describe("Titre", "Résumé", "Lyon", "USD", CallVisibility.Public, moneyRecorded: true).ShouldBeRefusedWith(ErrorCodes.CurrencyLocked);
        call.Title.ShouldBe("Communs de la mobilité");
        call.Currency.ShouldBe("EUR");

        call.Describe("Titre", "Résumé", "Lyon", "EUR", CallVisibility.Public, moneyRecorded: true).ShouldSucceed();
        call.Title.ShouldBe("Titre");
    }

    [Fact]
    public void A_glossary_term_is_added_edited_and_removed()
    {
        var call = ACall.InDraft();
        var term = call.AddGlossaryTerm("  Commun ", " Ressource partagée ").ShouldSucceed();
        term.Term.ShouldBe("Commun");
        term.Definition.ShouldBe("Ressource partagée");

        call.EditGlossaryTerm(term.Id, "Commun numérique", "Ressource ouverte gérée par une communauté").ShouldSucceed();
        call.Glossary.Single().Term.ShouldBe("Commun numérique");

        call.RemoveGlossaryTerm(term.Id).ShouldSucceed();
        call.Glossary.ShouldBeEmpty();
    }

    [Fact]
    public void A_term_is_defined_once_whatever_its_case()
    {
        var call = ACall.InDraft();
        var first = call.AddGlossaryTerm("Défi", "Question concrète").ShouldSucceed();
        var other = call.AddGlossaryTerm("Commun", "Ressource").ShouldSucceed();

        call.AddGlossaryTerm("DÉFI", "Autre définition").ShouldBeRefusedWith(ErrorCodes.DuplicateTerm);
        call.EditGlossaryTerm(other.Id, "défi", "Renommé").ShouldBeRefusedWith(ErrorCodes.DuplicateTerm);

        call.Glossary.Select(t => t.Term).ShouldBe(["Défi", "Commun"]);
        call.EditGlossaryTerm(first.Id, "défi", "Même terme, autre casse").ShouldSucceed();
    }

    [Fact]
    public void Editing_or_removing_an_unknown_term_or_statement_is_not_found()
    {
        var call = ACall.InDraft();

        call.EditGlossaryTerm(Guid.NewGuid(), "X", "Y").ShouldBeRefusedWith(ErrorCodes.NotFound);
        call.RemoveGlossaryTerm(Guid.NewGuid()).ShouldBeRefusedWith(ErrorCodes.NotFound);
        call.EditScopeStatement(Guid.NewGuid(), "X", true).ShouldBeRefusedWith(ErrorCodes.NotFound);
        call.RemoveScopeStatement(Guid.NewGuid()).ShouldBeRefusedWith(ErrorCodes.NotFound);
    }

    [Fact]
    public void A_scope_statement_is_added_moved_out_of_scope_and_removed()
    {
        var call = ACall.InDraft();
        var statement = call.AddScopeStatement(" Les trajets du quotidien ", inScope: true);
        statement.Text.ShouldBe("Les trajets du quotidien");

        call.EditScopeStatement(statement.Id, "La longue distance", inScope: false).ShouldSucceed();
        call.Scope.Single().InScope.ShouldBeFalse();
        call.Scope.Single().Text.ShouldBe("La longue distance");

        call.RemoveScopeStatement(statement.Id).ShouldSucceed();
        call.Scope.ShouldBeEmpty();
    }

    [Fact]
    public void Supported_currencies_are_iso_codes()
    {
        Currencies.Supported.ShouldContain(Currencies.Default);
        Currencies.Supported.ShouldAllBe(c => c.Length == 3 && c.All(char.IsAsciiLetterUpper));
        Currencies.IsSupported("eur").ShouldBeFalse();
        Currencies.IsSupported(null).ShouldBeFalse();
    }
}
