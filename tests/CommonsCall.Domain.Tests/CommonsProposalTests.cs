using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Domain.Tests;

/// <summary>Proposing and editing a commons: licence, budget lines, who may edit when, links and co-creators.</summary>
public class CommonsProposalTests
{
    private static readonly Guid Proposer = Guid.NewGuid();

    private static CommonsEntity ACommons() =>
        new(Guid.NewGuid(), Proposer, "Registre de preuve de covoiturage", "Certifie les trajets.", CommonsKind.Software, "AGPL-3.0-only", ACall.CreatedAt);

    private static CommonsDescription ADescription(string licence = "Apache-2.0") =>
        new("Standard d'échange des offres", "Un protocole ouvert.", CommonsKind.ProtocolOrStandard, licence, CommonsMaturity.Emergence,
            "Comité des contributeurs", "Rencontre mensuelle", "Ateliers usagers", "Temps de développement",
            CommonsNeeds.Funding | CommonsNeeds.UseCases, "OpenAPI, animation");

    // Licences

    [Theory]
    [InlineData("MIT")]
    [InlineData("Apache-2.0")]
    [InlineData("GPL-3.0-or-later")]
    [InlineData("AGPL-3.0-only")]
    [InlineData("LGPL-2.1-or-later")]
    [InlineData("MPL-2.0")]
    [InlineData("EUPL-1.2")]
    [InlineData("CC-BY-SA-4.0")]
    [InlineData("CC0-1.0")]
    [InlineData("ODbL-1.0")]
    [InlineData("ODC-By-1.0")]
    [InlineData("etalab-2.0")]
    [InlineData("CERN-OHL-S-2.0")]
    [InlineData("CERN-OHL-P-2.0")]
    public void Open_licences_are_accepted(string licence) => OpenLicences.IsOpen(licence).ShouldBeTrue();

    [Theory]
    [InlineData("CC-BY-NC-4.0")]
    [InlineData("CC-BY-ND-4.0")]
    [InlineData("Proprietary")]
    [InlineData("SSPL-1.0")]
    [InlineData("BUSL-1.1")]
    [InlineData("")]
    [InlineData(null)]
    public void Closed_or_unknown_licences_are_refused(string? licence) => OpenLicences.IsOpen(licence).ShouldBeFalse();

    [Theory]
    [InlineData("apache-2.0", "Apache-2.0")]
    [InlineData(" mit ", "MIT")]
    [InlineData("Etalab-2.0", "etalab-2.0")]
    [InlineData("odbl-1.0", "ODbL-1.0")]
    public void Licence_identifiers_match_case_insensitively_and_are_kept_in_their_spdx_spelling(string typed, string canonical) =>
        OpenLicences.Canonical(typed).ShouldBe(canonical);

    [Fact]
    public void The_licence_list_has_no_duplicates() =>
        OpenLicences.All.Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(OpenLicences.All.Count);

    [Fact]
    public void Revising_stores_the_description_with_the_canonical_licence()
    {
        var commons = ACommons();

        commons.Revise(ADescription("apache-2.0")).ShouldSucceed();

        commons.Title.ShouldBe("Standard d'échange des offres");
        commons.Kind.ShouldBe(CommonsKind.ProtocolOrStandard);
        commons.Licence.ShouldBe("Apache-2.0");
        commons.Maturity.ShouldBe(CommonsMaturity.Emergence);
        commons.Governance.ShouldBe("Comité des contributeurs");
        commons.LookingFor.ShouldBe(CommonsNeeds.Funding | CommonsNeeds.UseCases);
        commons.SkillsWanted.ShouldBe("OpenAPI, animation");
    }

    [Fact]
    public void Revising_with_a_closed_licence_is_refused_and_changes_nothing()
    {
        var commons = ACommons();

        var result = commons.Revise(ADescription("CC-BY-NC-4.0"));

        result.ShouldBeRefusedWith("validation_failed");
        result.Error!.Fields!.Keys.ShouldBe(["Licence"]);
        commons.Title.ShouldBe("Registre de preuve de covoiturage");
        commons.Licence.ShouldBe("AGPL-3.0-only");
    }

    [Fact]
    public void Blank_optional_texts_are_stored_as_absent()
    {
        var commons = ACommons();

        commons.Revise(ADescription() with { Governance = "  ", SkillsWanted = "" }).ShouldSucceed();

        commons.Governance.ShouldBeNull();
        commons.SkillsWanted.ShouldBeNull();
    }

