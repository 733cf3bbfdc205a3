using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Commons;

public enum CommonsKind
{
    Software = 0,
    Data = 1,
    ProtocolOrStandard = 2,
    Knowledge = 3,
    Hardware = 4,
    Method = 5,
    Service = 6,
}

public enum CommonsStatus
{
    Proposed = 0,
    ApprovedForFunding = 1,
    Funded = 2,
    NotFunded = 3,
    Cancelled = 4,
    Delivered = 5,
}

/// <summary>Préfiguration, émergence, maturité.</summary>
public enum CommonsMaturity
{
    Prefiguration = 0,
    Emergence = 1,
    Maturity = 2,
}

/// <summary>What a commons is looking for (richesse recherchée): one or more of these.</summary>
[Flags]
public enum CommonsNeeds
{
    None = 0,
    Funding = 1,
    UseCases = 2,
    Expertise = 4,
    Experimentation = 8,
    Contributors = 16,
}

public static class CommonsNeedsExtensions
{
    /// <summary>The single needs in a combination, in declaration order (None gives an empty list).</summary>
    public static IReadOnlyList<CommonsNeeds> Split(this CommonsNeeds needs) =>
        [.. Enum.GetValues<CommonsNeeds>().Where(n => n != CommonsNeeds.None && (needs & n) == n)];

    public static CommonsNeeds Combine(this IEnumerable<CommonsNeeds> needs) =>
        needs.Aggregate(CommonsNeeds.None, (all, need) => all | need);
}

/// <summary>Who changes a commons' proposal: <see cref="Commons.CheckEditable"/> says when each may.</summary>
public enum CommonsEditor
{
    CoCreator = 0,
    Facilitator = 1,
}

