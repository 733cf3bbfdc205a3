namespace CommonsCall.Domain.Budgeting;

/// <summary>One funded commons as quadratic matching sees it.</summary>
public sealed record MatchingCandidate(Guid CommonsId, long Total, long MaximumGoal, IReadOnlyList<long> Contributions);

public sealed record MatchingResult(IReadOnlyDictionary<Guid, long> Matches, long Pool, long Matched)
{
    public long Unmatched => Pool - Matched;
}

/// <summary>
/// DESIGN.md's quadratic funding of the matching pool among funded commons:
/// <c>S_c = (sum sqrt(contribution))^2 - sum contributions</c>, <c>alpha = min(1, pool / sum S_c)</c>,
/// <c>match_c = floor(alpha * S_c)</c>, capped so that total + match never exceeds the maximum goal.
/// </summary>
/// <remarks>
/// Square roots are irrational, so they are computed in <see cref="decimal"/> (28 significant digits)
/// rather than <see cref="double"/>: the result is floored to whole minor units only at the end, and
/// hand-computed exact cases come out exact.
/// </remarks>
public static class QuadraticMatching
{
    /// <summary>
    /// Far below a cent, far above decimal's rounding error: a share that is a whole number of cents may be
    /// computed a hair below it ({10, 10}: S = 19.999...9 for 20), and flooring that would lose a cent.
    /// </summary>
    private const decimal FloorTolerance = 0.000000001m;

    public static MatchingResult Compute(long pool, IEnumerable<MatchingCandidate> funded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pool);
        var candidates = funded.ToList();
        var subsidies = candidates.ToDictionary(c => c.CommonsId, c => Subsidy(c.Contributions));
        var sumS = subsidies.Values.Sum();
        var matches = new Dictionary<Guid, long>();
        if (pool == 0 || sumS <= 0m)
        {
            foreach (var c in candidates)
            {
                matches[c.CommonsId] = 0;
            }

            return new MatchingResult(matches, pool, 0);
        }

        long matched = 0;
        foreach (var c in candidates)
        {
            // alpha * S as pool * S / sum S: rounding alpha first would floor 5/6 * 6 to 4.
            var s = subsidies[c.CommonsId];
            var share = pool >= sumS ? s : pool * s / sumS;
            var raw = (long)decimal.Floor(share + FloorTolerance);
            var room = Math.Max(0, c.MaximumGoal - c.Total);
            var match = Math.Min(raw, room);
            matches[c.CommonsId] = match;
            matched += match;
        }

        return new MatchingResult(matches, pool, matched);
    }

    /// <summary><c>S_c</c> for one commons: (sum of square roots)^2 minus the sum.</summary>
    public static decimal Subsidy(IEnumerable<long> contributions)
    {
        decimal sumSqrt = 0m;
        decimal sum = 0m;
        foreach (var amount in contributions.Where(a => a > 0))
        {
            sumSqrt += Sqrt(amount);
            sum += amount;
        }

        var s = sumSqrt * sumSqrt - sum;

        // Rounding in the last digits may leave a tiny negative residue for a single contributor.
        return s < 0.000001m ? 0m : s;
    }

    /// <summary>Square root in decimal precision (Newton's method from the double estimate).</summary>
    public static decimal Sqrt(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value == 0)
        {
            return 0m;
        }

        var root = (long)Math.Sqrt(value);
        while (root * root > value)
        {
            root--;
        }

        while ((root + 1) * (root + 1) <= value)
        {
            root++;
        }

        if (root * root == value)
        {
            return root;
        }

        decimal x = (decimal)Math.Sqrt(value);
        decimal v = value;
        for (var i = 0; i < 6; i++)
        {
            x = (x + v / x) / 2m;
        }

        return x;
    }
}
