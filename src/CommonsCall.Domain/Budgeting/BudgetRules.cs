namespace CommonsCall.Domain.Budgeting;

/// <summary>Who sees which contributions while the round is open (DESIGN.md, budget rules).</summary>
public enum ContributionsVisibility
{
    /// <summary>Everyone sees who gives what.</summary>
    Live = 0,

    /// <summary>Totals per commons only, not per organisation, until the round closes.</summary>
    TotalsOnly = 1,

    /// <summary>Nothing until the round closes.</summary>
    Hidden = 2,
}

/// <summary>How the matching pool is shared among commons (DESIGN.md, matching modes).</summary>
public enum MatchingMode
{
    /// <summary>Quadratic funding at settlement (<see cref="QuadraticMatching"/>).</summary>
    Quadratic = 0,

    /// <summary>Each unit given is matched by k units, reserved at the time of the gift (<see cref="ProportionalMatching"/>).</summary>
    Proportional = 1,
}

/// <summary>
/// The budget rules of one call, set by the facilitator before Budgeting opens and locked afterwards
/// (except the closing date).
/// </summary>
public sealed record BudgetRules
{
    public const int DefaultMaxSharePercent = 100;

    public DateTimeOffset? FundingOpensAt { get; init; }

    public DateTimeOffset? FundingClosesAt { get; init; }

    /// <summary>Cap, in percent of a member's balance, on what it may give to one commons (1 to 100).</summary>
    public int MaxShareOfBalancePerCommons { get; init; } = DefaultMaxSharePercent;

    public bool CoCreatorsMayFundOwnCommons { get; init; }

    public ContributionsVisibility ContributionsVisibility { get; init; } = ContributionsVisibility.Live;

    public bool AllowWithdrawal { get; init; } = true;

    public MatchingMode MatchingMode { get; init; } = MatchingMode.Quadratic;

    /// <summary>Proportional matching's k in thousandths: 1000 matches each unit given by one more (1 € given, 2 € to the commons).</summary>
    public int MatchRatioPerMille { get; init; } = ProportionalMatching.PerMille;

    /// <summary>Proportional matching: the most of the matching pool one commons may receive.</summary>
    public long MatchCapPerCommons { get; init; } = Amounts.Maximum;

    /// <summary>
    /// Quadratic matching: what capped commons cannot take is shared again among the others until nothing moves. Off by
    /// default: a call's rules said the surplus stays in the pool, and a settled call must read the same afterwards.
    /// </summary>
    public bool RedistributeQuadraticSurplus { get; init; }

    public static BudgetRules Default { get; } = new();

    /// <summary>Whether <paramref name="now"/> is inside the funding window (an unset bound is open).</summary>
    public bool IsInsideWindow(DateTimeOffset now) =>
        (FundingOpensAt is null || now >= FundingOpensAt) && (FundingClosesAt is null || now < FundingClosesAt);

    /// <summary>The most one member may give one commons: the share cap applied to its balance, rounded down.</summary>
    public long ShareCap(long balance) => checked(balance * MaxShareOfBalancePerCommons) / 100;

    /// <summary>Whether <paramref name="other"/> only differs from these rules by its closing date.</summary>
    public bool DiffersOnlyByClosingDate(BudgetRules other) => this with { FundingClosesAt = other.FundingClosesAt } == other;
}
