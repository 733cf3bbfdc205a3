using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.FollowUp;

/// <summary>What the expense rules need to know about the commons, the actor and the day, read under the call's lock.</summary>
public sealed record ExpenseContext
{
    /// <summary>The actor represents the organisation that records (or recorded) the expense, and it holds the commons.</summary>
    public required bool ActorRepresentsHolder { get; init; }

    /// <summary>The commons' agreement, or null when the commons was not funded.</summary>
    public required FundingAgreement? Agreement { get; init; }

    public required int BudgetLineCount { get; init; }

    /// <summary>What the commons' other expenses (not removed) add up to.</summary>
    public required long OtherExpenses { get; init; }

    public required DateOnly Today { get; init; }
}

/// <summary>
/// The rules of expenses against budget lines, in their numbered order; the first that fails names the refusal:
/// 1. the actor represents a holder of the commons (and, to change one, the organisation that recorded it);
/// 2. the commons has a funding agreement, and a new expense needs one that is not cancelled;
/// 3. a changed expense is not removed;
/// 4. a label; 5. a budget line of the commons' plan; 6. an amount above zero that keeps the commons' spending
/// within <see cref="Amounts.Maximum"/>; 7. a day that is not after today.
/// </summary>
public static class ExpensePolicy
{
    public static Result<Expense> Record(ExpenseContext ctx, Guid organisationId, string userId, ExpenseTerms terms, DateTimeOffset at)
    {
        if (CheckWho(ctx) is { Error: { } refused })
        {
            return refused;
        }

        if (ctx.Agreement!.Status == AgreementStatus.Cancelled)
        {
            return new DomainError(ErrorCodes.AgreementClosed, "This commons is cancelled: no new expense is recorded against it.");
        }

        if (CheckTerms(ctx, terms) is { Error: { } invalid })
        {
            return invalid;
        }

        return new Expense(ctx.Agreement.CallId, ctx.Agreement.CommonsId, ctx.Agreement.Id, organisationId, userId, terms, at);
    }

    public static Result Correct(ExpenseContext ctx, Expense expense, ExpenseTerms terms, DateTimeOffset at)
    {
        if (CheckChange(ctx, expense) is { Error: { } refused })
        {
            return refused;
        }

        if (CheckTerms(ctx, terms) is { Error: { } invalid })
        {
            return invalid;
        }

        expense.Correct(terms, at);
        return Result.Ok();
    }

    public static Result Remove(ExpenseContext ctx, Expense expense, string reason, DateTimeOffset at)
    {
        if (CheckChange(ctx, expense) is { Error: { } refused })
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Fail(ErrorCodes.ReasonRequired, "Say why the expense is removed.");
        }

        expense.Remove(reason, at);
        return Result.Ok();
    }

    /// <summary>Receipts are added to an expense its organisation may still change (rules 1 to 3).</summary>
    public static Result CheckChange(ExpenseContext ctx, Expense expense)
    {
        if (CheckWho(ctx) is { Error: { } refused })
        {
            return refused;
        }

        return expense.IsRemoved ? Result.Fail(ErrorCodes.ExpenseRemoved, "This expense was removed: it no longer changes.") : Result.Ok();
    }

    private static Result CheckWho(ExpenseContext ctx)
    {
        // 1. a holder's representative
        if (!ctx.ActorRepresentsHolder)
        {
            return Result.Fail(ErrorCodes.Forbidden, "Only the commons' holders record and change its expenses.");
        }

        // 2. a funded commons
        return ctx.Agreement is null
            ? Result.Fail(ErrorCodes.NoAgreement, "Expenses are recorded against a funded commons, which has a funding agreement.")
            : Result.Ok();
    }

    private static Result CheckTerms(ExpenseContext ctx, ExpenseTerms terms)
    {
        // 4. a label
        if (string.IsNullOrWhiteSpace(terms.Label))
        {
            return Result.Fail(ErrorCodes.LabelRequired, "Say what was bought.");
        }

        // 5. a line of the plan
        if (terms.BudgetLine < 0 || terms.BudgetLine >= ctx.BudgetLineCount)
        {
            return Result.Fail(ErrorCodes.UnknownBudgetLine, "The expense names no budget line of this commons.");
        }

        // 6. an amount above zero, the commons' spending within bounds
        if (terms.Amount <= 0 || terms.Amount > Amounts.Maximum - ctx.OtherExpenses)
        {
            return Result.Fail(ErrorCodes.InvalidAmount, "An expense is an amount above zero.");
        }

        // 7. spent already
        return terms.SpentOn > ctx.Today
            ? Result.Fail(ErrorCodes.ExpenseInFuture, "An expense is recorded once it is spent: its date is not after today.")
            : Result.Ok();
    }
}
