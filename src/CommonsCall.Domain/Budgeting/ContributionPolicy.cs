using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Budgeting;

/// <summary>
/// Everything the contribution rules need to know, read inside the transaction that holds the locks on
/// the member's budget and the commons.
/// </summary>
public sealed record ContributionContext
{
    public required bool UserRepresentsMember { get; init; }

    public required bool MemberHasJoined { get; init; }

    public required bool RoundIsOpen { get; init; }

    public required bool CommonsIsApproved { get; init; }

    public required bool MemberIsCoCreator { get; init; }

    public required BudgetRules Rules { get; init; }

    /// <summary>Grants plus own funds.</summary>
    public required long MemberBalance { get; init; }

    /// <summary>What the member currently gives to all commons, including this one.</summary>
    public required long MemberContributed { get; init; }

    /// <summary>What the member currently gives to this commons.</summary>
    public required long CurrentAmount { get; init; }

    public required long CommonsTotal { get; init; }

    public required long CommonsMaximumGoal { get; init; }
}

/// <summary>An accepted contribution change; <see cref="IsNoOp"/> when the amount was already the current one.</summary>
public readonly record struct ContributionChange(long Before, long After)
{
    public long Delta => After - Before;

    public bool IsNoOp => Before == After;
}

/// <summary>
/// DESIGN.md's contribution rules, in their numbered order: member M sets its contribution to commons C
/// to amount A. The first rule that fails names the refusal.
/// </summary>
public static class ContributionPolicy
{
    public static Result<ContributionChange> Decide(ContributionContext ctx, long amount)
    {
        // 1. who and when
        if (!ctx.UserRepresentsMember || !ctx.MemberHasJoined)
        {
            return new DomainError(ErrorCodes.Forbidden, "Only a joined member organisation's representatives may contribute.");
        }

        if (!ctx.RoundIsOpen)
        {
            return new DomainError(ErrorCodes.RoundClosed, "The budget round is not open.");
        }

        // 2. what
        if (!ctx.CommonsIsApproved)
        {
            return new DomainError(ErrorCodes.NotApproved, "This commons is not approved for funding.");
        }

        // 3. how much, and whether lowering is allowed
        if (!Amounts.IsValid(amount))
        {
            return new DomainError(ErrorCodes.InvalidAmount, "A contribution must be between zero and the maximum amount.");
        }

        if (amount == ctx.CurrentAmount)
        {
            return new ContributionChange(ctx.CurrentAmount, amount);
        }

        if (amount < ctx.CurrentAmount && !ctx.Rules.AllowWithdrawal)
        {
            return new DomainError(ErrorCodes.WithdrawalNotAllowed, "Contributions cannot be lowered or withdrawn in this call.");
        }

        // 4. the member's balance
        var memberTotal = ctx.MemberContributed - ctx.CurrentAmount + amount;
        if (amount > ctx.CurrentAmount && memberTotal > ctx.MemberBalance)
        {
            return new DomainError(ErrorCodes.InsufficientBalance, "The member's balance is not enough for this contribution.");
        }

        // 5. the share cap
        if (amount > ctx.CurrentAmount && amount > ctx.Rules.ShareCap(ctx.MemberBalance))
        {
            return new DomainError(ErrorCodes.ExceedsShareCap, "This contribution is above the share of its balance a member may give one commons.");
        }

        // 6. the commons' maximum goal
        var commonsTotal = ctx.CommonsTotal - ctx.CurrentAmount + amount;
        if (amount > ctx.CurrentAmount && commonsTotal > ctx.CommonsMaximumGoal)
        {
            return new DomainError(ErrorCodes.ExceedsCommonsMaximum, "This contribution would take the commons above its maximum goal.");
        }

        // 7. conflict of interest
        if (amount > ctx.CurrentAmount && ctx.MemberIsCoCreator && !ctx.Rules.CoCreatorsMayFundOwnCommons)
        {
            return new DomainError(ErrorCodes.OwnCommons, "A co-creator may not fund its own commons in this call.");
        }

        return new ContributionChange(ctx.CurrentAmount, amount);
    }
}
