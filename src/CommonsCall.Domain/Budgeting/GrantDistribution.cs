using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Budgeting;

/// <summary>One line of a facilitator's grant distribution, and whether it passed its own checks.</summary>
public sealed record ProposedGrant(Guid OrganisationId, long Amount, bool IsValid);

/// <summary>
/// A facilitator's distribution of the pool, checked as a whole: each organisation appears once, and the grants
/// after it (the new amount of each valid line, every other member's current grant) never exceed the pool. Each
/// line is checked on its own by <see cref="MemberBudget.CheckGrant"/>.
/// </summary>
public static class GrantDistribution
{
    public static (long TotalAfter, string? ErrorCode) Check(IReadOnlyDictionary<Guid, long> currentGrants, IReadOnlyList<ProposedGrant> lines, long pool)
    {
        var after = new Dictionary<Guid, long>(currentGrants);
        foreach (var line in lines.Where(l => l.IsValid))
        {
            after[line.OrganisationId] = line.Amount;
        }

        var total = after.Values.Sum();
        var duplicate = lines.GroupBy(l => l.OrganisationId).Any(g => g.Count() > 1);
        return (total, duplicate ? ErrorCodes.Validation : total > pool ? ErrorCodes.ExceedsPool : null);
    }
}
