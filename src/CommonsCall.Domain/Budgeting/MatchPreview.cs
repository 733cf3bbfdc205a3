namespace CommonsCall.Domain.Budgeting;

/// <summary>
/// The match a gift would bring before it is made (the funding page and the dashboard show it): under proportional
/// matching, exactly what the gift would reserve now; under quadratic matching, an estimate, the change in the
/// commons' match if the round closed now with the gift and without it (later gifts change it).
/// </summary>
public static class MatchPreview
{
    /// <summary>What changing the contribution from <paramref name="before"/> to <paramref name="after"/> would reserve (negative: release).</summary>
    public static long Proportional(ProportionalState state, long before, long after) =>
        ProportionalMatching.Reserve(state, before, after).Delta;

    /// <summary>
    /// How the match of <paramref name="commonsId"/> would change, were the round closed now, if
    /// <paramref name="organisationId"/> gave it <paramref name="amount"/> instead of what it gives.
    /// </summary>
    public static long Quadratic(IReadOnlyList<SettlementCommons> commons, long matchingPool, BudgetRules rules, Guid commonsId, Guid organisationId, long amount)
    {
        var now = Settlement.Settle(commons, matchingPool, rules);
        var with = Settlement.Settle(
            commons.Select(c => c.CommonsId != commonsId ? c : c with
            {
                ContributionsByOrganisation = new Dictionary<Guid, long>(c.ContributionsByOrganisation) { [organisationId] = amount },
            }),
            matchingPool,
            rules);
        return MatchOf(with, commonsId) - MatchOf(now, commonsId);
    }

    /// <summary>
    /// For each commons, how its match would change, were the round closed now, if a member that does not give to it yet
    /// gave it <paramref name="gift"/> (the dashboard's reference gift).
    /// </summary>
    public static IReadOnlyDictionary<Guid, long> QuadraticForANewGift(IReadOnlyList<SettlementCommons> commons, long matchingPool, BudgetRules rules, long gift)
    {
        var now = Settlement.Settle(commons, matchingPool, rules);
        var newcomer = Guid.NewGuid();
        return commons.ToDictionary(
            c => c.CommonsId,
            c => MatchOf(Settlement.Settle(commons.Select(x => x.CommonsId != c.CommonsId ? x : x with
            {
                ContributionsByOrganisation = new Dictionary<Guid, long>(x.ContributionsByOrganisation) { [newcomer] = gift },
            }), matchingPool, rules), c.CommonsId) - MatchOf(now, c.CommonsId));
    }

    private static long MatchOf(SettlementResult result, Guid commonsId) =>
        result.Commons.FirstOrDefault(c => c.CommonsId == commonsId)?.Match ?? 0;
}
