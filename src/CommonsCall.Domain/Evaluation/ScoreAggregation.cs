namespace CommonsCall.Domain.Evaluation;

/// <summary>
/// How evaluations become a ranking, in integers. A score is in hundredths of a percent of the best possible
/// (0 to <see cref="Full"/>); each rounding is half up and written here once:
/// - an evaluator's score of a criterion is <c>value * 10 000 / scale</c>, rounded;
/// - an evaluator's weighted score is the weighted mean of those, rounded (gates carry no weight);
/// - a commons' mean and median are taken over its evaluators' weighted scores (the median of an even count is
///   the mean of the two middle ones, rounded); its spread is the highest minus the lowest;
/// - evaluators disagree when at least two scored and the spread is over <see cref="DisagreementThreshold"/>
///   (25 points out of 100: on a 0-5 scale, more than a point and a quarter apart);
/// - a commons passes the gates when every evaluator judged every gate met;
/// - a criterion's aggregated value (the applicants' feedback) is the mean of its values in hundredths of a unit of its
///   scale (3.67 / 5 is 367).
/// </summary>
public static class ScoreAggregation
{
    public const int Full = 10_000;
    public const int DisagreementThreshold = 2_500;

    public static int CriterionScore(int value, int scale) => RoundedDivision((long)value * Full, scale);

    /// <summary>One evaluator's weighted score of a commons (0 to <see cref="Full"/>).</summary>
    public static int Weighted(IReadOnlyList<EvaluationCriterion> grid, IReadOnlyList<Mark> marks)
    {
        var values = marks.ToDictionary(m => m.CriterionId, m => m.Value);
        var scored = grid.Where(c => c.Kind == CriterionKind.Scored).ToList();
        long weights = scored.Sum(c => (long)c.Weight);
        if (weights == 0)
        {
            return 0;
        }

        long sum = scored.Sum(c => (long)c.Weight * CriterionScore(values.GetValueOrDefault(c.Id), c.Scale));
        return RoundedDivision(sum, weights);
    }

    public static bool GatesMet(IReadOnlyList<EvaluationCriterion> grid, IReadOnlyList<Mark> marks)
    {
        var values = marks.ToDictionary(m => m.CriterionId, m => m.Value);
        return grid.Where(c => c.Kind == CriterionKind.Gate).All(c => values.GetValueOrDefault(c.Id) == 1);
    }

    public static int Mean(IReadOnlyList<int> scores) => scores.Count == 0 ? 0 : RoundedDivision(scores.Sum(s => (long)s), scores.Count);

    public static int Median(IReadOnlyList<int> scores)
    {
        if (scores.Count == 0)
        {
            return 0;
        }

        var sorted = scores.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : RoundedDivision((long)sorted[middle - 1] + sorted[middle], 2);
    }

    public static int Spread(IReadOnlyList<int> scores) => scores.Count == 0 ? 0 : scores.Max() - scores.Min();

    public static bool Disagree(IReadOnlyList<int> scores) => scores.Count >= 2 && Spread(scores) > DisagreementThreshold;

    /// <summary>The mean of a criterion's values, in hundredths of a unit of its scale.</summary>
    public static int CriterionMean(IReadOnlyList<int> values) => values.Count == 0 ? 0 : RoundedDivision(values.Sum(v => (long)v) * 100, values.Count);

    /// <summary>Division of non-negative integers, rounded half up.</summary>
    public static int RoundedDivision(long numerator, long denominator) => (int)(((2 * numerator) + denominator) / (2 * denominator));
}
