using CommonsCall.Domain.Common;
using CommonsCall.Domain.Evaluation;

namespace CommonsCall.Domain.Tests;

/// <summary>Issue 16 §1-3: the evaluation grid, the scores, their aggregation and the selection sessions.</summary>
public class EvaluationTests
{
    private static readonly DateTimeOffset Now = TestClock.Start;
    private static readonly Guid Call = Guid.NewGuid();

    private static readonly CriterionTerms Technique = new(CriterionKind.Scored, "Technique", null, 30, 10);
    private static readonly CriterionTerms Impact = new(CriterionKind.Scored, "Impact", null, 40, 10);
    private static readonly CriterionTerms Price = new(CriterionKind.Scored, "Prix", null, 30, 10);
    private static readonly CriterionTerms Licence = new(CriterionKind.Gate, "Licence ouverte", null, 0, 1);

    private static readonly IReadOnlyList<EvaluationCriterion> NLnet = EvaluationGrid.Build(Call, [Licence, Technique, Impact, Price], Now);

    private static IReadOnlyList<Mark> Marks(params int[] values) => NLnet.Select((c, i) => new Mark(c.Id, values[i])).ToList();

    private static string? Code(Result result) => result.Error?.Code;

    // The grid.

    [Fact]
    public void A_grid_with_gates_and_weighted_criteria_is_accepted() => Code(EvaluationGrid.Check([Licence, Technique, Impact, Price], false)).ShouldBeNull();

    [Fact]
    public void A_grid_cannot_change_once_a_score_is_given() => Code(EvaluationGrid.Check([Technique], true)).ShouldBe(EvaluationCodes.GridLocked);

    [Fact]
    public void An_empty_grid_is_invalid() => Code(EvaluationGrid.Check([], false)).ShouldBe(EvaluationCodes.GridInvalid);

    [Fact]
    public void A_grid_of_gates_only_is_invalid() => Code(EvaluationGrid.Check([Licence], false)).ShouldBe(EvaluationCodes.GridInvalid);

    [Fact]
    public void A_criterion_without_a_title_is_invalid() => Code(EvaluationGrid.Check([Technique with { Title = " " }], false)).ShouldBe(EvaluationCodes.GridInvalid);

    [Fact]
    public void Two_criteria_with_the_same_title_are_invalid() => Code(EvaluationGrid.Check([Technique, Technique with { Title = "technique" }], false)).ShouldBe(EvaluationCodes.GridInvalid);

    [Fact]
    public void A_scored_criterion_without_weight_is_invalid() => Code(EvaluationGrid.Check([Technique with { Weight = 0 }], false)).ShouldBe(EvaluationCodes.GridInvalid);

    [Fact]
    public void A_scale_over_100_is_invalid() => Code(EvaluationGrid.Check([Technique with { Scale = 101 }], false)).ShouldBe(EvaluationCodes.GridInvalid);

    [Fact]
    public void A_gate_ignores_its_weight_and_is_marked_0_or_1() => new EvaluationCriterion(Call, 0, Licence with { Weight = 50, Scale = 7 }, Now).ShouldSatisfyAllConditions(
        c => c.Weight.ShouldBe(0), c => c.Scale.ShouldBe(1));

    [Fact]
    public void The_nlnet_template_weighs_30_40_30() => GridTemplates.Find(GridTemplates.NLnet, "fr")!.Criteria.Select(c => c.Weight).ShouldBe([30, 40, 30]);

    [Fact]
    public void The_ademe_template_has_the_four_entry_gates() =>
        GridTemplates.Find(GridTemplates.Ademe, "fr")!.Criteria.Where(c => c.Kind == CriterionKind.Gate).Select(c => c.Title)
            .ShouldBe(["Démarche collaborative", "Licence ouverte", "Documentation sur le wiki partagé", "Réponse à un défi"]);

    [Fact]
    public void Every_template_is_a_valid_grid_in_both_languages() =>
        GridTemplates.All("fr").Concat(GridTemplates.All("en")).ShouldAllBe(t => EvaluationGrid.Check(t.Criteria, false).IsSuccess);

    [Fact]
    public void An_unknown_template_is_not_found() => GridTemplates.Find("tableur", "fr").ShouldBeNull();

    // Scoring.

