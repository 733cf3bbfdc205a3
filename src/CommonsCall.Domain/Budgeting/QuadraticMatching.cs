using System.Numerics;

namespace CommonsCall.Domain.Budgeting;

/// <summary>One funded commons as quadratic matching sees it.</summary>
public sealed record MatchingCandidate(Guid CommonsId, long Total, long MaximumGoal, IReadOnlyList<long> Contributions);

/// <summary>The matches, what they sum to, and how many rounds of sharing it took (one without redistribution).</summary>
public sealed record MatchingResult(IReadOnlyDictionary<Guid, long> Matches, long Pool, long Matched, int Rounds = 1)
{
    public long Unmatched => Pool - Matched;
}

/// <summary>
/// DESIGN.md's quadratic funding of the matching pool among funded commons:
/// <c>S_c = (sum sqrt(contribution))^2 - sum contributions</c>, <c>alpha = min(1, pool / sum S_c)</c>,
/// <c>match_c = alpha * S_c</c> in whole units, capped so that total + match never exceeds the maximum goal.
/// </summary>
/// <remarks>
/// All in integers: square roots are irrational, so <c>S_c</c> is computed in fixed point, in units of 10^-24 of a
/// minor unit (<see cref="SubsidyScale"/>), with <see cref="BigInteger"/> (a pool of 10^14 times such a subsidy
/// overflowed the decimal it was once computed in). The pool is then shared by <see cref="ExactShares"/>: floors,
/// then the units left to the largest remainders, so what is matched is the pool, to the unit, unless caps stop it.
/// What capped commons cannot take stays in the pool, or, when the call's rules say so, is shared again among the
/// others in proportion to their subsidies, round after round. Each round either shares everything that is left or
/// brings at least one more commons to its cap, so there are at most as many rounds as commons, plus one.
/// </remarks>
public static class QuadraticMatching
{
    /// <summary>The fixed point of <see cref="Subsidy"/>: 10^24 units make one minor unit.</summary>
    public static readonly BigInteger SubsidyScale = BigInteger.Pow(10, 24);

    private static readonly BigInteger RootScale = SubsidyScale * SubsidyScale;

    public static MatchingResult Compute(long pool, IEnumerable<MatchingCandidate> funded, bool redistribute = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pool);
        var candidates = funded.ToList();
        var subsidies = candidates.ToDictionary(c => c.CommonsId, c => Subsidy(c.Contributions));
        var matches = candidates.ToDictionary(c => c.CommonsId, _ => 0L);

        // alpha never exceeds 1: a commons receives at most its subsidy, and never beyond its maximum goal.
        var bounds = candidates.ToDictionary(
            c => c.CommonsId,
            c => (long)BigInteger.Min(Math.Max(0, c.MaximumGoal - c.Total), subsidies[c.CommonsId] / SubsidyScale));

        var left = pool;
        var rounds = 0;
        while (left > 0)
        {
            var claims = candidates
                .Where(c => subsidies[c.CommonsId].Sign > 0 && matches[c.CommonsId] < bounds[c.CommonsId])
                .Select(c => new ExactShares.Claim(c.CommonsId, subsidies[c.CommonsId], bounds[c.CommonsId] - matches[c.CommonsId]))
                .ToList();
            if (claims.Count == 0)
            {
                break;
            }

            rounds++;
            var moved = 0L;
            foreach (var (id, share) in ExactShares.Share(left, claims))
            {
                matches[id] += share;
                moved += share;
            }

            left -= moved;
            if (!redistribute || moved == 0)
            {
                break;
            }
        }

        return new MatchingResult(matches, pool, pool - left, Math.Max(rounds, 1));
    }

    /// <summary>
    /// <c>S_c</c> for one commons, in units of 10^-24 (<see cref="SubsidyScale"/>), rounded up; zero for fewer than two
    /// contributors.
    /// </summary>
    /// <remarks>
    /// Each square root is floored at 10^-24, so the square of their sum falls short, by less than
    /// <c>2 n (sum of roots + n)</c> at the roots' scale: that slack is added back, so the result is never below the
    /// true subsidy (an exact 20 stays 20, not 19.99...) and above it by far less than a unit.
    /// </remarks>
    public static BigInteger Subsidy(IEnumerable<long> contributions)
    {
        var sumRoots = BigInteger.Zero;
        var sum = BigInteger.Zero;
        var count = 0;
        foreach (var amount in contributions.Where(a => a > 0))
        {
            sumRoots += IntegerSquareRoot(amount * RootScale);
            sum += amount;
            count++;
        }

        if (count < 2)
        {
            return BigInteger.Zero;
        }

        var slack = 2 * count * (sumRoots + count);
        var scaledTwice = sumRoots * sumRoots - sum * RootScale + slack;
        return scaledTwice.Sign <= 0 ? BigInteger.Zero : (scaledTwice + SubsidyScale - 1) / SubsidyScale;
    }

    /// <summary>The largest integer whose square is at most <paramref name="value"/> (Newton's method, exact).</summary>
    public static BigInteger IntegerSquareRoot(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "No square root of a negative number.");
        }

        if (value < 2)
        {
            return value;
        }

        // A power of two above the root: Newton's method then decreases to it.
        var x = BigInteger.One << (int)((value.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (x + value / x) >> 1;
            if (next >= x)
            {
                return x;
            }

            x = next;
        }
    }
}
