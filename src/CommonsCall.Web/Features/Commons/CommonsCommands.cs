using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Features.Commons;

/// <summary>A representative of a joined member organisation proposes a commons (call in phase Commons).</summary>
public sealed record ProposeCommons(
    Guid CallId,
    Guid OrganisationId,
    CommonsDescription Description,
    IReadOnlyList<BudgetLine> BudgetLines,
    IReadOnlyList<Guid>? ChallengeIds = null,
    IReadOnlyList<Guid>? CoCreatorIds = null);

public sealed record EditCommons(Guid CallId, Guid CommonsId, CommonsDescription Description);

public sealed record SetCommonsBudget(Guid CallId, Guid CommonsId, IReadOnlyList<BudgetLine> BudgetLines);

public sealed record LinkCommonsChallenges(Guid CallId, Guid CommonsId, IReadOnlyList<Guid> ChallengeIds);

public sealed record AddCoCreator(Guid CallId, Guid CommonsId, Guid OrganisationId);

public sealed record RemoveCoCreator(Guid CallId, Guid CommonsId, Guid OrganisationId);

/// <summary>Sets the commons' cover from uploaded bytes (any of JPEG, PNG, WebP; re-encoded), with its text alternative (required).</summary>
public sealed record SetCommonsCover(Guid CallId, Guid CommonsId, byte[] Image, string AltText);

public sealed record RemoveCommonsCover(Guid CallId, Guid CommonsId);

/// <summary>A facilitator approves a proposed commons for the budget round.</summary>
public sealed record ApproveCommons(Guid CallId, Guid CommonsId);

/// <summary>A facilitator sends a proposed commons back to its proposers with <see cref="Comment"/> (required).</summary>
public sealed record SendBackCommons(Guid CallId, Guid CommonsId, string Comment);

/// <summary>The rules of a commons' description, checked for the proposal and the edit (<see cref="CommonsDescriptionRules"/>).</summary>
public sealed class CommonsDescriptionValidator : AbstractValidator<CommonsDescription>
{
    public const int MaxLinks = 50;

    public CommonsDescriptionValidator()
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
        RuleFor(x => x.RepositoryUrl).MaximumLength(SchemaConstants.UrlLength)
            .Must(CommonsDescription.IsWebAddress).When(x => !string.IsNullOrWhiteSpace(x.RepositoryUrl), ApplyConditionTo.CurrentValidator)
            .WithMessage("The repository's address must start with https:// or http://.");
        RuleFor(x => x.DocumentationUrl).MaximumLength(SchemaConstants.UrlLength)
            .Must(CommonsDescription.IsWebAddress).When(x => !string.IsNullOrWhiteSpace(x.DocumentationUrl), ApplyConditionTo.CurrentValidator)
            .WithMessage("The documentation's address must start with https:// or http://.");
    }
}

internal static class CommonsDescriptionRules
{
    private static readonly CommonsDescriptionValidator Description = new();

    /// <summary>
    /// The description's rules on a command that carries it; each failure is named by the description's own field
    /// (<c>Title</c>, not <c>Description.Title</c>), as the forms and the API's flat request bodies name them.
    /// </summary>
    public static void AddDescriptionRules<T>(this AbstractValidator<T> validator, Func<T, CommonsDescription> description) =>
        validator.RuleFor(x => description(x)).Cascade(CascadeMode.Stop).NotNull().OverridePropertyName(nameof(ProposeCommons.Description)).Custom((value, context) =>
        {
            foreach (var failure in Description.Validate(value).Errors)
            {
                context.AddFailure(failure.PropertyName, failure.ErrorMessage);
            }
        });
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
        this.AddDescriptionRules(x => x.Description);
        RuleFor(x => x.OrganisationId).NotEmpty();
        this.AddBudgetLineRules(x => x.BudgetLines);
        RuleFor(x => x.ChallengeIds).Must(ids => ids is null || ids.Count <= CommonsDescriptionValidator.MaxLinks)
            .WithMessage($"A commons answers at most {CommonsDescriptionValidator.MaxLinks} challenges.");
        RuleFor(x => x.CoCreatorIds).Must(ids => ids is null || ids.Count <= CommonsDescriptionValidator.MaxLinks)
            .WithMessage($"A commons has at most {CommonsDescriptionValidator.MaxLinks} co-creators.");
    }
}

public sealed class EditCommonsValidator : AbstractValidator<EditCommons>
{
    public EditCommonsValidator() => this.AddDescriptionRules(x => x.Description);
}

public sealed class SetCommonsBudgetValidator : AbstractValidator<SetCommonsBudget>
{
    public SetCommonsBudgetValidator() => this.AddBudgetLineRules(x => x.BudgetLines);
}

public sealed class LinkCommonsChallengesValidator : AbstractValidator<LinkCommonsChallenges>
{
    public LinkCommonsChallengesValidator() =>
        RuleFor(x => x.ChallengeIds).NotNull().Must(ids => ids is null || ids.Count <= CommonsDescriptionValidator.MaxLinks)
            .WithMessage($"A commons answers at most {CommonsDescriptionValidator.MaxLinks} challenges.");
}

public sealed class SetCommonsCoverValidator : AbstractValidator<SetCommonsCover>
{
    public SetCommonsCoverValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Image).NotEmpty().WithMessage(_ => l["cover.file.missing"]);
        RuleFor(x => x.AltText).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => l["cover.alt.required"])
            .MaximumLength(SchemaConstants.AltTextLength).WithMessage(_ => l["cover.alt.length", SchemaConstants.AltTextLength]);
    }
}

public sealed class AddCoCreatorValidator : AbstractValidator<AddCoCreator>
{
    public AddCoCreatorValidator() => RuleFor(x => x.OrganisationId).NotEmpty();
}
