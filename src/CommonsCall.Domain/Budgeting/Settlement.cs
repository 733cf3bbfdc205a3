namespace CommonsCall.Domain.Budgeting;

/// <summary>
/// One approved commons at closing time, with every member's current contribution to it and, under proportional
/// matching, the match its gifts reserved.
/// </summary>
public sealed record SettlementCommons(Guid CommonsId, long MinimumGoal, long MaximumGoal, IReadOnlyDictionary<Guid, long> ContributionsByOrganisation, long ReservedMatch = 0)
{
    public long Total => ContributionsByOrganisation.Values.Sum();
}

/// <summary>
/// One commons after settlement, in the vocabulary every answer uses (API close answer, <c>/results</c>, <c>/funding</c>,
/// exports): <see cref="Total"/> is what the commons keeps of its contributions (all of them when funded, none when not),
/// <see cref="Released"/> what went back to the members' balances, <see cref="Match"/> its share of the matching pool.
/// </summary>
public sealed record CommonsOutcome(Guid CommonsId, bool Funded, long Total, long Released, long Match)
{
    /// <summary>What the commons receives (<see cref="AwardedOf"/>).</summary>
    public long Awarded => AwardedOf(Funded, Total, Match);

    /// <summary>What a commons receives: its contributions and its match when funded, nothing otherwise.</summary>
    public static long AwardedOf(bool funded, long total, long match) => funded ? total + match : 0;
}

public sealed record SettlementResult(IReadOnlyList<CommonsOutcome> Commons, long MatchingPool, long Matched, MatchingMode Mode = MatchingMode.Quadratic)
{
    public long UnmatchedPool => MatchingPool - Matched;

    public IEnumerable<CommonsOutcome> Funded => Commons.Where(c => c.Funded);

    public IEnumerable<CommonsOutcome> NotFunded => Commons.Where(c => !c.Funded);
}

/// <summary>
/// Closing the round (DESIGN.md): a commons whose total reaches its minimum goal is funded for its total;
/// the others release their contributions; the matching pool is then shared among the funded commons by the call's
/// matching mode: quadratic at closing (the surplus of capped commons shared again when the rules say so), or
/// proportional, where funded commons keep the match their gifts reserved and the others release it to the pool.
/// </summary>
public static class Settlement
{
    public static SettlementResult Settle(IEnumerable<SettlementCommons> commons, long matchingPool, BudgetRules? rules = null)
    {
        rules ??= BudgetRules.Default;
        var all = commons.ToList();
        var funded = all.Where(c => c.Total >= c.MinimumGoal).ToList();
        var matches = rules.MatchingMode == MatchingMode.Proportional
            ? funded.ToDictionary(c => c.CommonsId, c => c.ReservedMatch)
            : QuadraticMatching.Compute(
                matchingPool,
                funded.Select(c => new MatchingCandidate(c.CommonsId, c.Total, c.MaximumGoal, c.ContributionsByOrganisation.Values.ToList())),
                rules.RedistributeQuadraticSurplus).Matches;

        var outcomes = all
            .Select(c => funded.Contains(c)
                ? new CommonsOutcome(c.CommonsId, true, c.Total, 0, matches[c.CommonsId])
                : new CommonsOutcome(c.CommonsId, false, 0, c.Total, 0))
            .ToList();
        return new SettlementResult(outcomes, matchingPool, outcomes.Sum(o => o.Match), rules.MatchingMode);
    }
}
