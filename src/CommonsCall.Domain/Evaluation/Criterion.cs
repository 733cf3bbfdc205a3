namespace CommonsCall.Domain.Evaluation;

/// <summary>A gate (yes or no: every gate must be met) or a scored criterion (a value from 0 to its scale, weighted).</summary>
public enum CriterionKind
{
    Gate,
    Scored,
}

/// <summary>One criterion as a facilitator writes it (or a template gives it). A gate's weight and scale are ignored.</summary>
public sealed record CriterionTerms(CriterionKind Kind, string Title, string? Description, int Weight, int Scale);

/// <summary>A criterion of a call's evaluation grid, in its place in the grid.</summary>
public sealed class EvaluationCriterion
{
    private EvaluationCriterion()
    {
        Title = string.Empty;
    }

    public EvaluationCriterion(Guid callId, int position, CriterionTerms terms, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        CallId = callId;
        Position = position;
        Kind = terms.Kind;
        Title = terms.Title.Trim();
        Description = string.IsNullOrWhiteSpace(terms.Description) ? null : terms.Description.Trim();
        // A gate is stored as a 0/1 criterion without weight, so that a mark is always an integer from 0 to Scale.
        Weight = terms.Kind == CriterionKind.Gate ? 0 : terms.Weight;
        Scale = terms.Kind == CriterionKind.Gate ? 1 : terms.Scale;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public int Position { get; private set; }

    public CriterionKind Kind { get; private set; }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    /// <summary>Points (a percentage when the weights sum to 100): only their proportions matter.</summary>
    public int Weight { get; private set; }

    /// <summary>The highest value of the criterion (0 to Scale, e.g. 5 or 10); 1 for a gate (1 = met).</summary>
    public int Scale { get; private set; }

    public CriterionTerms Terms => new(Kind, Title, Description, Weight, Scale);
}
