namespace CommonsCall.Domain.Evaluation;

/// <summary>A person who evaluates a call's commons: one of its facilitators or an invited expert.</summary>
public sealed class CallEvaluator
{
    public CallEvaluator(Guid callId, string userId, DateTimeOffset appointedAt)
    {
        CallId = callId;
        UserId = userId;
        AppointedAt = appointedAt;
    }

    public Guid CallId { get; private set; }

    public string UserId { get; private set; }

    public DateTimeOffset AppointedAt { get; private set; }
}

/// <summary>A commons given to an evaluator to score.</summary>
public sealed class EvaluationAssignment
{
    public EvaluationAssignment(Guid callId, Guid commonsId, string evaluatorId, DateTimeOffset assignedAt)
    {
        CallId = callId;
        CommonsId = commonsId;
        EvaluatorId = evaluatorId;
        AssignedAt = assignedAt;
    }

    public Guid CallId { get; private set; }

    public Guid CommonsId { get; private set; }

    public string EvaluatorId { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }
}

/// <summary>
/// Conflict of interest: an evaluator who is one of the people of an organisation that co-creates a commons never
/// evaluates it (is not assigned it, and may not score it).
/// </summary>
public static class ConflictOfInterest
{
    public static bool Between(IEnumerable<Guid> evaluatorOrganisations, IEnumerable<Guid> coCreators) =>
        evaluatorOrganisations.Intersect(coCreators).Any();
}
