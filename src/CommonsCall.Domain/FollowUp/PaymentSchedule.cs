using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.FollowUp;

/// <summary>One tranche as the facilitator proposes it: a share of the award, paid at the start (no milestone) or when a milestone is accepted.</summary>
public sealed record TrancheTerms(Guid? MilestoneId, int Percent);

/// <summary>A tranche in minor units, in the order of the schedule.</summary>
public sealed record TrancheAmount(Guid? MilestoneId, int Percent, long Amount);

/// <summary>
/// The rules of a payment schedule, in their numbered order; the first that fails names the refusal. Percentages
/// become exact minor units: each tranche is rounded down and the last takes the remainder, so the tranches always
/// sum to the award.
/// </summary>
public static class PaymentSchedule
{
    public const int MaxTranches = 12;

    public static Result<IReadOnlyList<TrancheAmount>> Split(long award, IReadOnlyList<TrancheTerms> terms, IReadOnlySet<Guid> milestonesOfCommons)
    {
        // 1. between one and MaxTranches tranches
        if (terms.Count is 0 or > MaxTranches)
        {
            return new DomainError(ErrorCodes.InvalidSchedule, $"A schedule has between 1 and {MaxTranches} tranches.");
        }

        // 2. each share is a whole percentage from 1 to 100
        if (terms.Any(t => t.Percent is < 1 or > 100))
        {
            return new DomainError(ErrorCodes.InvalidSchedule, "Each tranche is a whole percentage from 1 to 100.");
        }

        // 3. the shares sum to 100 %
        if (terms.Sum(t => t.Percent) != 100)
        {
            return new DomainError(ErrorCodes.TranchesNot100, "The tranches' percentages must sum to 100.");
        }

        // 4. every milestone is one of this commons', tied to one tranche at most; one tranche at most is paid at the start
        if (terms.Any(t => t.MilestoneId is { } id && !milestonesOfCommons.Contains(id)))
        {
            return new DomainError(ErrorCodes.UnknownMilestone, "A tranche is tied to a milestone that is not one of this commons'.");
        }

        if (terms.GroupBy(t => t.MilestoneId).Any(g => g.Count() > 1))
        {
            return new DomainError(ErrorCodes.InvalidSchedule, "Each milestone, and the start, pays one tranche at most.");
        }

        // 5. the last tranche is paid on delivery: it is tied to a milestone
        if (terms[^1].MilestoneId is null)
        {
            return new DomainError(ErrorCodes.InvalidSchedule, "The last tranche is paid on delivery: tie it to a milestone.");
        }

        var amounts = terms.Select(t => new TrancheAmount(t.MilestoneId, t.Percent, (long)((Int128)award * t.Percent / 100))).ToList();
        amounts[^1] = amounts[^1] with { Amount = award - amounts.Take(amounts.Count - 1).Sum(a => a.Amount) };
        return amounts;
    }
}
