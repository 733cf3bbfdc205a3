namespace CommonsCall.Domain.Budgeting;

/// <summary>
/// What a proportional match is decided on, read under the locks of the gift: the call's ratio and cap, the matching
/// pool and what gifts have already reserved of it, what the commons has reserved, and what this contribution has.
/// </summary>
public readonly record struct ProportionalState(int RatioPerMille, long CapPerCommons, long Pool, long PoolReserved, long CommonsReserved, long ContributionReserved)
{
    /// <summary>The state of <paramref name="rules"/>' call with the given figures.</summary>
    public static ProportionalState Of(BudgetRules rules, long pool, long poolReserved, long commonsReserved, long contributionReserved) =>
        new(rules.MatchRatioPerMille, rules.MatchCapPerCommons, pool, poolReserved, commonsReserved, contributionReserved);
}

/// <summary>A contribution's reserved match before and after a change.</summary>
public readonly record struct MatchChange(long Before, long After)
{
    public long Delta => After - Before;
}

/// <summary>
/// Proportional matching (DESIGN.md, "1 € donné, 2 € pour le commun"): each unit a member gives is matched by k units
/// (k in thousandths, <see cref="BudgetRules.MatchRatioPerMille"/>), first come first served, within the call's cap
/// per commons and the matching pool. The match is reserved when the gift is made, for that contribution.
/// </summary>
/// <remarks>
/// Release order: lowering a contribution releases only what its lower amount no longer earns; the contribution keeps
/// the rest of its reservation, and its place. What is released goes back to the pool for the next gift; gifts
/// already made are never topped up afterwards (a later raise is matched on what it adds, like any new gift).
/// All in 128-bit integers and floored: k times the largest amount does not fit a <see cref="long"/>.
/// </remarks>
public static class ProportionalMatching
{
    /// <summary>k = 1 in thousandths.</summary>
    public const int PerMille = 1000;

    /// <summary>The largest k the rules accept: 100 units matched per unit given.</summary>
    public const int MaximumRatioPerMille = 100 * PerMille;

    /// <summary>What <paramref name="amount"/> earns at k: <c>floor(amount * k / 1000)</c>, at most <see cref="long.MaxValue"/>.</summary>
    public static long Earned(long amount, int ratioPerMille) =>
        (long)Int128.Min((Int128)amount * ratioPerMille / PerMille, long.MaxValue);

    /// <summary>The contribution's reservation after it goes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static MatchChange Reserve(ProportionalState state, long before, long after)
    {
        var reserved = state.ContributionReserved;
        if (after < before)
        {
            return new MatchChange(reserved, Math.Min(reserved, Earned(after, state.RatioPerMille)));
        }

        // What the raise earns: the difference of what each amount earns, so that steps floor like one gift would.
        var earned = (Int128)Earned(after, state.RatioPerMille) - Earned(before, state.RatioPerMille);
        var capRoom = Math.Max(0, state.CapPerCommons - state.CommonsReserved);
        var poolRoom = Math.Max(0, state.Pool - state.PoolReserved);
        var added = (long)Int128.Min(earned, Math.Min(capRoom, poolRoom));
        return new MatchChange(reserved, checked(reserved + added));
    }
}
