using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Evaluation;

/// <summary>
/// The rules of a call's evaluation grid, checked in order (the first failing one gives the code):
/// 1. nobody has scored yet: the grid is locked by the first score (<see cref="EvaluationCodes.GridLocked"/>);
/// 2. 1 to <see cref="MaxCriteria"/> criteria, at least one of them scored;
/// 3. each has a title of at most <see cref="FieldLimits.TitleLength"/> characters and a description of at most
///    <see cref="FieldLimits.NoteLength"/>, titles distinct;
/// 4. a scored criterion weighs 1 to <see cref="MaxWeight"/> points on a scale from 0 to 1..<see cref="MaxScale"/>.
/// </summary>
public static class EvaluationGrid
{
    public const int MaxCriteria = 20;
    public const int MaxWeight = 1_000;
    public const int MaxScale = 100;

    public static Result Check(IReadOnlyList<CriterionTerms> criteria, bool anyScoreGiven)
    {
        if (anyScoreGiven)
        {
            return Result.Fail(EvaluationCodes.GridLocked, "The grid is locked: an evaluator has already scored.");
        }

        if (criteria.Count is 0 or > MaxCriteria || !criteria.Any(c => c.Kind == CriterionKind.Scored))
        {
            return Invalid($"A grid has 1 to {MaxCriteria} criteria, at least one of them scored.");
        }

        if (criteria.Any(c => string.IsNullOrWhiteSpace(c.Title) || c.Title.Trim().Length > FieldLimits.TitleLength || c.Description?.Length > FieldLimits.NoteLength))
        {
            return Invalid("Each criterion has a title, and title and description within their lengths.");
        }

        if (criteria.Select(c => c.Title.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != criteria.Count)
        {
            return Invalid("Two criteria have the same title.");
        }

        return criteria.Any(c => c.Kind == CriterionKind.Scored && (c.Weight is < 1 or > MaxWeight || c.Scale is < 1 or > MaxScale))
            ? Invalid($"A scored criterion weighs 1 to {MaxWeight} points on a scale of 1 to {MaxScale}.")
            : Result.Ok();
    }

    public static IReadOnlyList<EvaluationCriterion> Build(Guid callId, IReadOnlyList<CriterionTerms> criteria, DateTimeOffset now) =>
        criteria.Select((c, i) => new EvaluationCriterion(callId, i, c, now)).ToList();

    private static Result Invalid(string detail) => Result.Fail(EvaluationCodes.GridInvalid, detail);
}
