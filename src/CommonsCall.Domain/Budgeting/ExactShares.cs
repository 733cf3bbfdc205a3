using System.Numerics;

namespace CommonsCall.Domain.Budgeting;

/// <summary>
/// Shares an amount of whole minor units in proportion to weights, exactly: each share is the floor of
/// <c>amount * weight / sum of weights</c> computed in <see cref="BigInteger"/> (no overflow at any <see cref="long"/>),
/// then the units the floors left over go one each to the largest remainders, ties broken by the smaller id. A share
/// never exceeds its bound; what bounds refuse is returned undistributed, for the caller to keep or share again.
/// </summary>
public static class ExactShares
{
    /// <summary>One party to a sharing: its weight (zero or more) and the most it may take (zero or more).</summary>
    public readonly record struct Claim(Guid Id, BigInteger Weight, long Bound);

    /// <summary>
    /// The shares of <paramref name="amount"/>; their sum is <paramref name="amount"/> exactly unless a bound stopped a
    /// share (or every weight is zero), in which case it is less.
    /// </summary>
    public static IReadOnlyDictionary<Guid, long> Share(long amount, IReadOnlyList<Claim> claims)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var shares = claims.ToDictionary(c => c.Id, _ => 0L);
        BigInteger total = BigInteger.Zero;
        foreach (var c in claims)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c.Bound);
            if (c.Weight.Sign < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(claims), "A weight is never negative.");
            }

            total += c.Weight;
        }

        if (amount == 0 || total.IsZero)
        {
            return shares;
        }

        var remainders = new List<(Guid Id, BigInteger Remainder)>();
        long floors = 0;
        foreach (var c in claims)
        {
            var quotient = BigInteger.DivRem(amount * c.Weight, total, out var remainder);

            // quotient <= amount, so it fits a long.
            var floor = (long)quotient;
            floors += floor;
            shares[c.Id] = Math.Min(floor, c.Bound);
            if (floor < c.Bound && !remainder.IsZero)
            {
                remainders.Add((c.Id, remainder));
            }
        }

        // The floors lose less than one unit per claim, so fewer units are left than claims with a remainder.
        var left = amount - floors;
        foreach (var (id, _) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Id).Take((int)Math.Min(left, remainders.Count)))
        {
            shares[id]++;
        }

        return shares;
    }
}