    [Fact]
    public void A_score_of_every_criterion_within_its_scale_is_accepted() => Code(CommonsEvaluation.Check(NLnet, Marks(1, 7, 8, 5))).ShouldBeNull();

    [Fact]
    public void A_score_above_the_scale_is_refused() => Code(CommonsEvaluation.Check(NLnet, Marks(1, 11, 8, 5))).ShouldBe(EvaluationCodes.ScoreOutOfScale);

    [Fact]
    public void A_negative_score_is_refused() => Code(CommonsEvaluation.Check(NLnet, Marks(1, -1, 8, 5))).ShouldBe(EvaluationCodes.ScoreOutOfScale);

    [Fact]
    public void A_gate_marked_2_is_refused() => Code(CommonsEvaluation.Check(NLnet, Marks(2, 7, 8, 5))).ShouldBe(EvaluationCodes.ScoreOutOfScale);

    [Fact]
    public void A_score_missing_a_criterion_is_refused_as_a_changed_grid() => Code(CommonsEvaluation.Check(NLnet, Marks(1, 7, 8, 5).Take(3).ToList())).ShouldBe(EvaluationCodes.GridChanged);

    [Fact]
    public void A_score_of_a_criterion_no_longer_in_the_grid_is_refused() =>
        Code(CommonsEvaluation.Check(NLnet, [.. Marks(1, 7, 8, 5).Skip(1), new Mark(Guid.NewGuid(), 1)])).ShouldBe(EvaluationCodes.GridChanged);

    [Fact]
    public void A_call_without_a_grid_cannot_be_scored() => Code(CommonsEvaluation.Check([], [])).ShouldBe(EvaluationCodes.GridMissing);

    // Aggregation.

    [Fact]
    public void Full_marks_are_10000() => ScoreAggregation.Weighted(NLnet, Marks(1, 10, 10, 10)).ShouldBe(10_000);

    [Fact]
    public void The_nlnet_weights_give_30_40_30() => ScoreAggregation.Weighted(NLnet, Marks(1, 10, 0, 0)).ShouldBe(3_000);

    [Fact]
    public void Weighted_score_of_7_8_5_out_of_10_is_68_percent() => ScoreAggregation.Weighted(NLnet, Marks(1, 7, 8, 5)).ShouldBe(6_800);

    [Fact]
    public void A_third_rounds_half_up() => ScoreAggregation.CriterionScore(2, 3).ShouldBe(6_667);

    [Fact]
    public void Gates_carry_no_weight() => ScoreAggregation.Weighted(NLnet, Marks(0, 10, 10, 10)).ShouldBe(10_000);

    [Fact]
    public void A_gate_marked_0_fails_the_gates() => ScoreAggregation.GatesMet(NLnet, Marks(0, 10, 10, 10)).ShouldBeFalse();

    [Fact]
    public void Mean_rounds_half_up() => ScoreAggregation.Mean([5_000, 5_001]).ShouldBe(5_001);

    [Fact]
    public void Median_of_an_odd_count_is_the_middle_one() => ScoreAggregation.Median([9_000, 2_000, 6_000]).ShouldBe(6_000);

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two() => ScoreAggregation.Median([2_000, 9_000, 6_000, 7_000]).ShouldBe(6_500);

    [Fact]
    public void Spread_is_highest_minus_lowest() => ScoreAggregation.Spread([4_000, 9_000, 6_000]).ShouldBe(5_000);

    [Fact]
    public void A_spread_of_exactly_25_points_is_not_disagreement() => ScoreAggregation.Disagree([5_000, 7_500]).ShouldBeFalse();

    [Fact]
    public void A_spread_over_25_points_is_disagreement() => ScoreAggregation.Disagree([5_000, 7_501]).ShouldBeTrue();

    [Fact]
    public void One_evaluator_never_disagrees() => ScoreAggregation.Disagree([0]).ShouldBeFalse();

    [Fact]
    public void Criterion_mean_is_in_hundredths_of_its_unit() => ScoreAggregation.CriterionMean([3, 4, 4]).ShouldBe(367);

    [Fact]
    public void Nothing_to_aggregate_gives_zero() => (ScoreAggregation.Mean([]), ScoreAggregation.Median([]), ScoreAggregation.Spread([])).ShouldBe((0, 0, 0));

