using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using FluentValidation;

namespace CommonsCall.Web.Features.Commons;

/// <summary>The written description of a commons, shared by the proposal and the edit.</summary>
public interface ICommonsText
{
    string Title { get; }

    string Summary { get; }

    CommonsKind Kind { get; }

    /// <summary>SPDX identifier of an open licence (<see cref="OpenLicences"/>).</summary>
    string Licence { get; }

    CommonsMaturity Maturity { get; }

    string? Governance { get; }

    string? CommunityPlan { get; }

    string? CitizenInvolvement { get; }

    string? MissingResources { get; }

    CommonsNeeds LookingFor { get; }

    string? SkillsWanted { get; }
}

/// <summary>A representative of a joined member organisation proposes a commons (call in phase Commons).</summary>
public sealed record ProposeCommons(
    Guid CallId,
    Guid OrganisationId,
    string Title,
    string Summary,
    CommonsKind Kind,
    string Licence,
    CommonsMaturity Maturity,
    string? Governance,
    string? CommunityPlan,
    string? CitizenInvolvement,
    string? MissingResources,
    CommonsNeeds LookingFor,
    string? SkillsWanted,
    IReadOnlyList<BudgetLine> BudgetLines,
    IReadOnlyList<Guid>? ChallengeIds = null,
    IReadOnlyList<Guid>? CoCreatorIds = null) : ICommonsText;

public sealed record EditCommons(
    Guid CallId,
    Guid CommonsId,
    string Title,
    string Summary,
    CommonsKind Kind,
    string Licence,
    CommonsMaturity Maturity,
    string? Governance,
    string? CommunityPlan,
    string? CitizenInvolvement,
    string? MissingResources,
    CommonsNeeds LookingFor,
    string? SkillsWanted) : ICommonsText;

public sealed record SetCommonsBudget(Guid CallId, Guid CommonsId, IReadOnlyList<BudgetLine> BudgetLines);

public sealed record LinkCommonsChallenges(Guid CallId, Guid CommonsId, IReadOnlyList<Guid> ChallengeIds);

public sealed record AddCoCreator(Guid CallId, Guid CommonsId, Guid OrganisationId);

public static class CommonsTextExtensions
{
    public static CommonsDescription ToDescription(this ICommonsText text) =>
        new(text.Title, text.Summary, text.Kind, text.Licence, text.Maturity, text.Governance, text.CommunityPlan,
            text.CitizenInvolvement, text.MissingResources, text.LookingFor, text.SkillsWanted);
}

/// <summary>The rules of a commons' description, included by the proposal's and the edit's validators.</summary>
public sealed class CommonsTextValidator : AbstractValidator<ICommonsText>
{
    public const int MaxLinks = 50;

    public CommonsTextValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(SchemaConstants.TitleLength);
        RuleFor(x => x.Summary).NotEmpty().MaximumLength(SchemaConstants.LongTextLength);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Maturity).IsInEnum();
        RuleFor(x => x.Licence)
            .NotEmpty()
            .Must(OpenLicences.IsOpen).When(x => !string.IsNullOrWhiteSpace(x.Licence), ApplyConditionTo.CurrentValidator)
            .WithMessage("The licence must be an open licence, given by its SPDX identifier (e.g. MIT, Apache-2.0, ODbL-1.0).");
        RuleFor(x => x.Governance).MaximumLength(SchemaConstants.LongTextLength);
        RuleFor(x => x.CommunityPlan).MaximumLength(SchemaConstants.LongTextLength);
        RuleFor(x => x.CitizenInvolvement).MaximumLength(SchemaConstants.LongTextLength);
        RuleFor(x => x.MissingResources).MaximumLength(SchemaConstants.LongTextLength);
        RuleFor(x => x.LookingFor).IsInEnum();
        RuleFor(x => x.SkillsWanted).MaximumLength(SchemaConstants.SkillsLength);
    }
}

internal static class BudgetLineRules
{
    /// <summary>The domain's <see cref="BudgetPlan"/> rules, each failure on its own field, plus the column length.</summary>
    public static void AddBudgetLineRules<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IReadOnlyList<BudgetLine>>> lines)
    {
        validator.RuleFor(lines).Custom((value, context) =>
        {
            foreach (var problem in BudgetPlan.Check(value))
            {
                context.AddFailure(problem.Field(context.PropertyPath), problem.Message);
            }

            for (var i = 0; i < (value?.Count ?? 0); i++)
            {
                if (value![i]?.Description is { Length: > SchemaConstants.ShortTextLength })
                {
                    context.AddFailure($"{context.PropertyPath}[{i}].{nameof(BudgetLine.Description)}",
                        $"A budget line's description has at most {SchemaConstants.ShortTextLength} characters.");
                }
            }
        });
    }
}

public sealed class ProposeCommonsValidator : AbstractValidator<ProposeCommons>
{
    public ProposeCommonsValidator()
    {
        Include(new CommonsTextValidator());
        RuleFor(x => x.OrganisationId).NotEmpty();
        this.AddBudgetLineRules(x => x.BudgetLines);
        RuleFor(x => x.ChallengeIds).Must(ids => ids is null || ids.Count <= CommonsTextValidator.MaxLinks)
            .WithMessage($"A commons answers at most {CommonsTextValidator.MaxLinks} challenges.");
        RuleFor(x => x.CoCreatorIds).Must(ids => ids is null || ids.Count <= CommonsTextValidator.MaxLinks)
            .WithMessage($"A commons has at most {CommonsTextValidator.MaxLinks} co-creators.");
    }
}

public sealed class EditCommonsValidator : AbstractValidator<EditCommons>
{
    public EditCommonsValidator() => Include(new CommonsTextValidator());
}

public sealed class SetCommonsBudgetValidator : AbstractValidator<SetCommonsBudget>
{
    public SetCommonsBudgetValidator() => this.AddBudgetLineRules(x => x.BudgetLines);
}

public sealed class LinkCommonsChallengesValidator : AbstractValidator<LinkCommonsChallenges>
{
    public LinkCommonsChallengesValidator() =>
        RuleFor(x => x.ChallengeIds).NotNull().Must(ids => ids is null || ids.Count <= CommonsTextValidator.MaxLinks)
            .WithMessage($"A commons answers at most {CommonsTextValidator.MaxLinks} challenges.");
}

public sealed class AddCoCreatorValidator : AbstractValidator<AddCoCreator>
{
    public AddCoCreatorValidator() => RuleFor(x => x.OrganisationId).NotEmpty();
}
