using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Infrastructure;
using FluentValidation;

namespace CommonsCall.Web.Features.Budgeting;

public sealed record SetBudgetRules(Guid CallId, BudgetRules Rules);

public sealed class SetBudgetRulesValidator : AbstractValidator<SetBudgetRules>
{
    public SetBudgetRulesValidator()
    {
        RuleFor(x => x.Rules.MaxShareOfBalancePerCommons).InclusiveBetween(1, 100).OverridePropertyName("MaxShareOfBalancePerCommons");
        RuleFor(x => x.Rules.ContributionsVisibility).IsInEnum().OverridePropertyName("ContributionsVisibility");
        RuleFor(x => x.Rules.MatchingMode).IsInEnum().OverridePropertyName("MatchingMode");
        RuleFor(x => x.Rules.MatchRatioPerMille).InclusiveBetween(0, ProportionalMatching.MaximumRatioPerMille).OverridePropertyName("MatchRatioPerMille");
        RuleFor(x => x.Rules.MatchCapPerCommons).InclusiveBetween(0, Amounts.Maximum).OverridePropertyName("MatchCapPerCommons");
        RuleFor(x => x.Rules.FundingClosesAt)
            .GreaterThan(x => x.Rules.FundingOpensAt)
            .When(x => x.Rules.FundingOpensAt is not null && x.Rules.FundingClosesAt is not null)
            .OverridePropertyName("FundingClosesAt")
            .WithMessage("The funding window must close after it opens.");
    }
}

/// <summary>The facilitator sets the budget rules before Budgeting; they lock when it opens (except the closing date).</summary>
public sealed class BudgetRulesService(CallChanges changes, IValidator<SetBudgetRules> validator)
{
    public async Task<Result> SetAsync(Actor actor, SetBudgetRules command, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        return await changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, "Only the call's facilitators set its budget rules.", x =>
        {
            var before = x.Call.BudgetRules;
            return Task.FromResult(x.Audited(x.Call.ChangeBudgetRules(command.Rules), "budget.rules_changed", before, () => command.Rules));
        }, ct);
    }
}
