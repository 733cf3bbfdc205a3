using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Calls;

/// <summary>A commons call: its framing (glossary, scope), its phase and its budget rules.</summary>
public sealed class Call
{
    private readonly List<CallFacilitator> _facilitators = [];
    private readonly List<GlossaryTerm> _glossary = [];
    private readonly List<ScopeStatement> _scope = [];

    private Call()
    {
        Title = Slug = Summary = Ecosystem = Currency = string.Empty;
        BudgetRules = BudgetRules.Default;
        PlannedDates = PhaseSchedule.None;
    }

    public Call(string title, string slug, string summary, string ecosystem, string currency, CallVisibility visibility, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        Title = title;
        Slug = slug;
        Summary = summary;
        Ecosystem = ecosystem;
        Currency = currency;
        Visibility = visibility;
        Phase = CallPhase.Draft;
        BudgetRules = BudgetRules.Default;
        PlannedDates = PhaseSchedule.None;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; }

    public string Slug { get; private set; }

    /// <summary>Markdown, rendered with raw HTML disabled.</summary>
    public string Summary { get; private set; }

    public string Ecosystem { get; private set; }

    /// <summary>ISO 4217 code; amounts are in its minor unit.</summary>
    public string Currency { get; private set; }

    public CallVisibility Visibility { get; private set; }

    public CallPhase Phase { get; private set; }

    public BudgetRules BudgetRules { get; private set; }

