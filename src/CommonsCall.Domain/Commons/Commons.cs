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

/// <summary>
/// An open resource proposed in a call. Its budget lines give its minimum and maximum goals; its running
/// total is kept up to date by each contribution change (and always equals what the ledger sums to).
/// </summary>
public sealed class Commons
{
    private readonly List<BudgetLine> _budgetLines = [];
    private readonly List<CommonsCoCreator> _coCreators = [];

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

    public bool IsApprovedForFunding => Status == CommonsStatus.ApprovedForFunding;

    public bool IsCoCreator(Guid organisationId) => _coCreators.Any(c => c.OrganisationId == organisationId);

    public void Describe(string? governance, string? communityPlan, string? citizenInvolvement, string? missingResources, CommonsMaturity maturity)
    {
        Governance = governance;
        CommunityPlan = communityPlan;
        CitizenInvolvement = citizenInvolvement;
        MissingResources = missingResources;
        Maturity = maturity;
    }

    public void AddCoCreator(Guid organisationId)
    {
        if (!IsCoCreator(organisationId))
        {
            _coCreators.Add(new CommonsCoCreator(Id, organisationId));
        }
    }

    public void SetBudgetLines(IEnumerable<BudgetLine> lines)
    {
        _budgetLines.Clear();
        _budgetLines.AddRange(lines);
        MinimumGoal = _budgetLines.Sum(l => l.Minimum);
        MaximumGoal = _budgetLines.Sum(l => l.Maximum);
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

    public void MarkNotFundedAndRelease()
    {
        Status = CommonsStatus.NotFunded;
        Released = Total;
        Total = 0;
    }
}

/// <summary>A costed line of a commons' budget; minimum &lt;= maximum, both positive.</summary>
public sealed record BudgetLine(string Description, long Minimum, long Maximum);

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
