using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Evaluation;

/// <summary>One value given to one criterion (0 or 1 for a gate, 0 to the scale otherwise).</summary>
public sealed record Mark(Guid CriterionId, int Value);

/// <summary>A mark as stored, under its evaluation.</summary>
public sealed class EvaluationMark
{
    private EvaluationMark()
    {
    }

    public EvaluationMark(Guid evaluationId, Guid criterionId, int value)
    {
        EvaluationId = evaluationId;
        CriterionId = criterionId;
        Value = value;
    }

    public Guid EvaluationId { get; private set; }

    public Guid CriterionId { get; private set; }

    public int Value { get; private set; }
}

/// <summary>
/// One evaluator's scores of one commons, with a private note (read by the evaluator and the call's facilitators only).
/// Given again, it replaces the marks and the note.
/// </summary>
public sealed class CommonsEvaluation
{
    private readonly List<EvaluationMark> _marks = [];

    private CommonsEvaluation()
    {
        EvaluatorId = string.Empty;
    }

    public CommonsEvaluation(Guid callId, Guid commonsId, string evaluatorId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        CallId = callId;
        CommonsId = commonsId;
        EvaluatorId = evaluatorId;
        GivenAt = now;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid CommonsId { get; private set; }

    public string EvaluatorId { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset GivenAt { get; private set; }

    public IReadOnlyList<EvaluationMark> Marks => _marks;

    /// <summary>
    /// Scores the commons against <paramref name="grid"/>: every criterion of the grid gets exactly one mark, and no
    /// mark names a criterion that is not in it (a grid edited since the form was opened: <see cref="EvaluationCodes.GridChanged"/>);
    /// each value within its criterion's scale (<see cref="EvaluationCodes.ScoreOutOfScale"/>).
    /// </summary>
    public Result Score(IReadOnlyList<EvaluationCriterion> grid, IReadOnlyList<Mark> marks, string? note, DateTimeOffset now)
    {
        var checkedMarks = Check(grid, marks);
        if (!checkedMarks.IsSuccess)
        {
            return checkedMarks;
        }

        _marks.Clear();
        _marks.AddRange(marks.Select(m => new EvaluationMark(Id, m.CriterionId, m.Value)));
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        GivenAt = now;
        return Result.Ok();
    }

    public static Result Check(IReadOnlyList<EvaluationCriterion> grid, IReadOnlyList<Mark> marks)
    {
        if (grid.Count == 0)
        {
            return Result.Fail(EvaluationCodes.GridMissing, "The call has no evaluation grid yet.");
        }

        var byId = grid.ToDictionary(c => c.Id);
        if (marks.Count != grid.Count || marks.Select(m => m.CriterionId).Distinct().Count() != marks.Count || marks.Any(m => !byId.ContainsKey(m.CriterionId)))
        {
            return Result.Fail(EvaluationCodes.GridChanged, "Give one mark to every criterion of the current grid.");
        }

        return marks.Any(m => m.Value < 0 || m.Value > byId[m.CriterionId].Scale)
            ? Result.Fail(EvaluationCodes.ScoreOutOfScale, "A mark is outside its criterion's scale.")
            : Result.Ok();
    }
}