    /// <summary>The planned start date of each phase (the timeline shown to participants).</summary>
    public PhaseSchedule PlannedDates { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SettledAt { get; private set; }

    /// <summary>Optimistic concurrency token for facilitator edits (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public IReadOnlyCollection<CallFacilitator> Facilitators => _facilitators;

    public IReadOnlyCollection<GlossaryTerm> Glossary => _glossary;

    public IReadOnlyCollection<ScopeStatement> Scope => _scope;

    public bool IsFacilitator(string userId) => _facilitators.Any(f => f.UserId == userId);

    public void AddFacilitator(string userId)
    {
        if (!IsFacilitator(userId))
        {
            _facilitators.Add(new CallFacilitator(Id, userId));
        }
    }

    /// <summary>Names another person facilitator of the call (a co-facilitator); naming one twice is refused.</summary>
    public Result AppointFacilitator(string userId)
    {
        if (IsFacilitator(userId))
        {
            return Result.Fail(ErrorCodes.AlreadyFacilitator, "This person already facilitates the call.");
        }

        _facilitators.Add(new CallFacilitator(Id, userId));
        return Result.Ok();
    }

    /// <summary>Removes a facilitator; the last one stays, so that someone always runs the call.</summary>
    public Result RemoveFacilitator(string userId)
    {
        if (!IsFacilitator(userId))
        {
            return Result.Fail(ErrorCodes.NotFound, "This person does not facilitate the call.");
        }

        if (_facilitators.Count == 1)
        {
            return Result.Fail(ErrorCodes.LastFacilitator, "A call keeps at least one facilitator: name another one first.");
        }

        _facilitators.RemoveAll(f => f.UserId == userId);
        return Result.Ok();
    }

    /// <summary>
    /// Changes the call's description. The currency is locked once money was recorded in the call: amounts are
    /// stored in its minor unit and would silently change meaning.
    /// </summary>
    public Result Describe(string title, string summary, string ecosystem, string currency, CallVisibility visibility, bool moneyRecorded)
    {
        if (moneyRecorded && !string.Equals(currency, Currency, StringComparison.Ordinal))
        {
            return Result.Fail(ErrorCodes.CurrencyLocked, "Money was already recorded in this call's currency: it can no longer change.");
        }

        Title = title;
        Summary = summary;
        Ecosystem = ecosystem;
        Currency = currency;
        Visibility = visibility;
        return Result.Ok();
    }

    public Result SetPlannedDates(PhaseSchedule dates)
    {
        if (dates.FirstOutOfOrder() is { } phase)
        {
            return Result.Fail(ErrorCodes.PlannedDatesOutOfOrder, $"The {phase} phase is planned to start before an earlier phase.");
        }

        PlannedDates = dates;
        return Result.Ok();
    }

    /// <summary>Adds a term to the glossary; a term is defined once (compared without case).</summary>
    public Result<GlossaryTerm> AddGlossaryTerm(string term, string definition)
    {
        if (FindTerm(term) is not null)
        {
            return DuplicateTerm(term);
        }

        var added = new GlossaryTerm(term.Trim(), definition.Trim());
        _glossary.Add(added);
        return added;
    }

    public Result EditGlossaryTerm(Guid id, string term, string definition)
    {
        var existing = _glossary.FirstOrDefault(t => t.Id == id);
        if (existing is null)
        {
            return Result.Fail(ErrorCodes.NotFound, "Unknown glossary term in this call.");
        }

        if (FindTerm(term) is { } other && other.Id != id)
        {
            return DuplicateTerm(term);
        }

        existing.Change(term.Trim(), definition.Trim());
        return Result.Ok();
    }

    public Result RemoveGlossaryTerm(Guid id) =>
        _glossary.RemoveAll(t => t.Id == id) == 0 ? Result.Fail(ErrorCodes.NotFound, "Unknown glossary term in this call.") : Result.Ok();

    public ScopeStatement AddScopeStatement(string text, bool inScope)
    {
        var added = new ScopeStatement(text.Trim(), inScope);
        _scope.Add(added);
        return added;
    }

    public Result EditScopeStatement(Guid id, string text, bool inScope)
    {
        var existing = _scope.FirstOrDefault(s => s.Id == id);
        if (existing is null)
        {
            return Result.Fail(ErrorCodes.NotFound, "Unknown scope statement in this call.");
        }

        existing.Change(text.Trim(), inScope);
        return Result.Ok();
    }

    public Result RemoveScopeStatement(Guid id) =>
        _scope.RemoveAll(s => s.Id == id) == 0 ? Result.Fail(ErrorCodes.NotFound, "Unknown scope statement in this call.") : Result.Ok();

    /// <summary>The round accepts contributions: phase Budgeting and inside the funding window.</summary>
    public bool IsRoundOpen(DateTimeOffset now) => IsRoundOpenAt(Phase, BudgetRules, now);

    /// <summary>The rule behind <see cref="IsRoundOpen"/>, for a caller that holds only the phase and the rules.</summary>
    public static bool IsRoundOpenAt(CallPhase phase, BudgetRules rules, DateTimeOffset now) => phase == CallPhase.Budgeting && rules.IsInsideWindow(now);

    /// <summary>The round is settled (<see cref="CallPhases.IsSettled"/>).</summary>
    public bool IsSettled => Phase.IsSettled();

    /// <summary>Whether visitors may see who gives what right now (facilitators and a member's own data aside).</summary>
    public bool ShowsContributionsPerOrganisation =>
        IsSettled || BudgetRules.ContributionsVisibility == ContributionsVisibility.Live;

    /// <summary>Whether visitors may see the totals per commons right now.</summary>
    public bool ShowsCommonsTotals =>
        IsSettled || BudgetRules.ContributionsVisibility != ContributionsVisibility.Hidden;

    public Result ChangeBudgetRules(BudgetRules rules)
    {
        if (Phase >= CallPhase.Budgeting && !BudgetRules.DiffersOnlyByClosingDate(rules))
        {
            return Result.Fail(ErrorCodes.RulesLocked, "Budget rules are locked once Budgeting opens; only the closing date may change.");
        }

        if (IsSettled)
        {
            return Result.Fail(ErrorCodes.RulesLocked, "The round is settled.");
        }

        BudgetRules = rules;
        return Result.Ok();
    }

    /// <summary>
    /// Moves the call one phase forward when the target's preconditions hold. Results is reached only by
    /// settling the round (<see cref="MarkSettled"/>).
    /// </summary>
    public Result MoveTo(CallPhase target, PhaseFacts facts)
    {
        if (target != Phase + 1 || target == CallPhase.Results)
        {
            return Result.Fail(ErrorCodes.PhaseTransitionNotAllowed, target == CallPhase.Results
                ? "The call reaches Results when the facilitator closes the budget round."
                : $"A call moves one phase at a time: from {Phase} the next phase is {Phase + 1}.");
        }

        var refusal = target switch
        {
            CallPhase.Challenges when facts.MemberParticipants == 0 =>
                new DomainError(ErrorCodes.PhaseNeedsMembers, "Invite at least one member organisation before opening the challenges."),
            CallPhase.Commons when facts.PublishedChallenges == 0 =>
                new DomainError(ErrorCodes.PhaseNeedsPublishedChallenge, "At least one micro-challenge must be published before the commons phase."),
            CallPhase.Budgeting when facts.ApprovedCommons == 0 =>
                new DomainError(ErrorCodes.PhaseNeedsApprovedCommons, "At least one commons must be approved for funding before the budget round."),
            CallPhase.Budgeting when facts.Pool + facts.OwnFunds <= 0 =>
                new DomainError(ErrorCodes.PhaseNeedsMoney, "The pool and the members' own funds are empty: there is nothing to spend."),
            _ => null,
        };
        if (refusal is not null)
        {
            return refusal;
        }

        Phase = target;
        return Result.Ok();
    }

    public Result MarkSettled(DateTimeOffset at)
    {
        if (SettledAt is not null)
        {
            return Result.Fail(ErrorCodes.AlreadySettled, "The round is already settled.");
        }

        if (Phase != CallPhase.Budgeting)
        {
            return Result.Fail(ErrorCodes.WrongPhase, "Only a call in Budgeting can be closed.");
        }

        Phase = CallPhase.Results;
        SettledAt = at;
        return Result.Ok();
    }

    private static DomainError DuplicateTerm(string term) =>
        new(ErrorCodes.DuplicateTerm, $"The glossary already defines \"{term.Trim()}\".");

    private GlossaryTerm? FindTerm(string term) =>
        _glossary.FirstOrDefault(t => string.Equals(t.Term, term.Trim(), StringComparison.OrdinalIgnoreCase));
}

public sealed class CallFacilitator
{
    public CallFacilitator(Guid callId, string userId)
    {
        CallId = callId;
        UserId = userId;
    }

    public Guid CallId { get; private set; }

    public string UserId { get; private set; }
}

public sealed class GlossaryTerm
{
    public GlossaryTerm(string term, string definition)
    {
        Id = Guid.CreateVersion7();
        Term = term;
        Definition = definition;
    }

    public Guid Id { get; private set; }

    public string Term { get; private set; }

    public string Definition { get; private set; }

    internal void Change(string term, string definition)
    {
        Term = term;
        Definition = definition;
    }
}

public sealed class ScopeStatement
{
    public ScopeStatement(string text, bool inScope)
    {
        Id = Guid.CreateVersion7();
        Text = text;
        InScope = inScope;
    }

    public Guid Id { get; private set; }

    public string Text { get; private set; }

    public bool InScope { get; private set; }

    internal void Change(string text, bool inScope)
    {
        Text = text;
        InScope = inScope;
    }
}
