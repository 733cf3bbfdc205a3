using CommonsCall.Domain.Budgeting;

namespace CommonsCall.Domain.FollowUp;

/// <summary>What a member gave a commons when the round was settled.</summary>
public sealed record SettledGift(Guid OrganisationId, Guid CommonsId, long Amount);

/// <summary>
/// The part of a funded commons' settled award that came from one source: a funder (its pool pledges through the
/// members' grants, and its matching pledges through the match), or, with no funder, the members' own funds.
/// </summary>
public sealed record SourcePart(Guid? FunderOrganisationId, long Amount);

/// <summary>
/// Where the money of each funded commons came from, for the funders' follow-up. Pool money is not earmarked, so it is
/// traced in proportion, as <see cref="FunderReport"/> does: a member's gift is drawn from its grant and its own funds
/// in proportion to them; the pool part of a commons is shared among funders in proportion to their pool pledges, its
/// match in proportion to their matching pledges. Every split is exact (largest remainders): a commons' parts add up
/// to its settled award, and the same parts share out what was paid and returned since (<see cref="Share"/>).
/// </summary>
public static class FundingSources
{
    /// <summary>The parts of each commons in <paramref name="matchByCommons"/> (the funded commons, with their match), funders first in <paramref name="funders"/>' order, own funds last.</summary>
    public static IReadOnlyDictionary<Guid, IReadOnlyList<SourcePart>> Of(
        IReadOnlyList<FunderMoney> funders, IReadOnlyList<MemberMoney> members, IReadOnlyList<SettledGift> gifts, IReadOnlyDictionary<Guid, long> matchByCommons)
    {
        var fromPool = matchByCommons.Keys.ToDictionary(c => c, _ => 0L);
        var fromOwn = matchByCommons.Keys.ToDictionary(c => c, _ => 0L);
        var budgets = members.ToDictionary(m => m.OrganisationId);
        foreach (var gift in gifts.Where(g => matchByCommons.ContainsKey(g.CommonsId)))
        {
            var member = budgets.GetValueOrDefault(gift.OrganisationId);
            var (granted, own) = member is null || member.Granted + member.OwnFunds == 0 ? (0L, 1L) : (member.Granted, member.OwnFunds);
            var parts = FunderReport.Split(gift.Amount, [granted, own]);
            fromPool[gift.CommonsId] += parts[0];
            fromOwn[gift.CommonsId] += parts[1];
        }

        var poolWeights = funders.Select(f => f.Pledged).ToList();
        var matchWeights = funders.Select(f => f.MatchingPledged).ToList();
        return matchByCommons.ToDictionary(c => c.Key, c =>
        {
            var pool = Untraced(fromPool[c.Key], poolWeights, out var poolParts);
            var match = Untraced(c.Value, matchWeights, out var matchParts);
            IReadOnlyList<SourcePart> parts =
            [
                .. funders.Select((f, i) => new SourcePart(f.FunderOrganisationId, poolParts[i] + matchParts[i])),
                new SourcePart(null, fromOwn[c.Key] + pool + match),
            ];
            return parts;
        });
    }

    /// <summary><paramref name="amount"/> (paid, returned, the corrected award) shared like <paramref name="parts"/>, exactly.</summary>
    public static long[] Share(long amount, IReadOnlyList<SourcePart> parts) => FunderReport.Split(amount, [.. parts.Select(p => p.Amount)]);

    /// <summary>Splits <paramref name="amount"/> by <paramref name="weights"/>; returns what no weight could take (all of it when they are all zero).</summary>
    private static long Untraced(long amount, IReadOnlyList<long> weights, out long[] parts)
    {
        parts = FunderReport.Split(amount, weights);
        return amount - parts.Sum();
    }
}
