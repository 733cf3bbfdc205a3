using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Budgeting;

/// <summary>
/// A member organisation's money in one call: what it was granted from the pool, what it added itself and
/// what it currently gives to commons. The row is locked for every change to it, which serialises one
/// member's concurrent requests; its figures always equal what the ledger sums to.
/// </summary>
public sealed class MemberBudget
{
    private MemberBudget()
    {
    }

    public MemberBudget(Guid callId, Guid organisationId)
    {
        CallId = callId;
        OrganisationId = organisationId;
    }

    public Guid CallId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public long Granted { get; private set; }

    public long OwnFunds { get; private set; }

    public long Contributed { get; private set; }

    /// <summary>Its figures, where <see cref="BudgetFigures.Balance"/> and <see cref="BudgetFigures.Available"/> are defined.</summary>
    public BudgetFigures Figures => new(Granted, OwnFunds, Contributed);

    public long Balance => Figures.Balance;

    public long Available => Figures.Available;

    /// <summary>Why the member's grant cannot be set to <paramref name="amount"/>, or null when it can.</summary>
    public DomainError? CheckGrant(long amount) =>
        !Amounts.IsValid(amount) ? new DomainError(ErrorCodes.InvalidAmount, "A grant must be between zero and the maximum amount.")
        : amount + OwnFunds < Contributed ? new DomainError(ErrorCodes.GrantBelowContributed, "The grant cannot be lowered below what the member has already contributed.")
        : null;

    public Result<ContributionChange> SetGrant(long amount)
    {
        if (CheckGrant(amount) is { } refusal)
        {
            return refusal;
        }

        var change = new ContributionChange(Granted, amount);
        Granted = amount;
        return change;
    }

    public Result<ContributionChange> SetOwnFunds(long amount)
    {
        if (!Amounts.IsValid(amount))
        {
            return new DomainError(ErrorCodes.InvalidAmount, "Own funds must be between zero and the maximum amount.");
        }

        if (Granted + amount < Contributed)
        {
            return new DomainError(ErrorCodes.OwnFundsBelowContributed, "Own funds cannot be lowered below what the member has already contributed.");
        }

        var change = new ContributionChange(OwnFunds, amount);
        OwnFunds = amount;
        return change;
    }

    public void ApplyContributionDelta(long delta) => Contributed = checked(Contributed + delta);
}

/// <summary>
/// A member budget's three figures and what follows from them: the one definition of a member's balance and of what
/// it still has to give, used by <see cref="MemberBudget"/> and by the contribution path that reads the figures raw.
/// </summary>
public readonly record struct BudgetFigures(long Granted, long OwnFunds, long Contributed)
{
    /// <summary>What the member may give in all: its grant from the pool and its own funds.</summary>
    public long Balance => Granted + OwnFunds;

    /// <summary>What it has not given yet.</summary>
    public long Available => Balance - Contributed;
}

/// <summary>One member's current contribution to one commons (0 once withdrawn or released).</summary>
public sealed class Contribution
{
    private Contribution()
    {
    }

    public Contribution(Guid callId, Guid commonsId, Guid organisationId)
    {
        CallId = callId;
        CommonsId = commonsId;
        OrganisationId = organisationId;
    }

    public Guid CallId { get; private set; }

    public Guid CommonsId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public long Amount { get; private set; }

    /// <summary>Under proportional matching, the match this contribution reserved (<see cref="ProportionalMatching"/>); zero otherwise.</summary>
    public long Match { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Set(long amount, DateTimeOffset at)
    {
        Amount = amount;
        UpdatedAt = at;
    }

    /// <summary>Its commons was not funded: the reservation goes back to the matching pool.</summary>
    public void ReleaseMatch() => Match = 0;
}

/// <summary>A funder's commitment to the call's pool, or to its matching pool.</summary>
public sealed class Pledge
{
    /// <summary>A funder pledges a positive amount, at most <see cref="Amounts.Maximum"/>, until the round is settled.</summary>
    public static Result<Pledge> Make(Call call, Guid funderOrganisationId, long amount, bool isMatching, string createdByUserId, DateTimeOffset at) =>
        amount <= 0 || amount > Amounts.Maximum ? new DomainError(ErrorCodes.InvalidAmount, "A pledge must be a positive amount, at most the maximum amount.")
        : call.IsSettled ? new DomainError(ErrorCodes.RoundClosed, "The round is settled: the pool no longer changes.")
        : new Pledge(call.Id, funderOrganisationId, amount, isMatching, createdByUserId, at);

    private Pledge()
    {
        CreatedByUserId = string.Empty;
    }

    public Pledge(Guid callId, Guid funderOrganisationId, long amount, bool isMatching, string createdByUserId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        CallId = callId;
        FunderOrganisationId = funderOrganisationId;
        Amount = amount;
        IsMatching = isMatching;
        CreatedByUserId = createdByUserId;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid FunderOrganisationId { get; private set; }

    public long Amount { get; private set; }

    public bool IsMatching { get; private set; }

    public string CreatedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
