namespace CommonsCall.Domain.Evaluation;

/// <summary>A commons and the evaluations given to it (each one evaluator's marks).</summary>
public sealed record EvaluatedCommons(Guid CommonsId, string Title, IReadOnlyList<IReadOnlyList<Mark>> Evaluations);

/// <summary>A criterion's aggregated value for one commons: the mean in hundredths of a unit of its scale.</summary>
public sealed record CriterionAggregate(Guid CriterionId, string Title, CriterionKind Kind, int Weight, int Scale, int Mean);

/// <summary>A commons' place in the ranking, with its aggregates (<see cref="ScoreAggregation"/>); Rank is null until it is evaluated.</summary>
public sealed record RankedCommons(
    Guid CommonsId, string Title, int? Rank, int Evaluations, int Mean, int Median, int Spread, bool Disagreement, bool GatesMet,
    IReadOnlyList<CriterionAggregate> Criteria);

/// <summary>
/// The ranking of a call's commons: those evaluated first, and among them those that pass the gates; then by mean,
/// then median, highest first; then by title. Commons nobody evaluated yet come last, without a rank.
/// </summary>
public static class Ranking
{
    public static IReadOnlyList<RankedCommons> Of(IReadOnlyList<EvaluationCriterion> grid, IEnumerable<EvaluatedCommons> commons)
    {
        var ordered = commons.Select(c => Aggregate(grid, c))
            .OrderByDescending(r => r.Evaluations > 0)
            .ThenByDescending(r => r.GatesMet)
            .ThenByDescending(r => r.Mean)
            .ThenByDescending(r => r.Median)
            .ThenBy(r => r.Title, StringComparer.CurrentCulture)
            .ToList();
        return ordered.Select((r, i) => r with { Rank = r.Evaluations > 0 ? i + 1 : null }).ToList();
    }

    public static RankedCommons Aggregate(IReadOnlyList<EvaluationCriterion> grid, EvaluatedCommons commons)
    {
        var scores = commons.Evaluations.Select(e => ScoreAggregation.Weighted(grid, e)).ToList();
        var criteria = grid.OrderBy(c => c.Position)
            .Select(c => new CriterionAggregate(c.Id, c.Title, c.Kind, c.Weight, c.Scale, ScoreAggregation.CriterionMean(
                commons.Evaluations.Select(e => e.FirstOrDefault(m => m.CriterionId == c.Id)?.Value ?? 0).ToList())))
            .ToList();
        return new RankedCommons(
            commons.CommonsId, commons.Title, null, scores.Count,
            ScoreAggregation.Mean(scores), ScoreAggregation.Median(scores), ScoreAggregation.Spread(scores), ScoreAggregation.Disagree(scores),
            scores.Count > 0 && commons.Evaluations.All(e => ScoreAggregation.GatesMet(grid, e)),
            criteria);
    }
}