    // Ranking.

    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid();

    private static IReadOnlyList<RankedCommons> Ranked() => Ranking.Of(NLnet,
    [
        new EvaluatedCommons(A, "Atelier", [Marks(1, 5, 5, 5), Marks(1, 6, 6, 6)]),
        new EvaluatedCommons(B, "Boussole", [Marks(1, 9, 9, 9), Marks(1, 8, 8, 8)]),
        new EvaluatedCommons(C, "Carte", [Marks(0, 10, 10, 10)]),
        new EvaluatedCommons(D, "Données", []),
    ]);

    [Fact]
    public void Ranking_puts_the_highest_mean_first() => Ranked()[0].CommonsId.ShouldBe(B);

    [Fact]
    public void A_commons_failing_a_gate_ranks_after_those_that_pass() => Ranked().Select(r => r.CommonsId).ShouldBe([B, A, C, D]);

    [Fact]
    public void A_commons_nobody_evaluated_has_no_rank() => Ranked()[3].Rank.ShouldBeNull();

    [Fact]
    public void Ranking_gives_the_per_criterion_means() => Ranked()[0].Criteria.Select(c => c.Mean).ShouldBe([100, 850, 850, 850]);

    // Conflicts of interest.

    [Fact]
    public void An_evaluator_of_a_co_creating_organisation_is_in_conflict() => ConflictOfInterest.Between([A, B], [B, C]).ShouldBeTrue();

    [Fact]
    public void An_evaluator_of_no_co_creating_organisation_is_not_in_conflict() => ConflictOfInterest.Between([A], [B, C]).ShouldBeFalse();

    // Sessions.

    private static readonly IReadOnlyDictionary<Guid, RankedCommons> Ranks = Ranked().ToDictionary(r => r.CommonsId);

    private static Result Publish(SelectionSession session, IReadOnlySet<Guid>? decided = null, params DecisionTerms[] decisions) =>
        session.Publish(decisions, Ranks, decided ?? new HashSet<Guid>(), Now);

    private static SelectionSession Session() => new(Call, "Session de printemps", TestClock.Today.AddDays(10), Now);

    [Fact]
    public void Publishing_keeps_the_decisions_with_their_scores() =>
        Session().ShouldSatisfyAllConditions(s => Code(Publish(s, null, new DecisionTerms(B, SelectionOutcome.Selected, "Solide"))).ShouldBeNull(),
            s => s.Decisions.Single().Mean.ShouldBe(8_500), s => s.IsPublished.ShouldBeTrue());

    [Fact]
    public void A_session_is_published_once() =>
        Session().ShouldSatisfyAllConditions(s => Publish(s, null, new DecisionTerms(B, SelectionOutcome.Selected, "Solide")),
            s => Code(Publish(s, null, new DecisionTerms(A, SelectionOutcome.Selected, "Solide"))).ShouldBe(EvaluationCodes.SessionPublished));

    [Fact]
    public void A_session_without_decisions_is_refused() => Code(Publish(Session())).ShouldBe(EvaluationCodes.DecisionsRequired);

    [Fact]
    public void A_decision_without_a_reason_is_refused() => Code(Publish(Session(), null, new DecisionTerms(B, SelectionOutcome.Selected, " "))).ShouldBe(EvaluationCodes.DecisionsRequired);

    [Fact]
    public void A_decision_on_a_commons_of_another_call_is_refused() =>
        Code(Publish(Session(), null, new DecisionTerms(Guid.NewGuid(), SelectionOutcome.Selected, "Oui"))).ShouldBe(EvaluationCodes.DecisionsRequired);

    [Fact]
    public void A_commons_decided_twice_in_a_session_is_refused() =>
        Code(Publish(Session(), null, new DecisionTerms(B, SelectionOutcome.Selected, "Oui"), new DecisionTerms(B, SelectionOutcome.Deferred, "Non"))).ShouldBe(EvaluationCodes.DuplicateDecision);

    [Fact]
    public void A_commons_selected_by_an_earlier_session_is_refused() =>
        Code(Publish(Session(), new HashSet<Guid> { B }, new DecisionTerms(B, SelectionOutcome.Selected, "Oui"))).ShouldBe(EvaluationCodes.CommonsAlreadyDecided);
}