    [Fact]
    public void What_a_commons_looks_for_splits_into_single_needs_and_back()
    {
        var needs = CommonsNeeds.Funding | CommonsNeeds.Experimentation | CommonsNeeds.Contributors;

        needs.Split().ShouldBe([CommonsNeeds.Funding, CommonsNeeds.Experimentation, CommonsNeeds.Contributors]);
        needs.Split().Combine().ShouldBe(needs);
        CommonsNeeds.None.Split().ShouldBeEmpty();
    }

    // Budget lines

    [Fact]
    public void Valid_budget_lines_give_the_goals()
    {
        var commons = ACommons();

        commons.SetBudgetLines([new BudgetLine(" Développement ", 1, 1), new BudgetLine("Animation", 2_500, 5_000)]).ShouldSucceed();

        commons.MinimumGoal.ShouldBe(2_501);
        commons.MaximumGoal.ShouldBe(5_001);
        commons.BudgetLines[0].Description.ShouldBe("Développement");
    }

    [Fact]
    public void A_budget_needs_at_least_one_line()
    {
        var commons = ACommons();

        var result = commons.SetBudgetLines([]);

        result.ShouldBeRefusedWith("validation_failed");
        result.Error!.Fields!.Keys.ShouldBe(["BudgetLines"]);
    }

    [Theory]
    [InlineData("", 100, 200, "BudgetLines[0].Description")]
    [InlineData("   ", 100, 200, "BudgetLines[0].Description")]
    [InlineData("Développement", 0, 200, "BudgetLines[0].Minimum")]
    [InlineData("Développement", -5, 200, "BudgetLines[0].Minimum")]
    [InlineData("Développement", 300, 299, "BudgetLines[0].Maximum")]
    public void A_broken_line_is_refused_naming_its_field_and_the_previous_lines_stay(string description, long minimum, long maximum, string field)
    {
        var commons = ACommons();
        commons.SetBudgetLines([new BudgetLine("Existant", 1_000, 2_000)]).ShouldSucceed();

        var result = commons.SetBudgetLines([new BudgetLine(description, minimum, maximum)]);

        result.ShouldBeRefusedWith("validation_failed");
        result.Error!.Fields!.Keys.ShouldContain(field);
        commons.BudgetLines.ShouldHaveSingleItem().Description.ShouldBe("Existant");
        commons.MinimumGoal.ShouldBe(1_000);
        commons.MaximumGoal.ShouldBe(2_000);
    }

    [Fact]
    public void Every_broken_line_is_reported_by_its_index()
    {
        var problems = BudgetPlan.Check([new BudgetLine("Bon", 10, 20), new BudgetLine("", 0, 20), new BudgetLine("Inversé", 30, 20)]);

        problems.Select(p => p.Field("BudgetLines")).ShouldBe(["BudgetLines[1].Description", "BudgetLines[1].Minimum", "BudgetLines[2].Maximum"]);
    }

    [Fact]
    public void A_maximum_equal_to_the_minimum_is_accepted() =>
        BudgetPlan.Check([new BudgetLine("Hébergement", 1_200, 1_200)]).ShouldBeEmpty();

    [Fact]
    public void A_line_above_the_largest_amount_is_refused_so_goals_never_overflow()
    {
        var commons = ACommons();

        var result = commons.SetBudgetLines([new BudgetLine("A", 1, Amounts.Maximum + 1), new BudgetLine("B", long.MaxValue, long.MaxValue)]);

        result.ShouldBeRefusedWith("validation_failed");
        result.Error!.Fields!.Keys.ShouldBe(["BudgetLines[0].Maximum", "BudgetLines[1].Maximum"]);
        commons.MaximumGoal.ShouldBe(0);
    }

    [Fact]
    public void The_largest_lines_allowed_add_up_without_overflow()
    {
        var commons = ACommons();

        commons.SetBudgetLines([.. Enumerable.Repeat(new BudgetLine("Ligne", Amounts.Maximum, Amounts.Maximum), BudgetPlan.MaxLines)]).ShouldSucceed();

        commons.MaximumGoal.ShouldBe(Amounts.Maximum * BudgetPlan.MaxLines);
    }

    [Fact]
    public void More_lines_than_the_limit_are_refused() =>
        BudgetPlan.Check([.. Enumerable.Range(0, BudgetPlan.MaxLines + 1).Select(i => new BudgetLine($"Ligne {i}", 1, 1))])
            .ShouldHaveSingleItem().Line.ShouldBeNull();

    // Who edits when

    [Fact]
    public void Members_propose_commons_only_in_phase_commons()
    {
        CommonsEntity.CheckCanPropose(CallPhase.Commons).ShouldSucceed();
        foreach (var phase in Enum.GetValues<CallPhase>().Where(p => p != CallPhase.Commons))
        {
            CommonsEntity.CheckCanPropose(phase).ShouldBeRefusedWith("commons_phase_closed");
        }
    }

