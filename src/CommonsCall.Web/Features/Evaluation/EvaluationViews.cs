using CommonsCall.Domain.Evaluation;

namespace CommonsCall.Web.Features.Evaluation;

// What the evaluation's pages and API read. Scores are in hundredths of a percent of the best possible (0 to 10 000);
// a criterion's mean in hundredths of a unit of its scale (see ScoreAggregation).

/// <summary>The call as one actor meets it in the evaluation: a facilitator, an evaluator, or both.</summary>
public sealed record EvaluationCall(Guid Id, string Slug, string Title, bool IsFacilitator, bool IsEvaluator);

public sealed record CriterionView(Guid Id, CriterionKind Kind, string Title, string? Description, int Weight, int Scale);

/// <summary>The grid; locked once the first score is given.</summary>
public sealed record GridView(IReadOnlyList<CriterionView> Criteria, bool Locked);

public sealed record EvaluatorView(string UserId, string DisplayName, string Email, int Assigned, int Evaluated);

/// <summary>
/// What naming an evaluator did: <paramref name="UserId"/> when the person had an account and evaluates the call now;
/// otherwise the invitation mailed to them, which makes them evaluator when they register.
/// </summary>
public sealed record AppointedEvaluator(string? UserId, Guid? InvitationId)
{
    public bool Invited => InvitationId is not null;
}

/// <summary>An outside expert invited to evaluate the call who has not registered yet.</summary>
public sealed record PendingEvaluator(Guid InvitationId, string Email, DateTimeOffset ExpiresAt);

/// <summary>A commons assigned to the evaluator who reads this, with their own marks and private note once they scored.</summary>
public sealed record AssignedCommonsView(Guid CommonsId, string Title, string Summary, bool Evaluated, IReadOnlyList<Mark> Marks, string? Note);

public sealed record MyEvaluationView(GridView Grid, IReadOnlyList<AssignedCommonsView> Commons);

public enum ProgressFilter
{
    All,
    Evaluated,
    NotEvaluated,
}

public sealed record AssigneeView(string UserId, string DisplayName, bool Evaluated);

/// <summary>A commons is evaluated when it has evaluators and each of them has scored it.</summary>
public sealed record CommonsProgressView(Guid CommonsId, string Title, IReadOnlyList<AssigneeView> Evaluators, bool Evaluated);

/// <summary>An evaluator has finished when they scored every commons assigned to them.</summary>
public sealed record EvaluatorProgressView(string UserId, string DisplayName, int Assigned, int Evaluated, bool Finished);

public sealed record ProgressView(IReadOnlyList<CommonsProgressView> Commons, IReadOnlyList<EvaluatorProgressView> Evaluators);

public enum RankingOrder
{
    Rank,
    Title,
}

/// <summary>One evaluator's weighted score of a commons and private note: facilitators only.</summary>
public sealed record EvaluatorScoreView(string DisplayName, int Score, bool GatesMet, string? Note);

public sealed record RankingRowView(RankedCommons Commons, IReadOnlyList<EvaluatorScoreView> Scores);

/// <summary>The ranking, with the spread over which evaluators are said to disagree.</summary>
public sealed record RankingView(IReadOnlyList<RankingRowView> Rows, int DisagreementThreshold);

public sealed record DecisionView(
    Guid CommonsId, string CommonsTitle, SelectionOutcome Outcome, string Reason, int? Rank, int Evaluations, int Mean, int Median, bool GatesMet,
    IReadOnlyList<CriterionAggregate> Criteria);

public sealed record SessionView(Guid Id, string Title, DateOnly HeldOn, DateTimeOffset? PublishedAt, IReadOnlyList<DecisionView> Decisions);

/// <summary>A published decision on one commons, as its applicants read it.</summary>
public sealed record FeedbackView(string SessionTitle, DateOnly HeldOn, DateTimeOffset PublishedAt, DecisionView Decision);

/// <summary>A call this person evaluates, and how many of the commons assigned to them still wait for their score.</summary>
public sealed record MyEvaluationCall(string Slug, string Title, int ToScore);
