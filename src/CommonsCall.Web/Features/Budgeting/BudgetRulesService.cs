using System.Data;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Access;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Budgeting;

public sealed record SetBudgetRules(Guid CallId, BudgetRules Rules);

public sealed class SetBudgetRulesValidator : AbstractValidator<SetBudgetRules>
{
    public SetBudgetRulesValidator()
    {
        RuleFor(x => x.Rules.MaxShareOfBalancePerCommons).InclusiveBetween(1, 100).OverridePropertyName("MaxShareOfBalancePerCommons");
        RuleFor(x => x.Rules.ContributionsVisibility).IsInEnum().OverridePropertyName("ContributionsVisibility");
        RuleFor(x => x.Rules.FundingClosesAt)
            .GreaterThan(x => x.Rules.FundingOpensAt)
            .When(x => x.Rules.FundingOpensAt is not null && x.Rules.FundingClosesAt is not null)
            .OverridePropertyName("FundingClosesAt")
            .WithMessage("The funding window must close after it opens.");
    }
}

/// <summary>The facilitator sets the budget rules before Budgeting; they lock when it opens (except the closing date).</summary>
public sealed class BudgetRulesService(IDbContextFactory<AppDbContext> factory, CallLocks locks, IValidator<SetBudgetRules> validator, TimeProvider clock)
{
    public async Task<Result> SetAsync(Actor actor, SetBudgetRules command, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var managed = await locks.ToManageAsync(db, actor, command.CallId, CallLock.Exclusive, "Only the call's facilitators set its budget rules.", ct);
        if (!managed.IsSuccess)
        {
            return managed.Error!;
        }

        var call = managed.Value!;
        var before = call.BudgetRules;
        var changed = call.ChangeBudgetRules(command.Rules);
        if (!changed.IsSuccess)
        {
            return changed;
        }

        AuditLog.Record(db, call.Id, actor, "budget.rules_changed", before, command.Rules, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }
}