    [Fact]
    public void Co_creators_edit_a_proposed_commons_in_phase_commons()
    {
        var commons = ACommons();

        commons.CheckEditable(CommonsEditor.CoCreator, CallPhase.Commons).ShouldSucceed();
        commons.CheckEditable(CommonsEditor.CoCreator, CallPhase.Commons, budgetLines: true).ShouldSucceed();
    }

    [Theory]
    [InlineData(CallPhase.Challenges)]
    [InlineData(CallPhase.Budgeting)]
    [InlineData(CallPhase.FollowUp)]
    public void Co_creators_cannot_edit_outside_phase_commons(CallPhase phase) =>
        ACommons().CheckEditable(CommonsEditor.CoCreator, phase).ShouldBeRefusedWith("commons_phase_closed");

    [Fact]
    public void Once_approved_only_facilitators_edit_the_commons()
    {
        var commons = ACommons();
        commons.SetBudgetLines([new BudgetLine("Collecte", 1_000, 3_000)]).ShouldSucceed();
        commons.Approve().ShouldSucceed();

        commons.CheckEditable(CommonsEditor.CoCreator, CallPhase.Commons).ShouldBeRefusedWith("commons_locked");
        commons.CheckEditable(CommonsEditor.Facilitator, CallPhase.Commons).ShouldSucceed();
        commons.CheckEditable(CommonsEditor.Facilitator, CallPhase.Commons, budgetLines: true).ShouldSucceed();
    }

    [Fact]
    public void Sending_a_commons_back_lets_its_co_creators_edit_it_again()
    {
        var commons = ACommons();
        commons.SetBudgetLines([new BudgetLine("Collecte", 1_000, 3_000)]).ShouldSucceed();
        commons.Approve().ShouldSucceed();

        commons.SendBack("Préciser la gouvernance.");

        commons.CheckEditable(CommonsEditor.CoCreator, CallPhase.Commons).ShouldSucceed();
    }

    [Theory]
    [InlineData(CommonsEditor.CoCreator)]
    [InlineData(CommonsEditor.Facilitator)]
    public void Nobody_changes_budget_lines_once_the_round_has_opened(CommonsEditor editor)
    {
        var commons = ACommons();

        commons.CheckEditable(editor, CallPhase.Budgeting, budgetLines: true).ShouldBeRefusedWith("budget_lines_locked");
        commons.CheckEditable(editor, CallPhase.Results, budgetLines: true).ShouldBeRefusedWith("budget_lines_locked");
    }

    [Theory]
    [InlineData(CommonsEditor.CoCreator, CallPhase.Budgeting)]
    [InlineData(CommonsEditor.Facilitator, CallPhase.Budgeting)]
    [InlineData(CommonsEditor.Facilitator, CallPhase.Results)]
    public void Nobody_changes_the_co_creators_once_the_round_has_opened(CommonsEditor editor, CallPhase phase) =>
        ACommons().CheckEditable(editor, phase, coCreators: true).ShouldBeRefusedWith("co_creators_locked");

    [Fact]
    public void Facilitators_change_the_co_creators_before_the_round() =>
        ACommons().CheckEditable(CommonsEditor.Facilitator, CallPhase.Commons, coCreators: true).ShouldSucceed();

    [Fact]
    public void Facilitators_may_still_correct_the_texts_during_the_round() =>
        ACommons().CheckEditable(CommonsEditor.Facilitator, CallPhase.Budgeting).ShouldSucceed();

    // Links and co-creators

    [Fact]
    public void Linking_challenges_replaces_the_set_and_ignores_duplicates()
    {
        var commons = ACommons();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        commons.LinkChallenges([a, b, b]);
        var kept = commons.Challenges.Single(x => x.ChallengeId == b);

        commons.LinkChallenges([b, c]);

        commons.Challenges.Select(x => x.ChallengeId).ShouldBe([b, c], ignoreOrder: true);
        commons.Challenges.ShouldContain(kept, "an unchanged link is kept, not recreated");
    }

    [Fact]
    public void A_co_creator_can_be_removed_but_never_the_proposer()
    {
        var commons = ACommons();
        var partner = Guid.NewGuid();
        commons.AddCoCreator(partner);

        commons.RemoveCoCreator(partner).ShouldSucceed();
        commons.RemoveCoCreator(Proposer).ShouldBeRefusedWith("cannot_remove_proposer");

        commons.CoCreators.Select(c => c.OrganisationId).ShouldBe([Proposer]);
    }
}
