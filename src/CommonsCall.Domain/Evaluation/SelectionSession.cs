using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Evaluation;

/// <summary>What a session decides for a commons.</summary>
public enum SelectionOutcome
{
    Selected,
    NotSelected,

    /// <summary>Looked at again in a later session.</summary>
    Deferred,
}

/// <summary>A facilitator's decision for one commons, with the reason written to its applicants.</summary>
public sealed record DecisionTerms(Guid CommonsId, SelectionOutcome Outcome, string Reason);

/// <summary>
/// A dated evaluation session of a call (ADEME holds three a year). It closes once, by publishing its ranking: a
/// decision per commons, each with its reason and the commons' aggregated scores as they were then.
/// </summary>
public sealed class SelectionSession
{
    private readonly List<SelectionDecision> _decisions = [];

    private SelectionSession()
    {
        Title = string.Empty;
    }

    public SelectionSession(Guid callId, string title, DateOnly heldOn, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        CallId = callId;
        Title = title.Trim();
        HeldOn = heldOn;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public string Title { get; private set; }

    public DateOnly HeldOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public bool IsPublished => PublishedAt is not null;

    public IReadOnlyList<SelectionDecision> Decisions => _decisions;

    /// <summary>
    /// Publishes the session's decisions, checked in order: the session is not published yet; at least one decision,
    /// each with a reason of at most <see cref="FieldLimits.NoteLength"/> characters; a commons once; no commons already
    /// selected or not selected by an earlier session (<paramref name="decided"/>; a deferred one comes back).
    /// <paramref name="ranking"/> gives each decided commons its rank and scores, kept as they are now.
    /// </summary>
    public Result Publish(IReadOnlyList<DecisionTerms> decisions, IReadOnlyDictionary<Guid, RankedCommons> ranking, IReadOnlySet<Guid> decided, DateTimeOffset now)
    {
        if (IsPublished)
        {
            return Result.Fail(EvaluationCodes.SessionPublished, "This session is already published.");
        }

        if (decisions.Count == 0 || decisions.Any(d => string.IsNullOrWhiteSpace(d.Reason) || d.Reason.Trim().Length > FieldLimits.NoteLength)
            || decisions.Any(d => !ranking.ContainsKey(d.CommonsId)))
        {
            return Result.Fail(EvaluationCodes.DecisionsRequired, "Decide at least one commons of the call, each with a reason.");
        }

        if (decisions.Select(d => d.CommonsId).Distinct().Count() != decisions.Count)
        {
            return Result.Fail(EvaluationCodes.DuplicateDecision, "A commons is decided once per session.");
        }

        if (decisions.Any(d => decided.Contains(d.CommonsId)))
        {
            return Result.Fail(EvaluationCodes.CommonsAlreadyDecided, "A commons was already selected or turned down by an earlier session.");
        }

        _decisions.AddRange(decisions.Select(d => new SelectionDecision(Id, CallId, d, ranking[d.CommonsId])));
        PublishedAt = now;
        return Result.Ok();
    }
}

/// <summary>A published decision: the feedback every applicant of the commons reads.</summary>
public sealed class SelectionDecision
{
    private SelectionDecision()
    {
        Reason = string.Empty;
        Criteria = [];
    }

    public SelectionDecision(Guid sessionId, Guid callId, DecisionTerms terms, RankedCommons ranked)
    {
        Id = Guid.NewGuid();
        SessionId = sessionId;
        CallId = callId;
        CommonsId = terms.CommonsId;
        Outcome = terms.Outcome;
        Reason = terms.Reason.Trim();
        Rank = ranked.Rank;
        Evaluations = ranked.Evaluations;
        Mean = ranked.Mean;
        Median = ranked.Median;
        GatesMet = ranked.GatesMet;
        Criteria = ranked.Criteria.ToList();
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public Guid CallId { get; private set; }

    public Guid CommonsId { get; private set; }

    public SelectionOutcome Outcome { get; private set; }

    public string Reason { get; private set; }

    public int? Rank { get; private set; }

    public int Evaluations { get; private set; }

    public int Mean { get; private set; }

    public int Median { get; private set; }

    public bool GatesMet { get; private set; }

    /// <summary>The aggregated value of each criterion when the session was published (kept: later scores do not change it).</summary>
    public List<CriterionAggregate> Criteria { get; private set; }
}