/// <summary>
/// The description of a commons as its proposers write it (everything but budget, challenge links and co-creators),
/// with the addresses of its source repository and its documentation (absolute http or https).
/// </summary>
public sealed record CommonsDescription(
    string Title,
    string Summary,
    CommonsKind Kind,
    string Licence,
    CommonsMaturity Maturity,
    string? Governance,
    string? CommunityPlan,
    string? CitizenInvolvement,
    string? MissingResources,
    CommonsNeeds LookingFor,
    string? SkillsWanted,
    string? RepositoryUrl = null,
    string? DocumentationUrl = null)
{
    /// <summary>Whether an address may be shown as a link: absolute, http or https (never javascript: or data:).</summary>
    public static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>
/// An open resource proposed in a call. Its budget lines give its minimum and maximum goals; its running
/// total is kept up to date by each contribution change (and always equals what the ledger sums to).
/// </summary>
public sealed class Commons
{
    private readonly List<BudgetLine> _budgetLines = [];
    private readonly List<CommonsCoCreator> _coCreators = [];
    private readonly List<CommonsChallenge> _challenges = [];

    private Commons()
    {
        Title = Summary = Licence = string.Empty;
    }

    public Commons(Guid callId, Guid proposedBy, string title, string summary, CommonsKind kind, string licence, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        CallId = callId;
        ProposedByOrganisationId = proposedBy;
        Title = title;
        Summary = summary;
        Kind = kind;
        Licence = licence;
        Status = CommonsStatus.Proposed;
        CreatedAt = createdAt;
        _coCreators.Add(new CommonsCoCreator(Id, proposedBy));
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid ProposedByOrganisationId { get; private set; }

    public string Title { get; private set; }

    public string Summary { get; private set; }

    public CommonsKind Kind { get; private set; }

    /// <summary>SPDX identifier of an open licence.</summary>
    public string Licence { get; private set; }

    public string? Governance { get; private set; }

    public string? CommunityPlan { get; private set; }

    public string? CitizenInvolvement { get; private set; }

    public string? MissingResources { get; private set; }

    public CommonsMaturity Maturity { get; private set; }

    public CommonsNeeds LookingFor { get; private set; }

    public string? SkillsWanted { get; private set; }

    /// <summary>Where its source lives (a forge), if anywhere.</summary>
    public string? RepositoryUrl { get; private set; }

    /// <summary>Where its documentation is read.</summary>
    public string? DocumentationUrl { get; private set; }

    public CommonsStatus Status { get; private set; }

    public string? ReviewComment { get; private set; }

    public long MinimumGoal { get; private set; }

    public long MaximumGoal { get; private set; }

    /// <summary>The sum of the current contributions.</summary>
    public long Total { get; private set; }

    /// <summary>Contributions released to the members when the commons was not funded.</summary>
    public long Released { get; private set; }

    /// <summary>The share of the matching pool awarded at settlement.</summary>
    public long Match { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<BudgetLine> BudgetLines => _budgetLines;

    public IReadOnlyCollection<CommonsCoCreator> CoCreators => _coCreators;

    /// <summary>The micro-challenges this commons answers (published challenges of the same call).</summary>
    public IReadOnlyCollection<CommonsChallenge> Challenges => _challenges;

    public bool IsApprovedForFunding => IsApprovedStatus(Status);

    /// <summary>The status of a commons open to contributions.</summary>
    public static bool IsApprovedStatus(CommonsStatus status) => status == CommonsStatus.ApprovedForFunding;

    /// <summary>Funded when the round was settled (and perhaps delivered since).</summary>
    public bool IsFunded => IsFundedStatus(Status);

    /// <summary>What the commons received when the round was settled (<see cref="Budgeting.CommonsOutcome.AwardedOf"/>).</summary>
    public long Awarded => Budgeting.CommonsOutcome.AwardedOf(IsFunded, Total, Match);

    /// <summary>The statuses of a commons funded at settlement.</summary>
    public static bool IsFundedStatus(CommonsStatus status) => status is CommonsStatus.Funded or CommonsStatus.Delivered;

    public bool IsCoCreator(Guid organisationId) => _coCreators.Any(c => c.OrganisationId == organisationId);

    public void Describe(string? governance, string? communityPlan, string? citizenInvolvement, string? missingResources, CommonsMaturity maturity)
    {
        Governance = governance;
        CommunityPlan = communityPlan;
        CitizenInvolvement = citizenInvolvement;
        MissingResources = missingResources;
        Maturity = maturity;
    }

    /// <summary>Members propose commons only while the call is in phase Commons.</summary>
    public static Result CheckCanPropose(CallPhase phase) =>
        phase == CallPhase.Commons
            ? Result.Ok()
            : Result.Fail(ErrorCodes.CommonsPhaseClosed, "Commons are proposed while the call is in phase Commons.");

    /// <summary>
    /// Whether this editor may change the commons now, by these numbered rules (the first that fails names the refusal):
    /// 1. nobody changes the budget lines once the budget round has opened: contributions are checked against the
    ///    goals they give (<c>budget_lines_locked</c>);
    /// 2. nobody changes the co-creators once the budget round has opened, like the budget rules: otherwise a
    ///    facilitator could lift contribution rule 7 (conflict of interest) for one member and put it back
    ///    (<c>co_creators_locked</c>);
    /// 3. facilitators may always correct the rest;
    /// 4. co-creators edit while the call is in phase Commons (<c>commons_phase_closed</c>)
    /// 5. and until the commons is approved (<c>commons_locked</c>).
    /// </summary>
    public Result CheckEditable(CommonsEditor editor, CallPhase phase, bool budgetLines = false, bool coCreators = false)
    {
        if (budgetLines && phase >= CallPhase.Budgeting)
        {
            return Result.Fail(ErrorCodes.BudgetLinesLocked, "Budget lines cannot change once the budget round has opened.");
        }

        if (coCreators && phase >= CallPhase.Budgeting)
        {
            return Result.Fail(ErrorCodes.CoCreatorsLocked, "Co-creators cannot change once the budget round has opened.");
        }

        if (editor == CommonsEditor.Facilitator)
        {
            return Result.Ok();
        }

        if (phase != CallPhase.Commons)
        {
            return Result.Fail(ErrorCodes.CommonsPhaseClosed, "Co-creators edit their commons while the call is in phase Commons.");
        }

        return Status == CommonsStatus.Proposed
            ? Result.Ok()
            : Result.Fail(ErrorCodes.CommonsLocked, "This commons is approved: only the facilitators may change it now.");
    }

    /// <summary>The description as it stands (what <see cref="Revise"/> last set).</summary>
    public CommonsDescription Description =>
        new(Title, Summary, Kind, Licence, Maturity, Governance, CommunityPlan, CitizenInvolvement, MissingResources, LookingFor, SkillsWanted,
            RepositoryUrl, DocumentationUrl);

    /// <summary>Replaces the description; the licence must be an open licence (<see cref="OpenLicences"/>) and is stored in its canonical spelling.</summary>
    public Result Revise(CommonsDescription description)
    {
        if (OpenLicences.Canonical(description.Licence) is not { } licence)
        {
            return new DomainError(ErrorCodes.Validation, "The licence must be an open licence (SPDX identifier).",
                new Dictionary<string, string[]> { [nameof(Licence)] = ["The licence must be an open licence (SPDX identifier)."] });
        }

        Title = description.Title.Trim();
        Summary = description.Summary.Trim();
        Kind = description.Kind;
        Licence = licence;
        Describe(Blank(description.Governance), Blank(description.CommunityPlan), Blank(description.CitizenInvolvement), Blank(description.MissingResources), description.Maturity);
        LookingFor = description.LookingFor;
        SkillsWanted = Blank(description.SkillsWanted);
        RepositoryUrl = Blank(description.RepositoryUrl);
        DocumentationUrl = Blank(description.DocumentationUrl);
        return Result.Ok();
    }

    public void AddCoCreator(Guid organisationId)
    {
        if (!IsCoCreator(organisationId))
        {
            _coCreators.Add(new CommonsCoCreator(Id, organisationId));
        }
    }

    /// <summary>Removes a co-creator; the proposing organisation always stays one.</summary>
    public Result RemoveCoCreator(Guid organisationId)
    {
        if (organisationId == ProposedByOrganisationId)
        {
            return Result.Fail(ErrorCodes.CannotRemoveProposer, "The proposing organisation stays a co-creator of its commons.");
        }

        _coCreators.RemoveAll(c => c.OrganisationId == organisationId);
        return Result.Ok();
    }

    /// <summary>Sets the challenges this commons answers (the caller checks they are published challenges of the same call).</summary>
    public void LinkChallenges(IEnumerable<Guid> challengeIds)
    {
        var wanted = challengeIds.ToHashSet();
        _challenges.RemoveAll(c => !wanted.Contains(c.ChallengeId));
        foreach (var id in wanted.Where(id => _challenges.All(c => c.ChallengeId != id)))
        {
            _challenges.Add(new CommonsChallenge(Id, id));
        }
    }

    /// <summary>Replaces the budget lines when they follow <see cref="BudgetPlan"/>; their sums become the minimum and maximum goals.</summary>
    public Result SetBudgetLines(IEnumerable<BudgetLine> lines)
    {
        var list = lines.ToList();
        var problems = BudgetPlan.Check(list);
        if (problems.Count > 0)
        {
            return new DomainError(ErrorCodes.Validation, string.Join(" ", problems.Select(p => p.Message)),
                problems.GroupBy(p => p.Field(nameof(BudgetLines))).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }

        _budgetLines.Clear();
        _budgetLines.AddRange(list.Select(l => l with { Description = l.Description.Trim() }));
        MinimumGoal = _budgetLines.Sum(l => l.Minimum);
        MaximumGoal = _budgetLines.Sum(l => l.Maximum);
        return Result.Ok();
    }

    public Result Approve()
    {
        if (Status is not (CommonsStatus.Proposed or CommonsStatus.ApprovedForFunding))
        {
            return Result.Fail(ErrorCodes.WrongPhase, "Only a proposed commons can be approved.");
        }

        if (_budgetLines.Count == 0)
        {
            return Result.Fail(ErrorCodes.Validation, "A commons needs at least one budget line to be funded.");
        }

        Status = CommonsStatus.ApprovedForFunding;
        ReviewComment = null;
        return Result.Ok();
    }

    public void SendBack(string comment)
    {
        Status = CommonsStatus.Proposed;
        ReviewComment = comment;
    }

    /// <summary>Applies an accepted contribution change to the running total.</summary>
    public void ApplyContributionDelta(long delta) => Total = checked(Total + delta);

    public void MarkFunded(long match)
    {
        Status = CommonsStatus.Funded;
        Match = match;
    }

    /// <summary>The funding agreement's last tranche was paid: the commons is delivered (still counted as funded).</summary>
    public void MarkDelivered() => Status = CommonsStatus.Delivered;

    /// <summary>Not funded: its contributions go back to the members, and a proportional match its gifts reserved to the pool.</summary>
    public void MarkNotFundedAndRelease()
    {
        Status = CommonsStatus.NotFunded;
        Released = Total;
        Total = 0;
        Match = 0;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A costed line of a commons' budget in minor units; <see cref="BudgetPlan"/> holds its rules.</summary>
public sealed record BudgetLine(string Description, long Minimum, long Maximum);

/// <summary>A micro-challenge that a commons answers.</summary>
public sealed class CommonsChallenge
{
    public CommonsChallenge(Guid commonsId, Guid challengeId)
    {
        CommonsId = commonsId;
        ChallengeId = challengeId;
    }

    public Guid CommonsId { get; private set; }

    public Guid ChallengeId { get; private set; }
}

public sealed class CommonsCoCreator
{
    public CommonsCoCreator(Guid commonsId, Guid organisationId)
    {
        CommonsId = commonsId;
        OrganisationId = organisationId;
    }

    public Guid CommonsId { get; private set; }

    public Guid OrganisationId { get; private set; }
}
