namespace CommonsCall.Domain.Budgeting;

public sealed record MemberMoney(Guid OrganisationId, long Granted, long OwnFunds, long Contributed)
{
    public long Unspent => Granted + OwnFunds - Contributed;

    /// <summary>The unspent part that came from the pool: a member's money is spent in proportion to where it came from.</summary>
    public long UnspentFromPool => Granted + OwnFunds == 0 ? 0 : (long)((Int128)Unspent * Granted / (Granted + OwnFunds));
}

public sealed record FunderMoney(Guid FunderOrganisationId, long Pledged, long MatchingPledged);

public sealed record FunderUnspent(Guid FunderOrganisationId, long Pledged, long MatchingPledged, long UnspentPool, long UnmatchedPool)
{
    public long Unspent => UnspentPool + UnmatchedPool;
}

/// <summary>
/// What is left of each funder's money after settlement: the pool that was never granted plus the granted money
/// members did not spend, and the matching pool that was not matched, each shared among funders in proportion
/// to what they pledged (largest remainders, so the parts add up exactly).
/// </summary>
public static class FunderReport
{
    public static IReadOnlyList<FunderUnspent> Compute(IReadOnlyList<FunderMoney> funders, IReadOnlyList<MemberMoney> members, long unmatchedPool)
    {
        var pool = funders.Sum(f => f.Pledged);
        var unspentPool = pool - members.Sum(m => m.Granted) + members.Sum(m => m.UnspentFromPool);
        var poolShares = Split(unspentPool, funders.Select(f => f.Pledged).ToList());
        var matchShares = Split(unmatchedPool, funders.Select(f => f.MatchingPledged).ToList());
        return funders.Select((f, i) => new FunderUnspent(f.FunderOrganisationId, f.Pledged, f.MatchingPledged, poolShares[i], matchShares[i])).ToList();
    }

    /// <summary>Splits <paramref name="amount"/> in proportion to <paramref name="weights"/>, exactly (largest remainder method).</summary>
    public static long[] Split(long amount, IReadOnlyList<long> weights)
    {
        var total = weights.Sum();
        var parts = new long[weights.Count];
        if (total == 0 || amount == 0)
        {
            return parts;
        }

        var remainders = new (Int128 Remainder, int Index)[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)amount * weights[i];
            parts[i] = (long)(exact / total);
            remainders[i] = (exact % total, i);
        }

        var left = amount - parts.Sum();
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)left))
        {
            parts[index]++;
        }

        return parts;
    }
}
