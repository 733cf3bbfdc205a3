namespace CommonsCall.Domain.Budgeting;

/// <summary>One approved commons at closing time, with every member's current contribution to it.</summary>
public sealed record SettlementCommons(Guid CommonsId, long MinimumGoal, long MaximumGoal, IReadOnlyDictionary<Guid, long> ContributionsByOrganisation)
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

public sealed record SettlementResult(IReadOnlyList<CommonsOutcome> Commons, long MatchingPool, long Matched)
{
    public long UnmatchedPool => MatchingPool - Matched;

    public IEnumerable<CommonsOutcome> Funded => Commons.Where(c => c.Funded);

    public IEnumerable<CommonsOutcome> NotFunded => Commons.Where(c => !c.Funded);
}

/// <summary>
/// Closing the round (DESIGN.md): a commons whose total reaches its minimum goal is funded for its total;
/// the others release their contributions; the matching pool is then shared among the funded commons.
/// </summary>
public static class Settlement
{
    public static SettlementResult Settle(IEnumerable<SettlementCommons> commons, long matchingPool)
    {
        var all = commons.ToList();
        var funded = all.Where(c => c.Total >= c.MinimumGoal).ToList();
        var matching = QuadraticMatching.Compute(
            matchingPool,
            funded.Select(c => new MatchingCandidate(c.CommonsId, c.Total, c.MaximumGoal, c.ContributionsByOrganisation.Values.ToList())));

        var outcomes = all
            .Select(c => funded.Contains(c)
                ? new CommonsOutcome(c.CommonsId, true, c.Total, 0, matching.Matches[c.CommonsId])
                : new CommonsOutcome(c.CommonsId, false, 0, c.Total, 0))
            .ToList();
        return new SettlementResult(outcomes, matchingPool, matching.Matched);
    }
}
