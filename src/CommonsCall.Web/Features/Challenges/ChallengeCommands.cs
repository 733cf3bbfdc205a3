using System.Text.Json.Serialization;
using CommonsCall.Domain.Challenges;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Features.Challenges;

/// <summary>One indicator of the before/after scenario as typed: values stay null until the author gives them.</summary>
public sealed record IndicatorInput(string? Name, decimal? Before, decimal? Target, string? Unit);

/// <summary>What the author organisation writes about a micro-challenge; optional lists and sizes may be left out.</summary>
public abstract record ChallengeInput
{
    public string Question { get; init; } = string.Empty;

    /// <summary>Markdown, rendered with raw HTML disabled.</summary>
    public string? Context { get; init; }

    /// <summary>The pains the challenge removes, one short text each.</summary>
    public IReadOnlyList<string>? Pains { get; init; }

    public string? ScenarioBefore { get; init; }

    public string? ScenarioAfter { get; init; }

    /// <summary>Measurable indicators of the scenario: where each stands today and where the challenge wants it.</summary>
    public IReadOnlyList<IndicatorInput>? Indicators { get; init; }

    public string? WhoPays { get; init; }

    public string? WhoUses { get; init; }

    public string? WhoBenefits { get; init; }

    /// <summary>Smallest community the challenge needs; 15 when left out.</summary>
    public int? TargetCommunityMin { get; init; }

    /// <summary>Largest community the challenge aims for; 20 when left out.</summary>
    public int? TargetCommunityMax { get; init; }

    /// <summary>The domain's content, once the input is valid.</summary>
    public ChallengeContent ToContent() => new(
        Question,
        Context,
        Pains ?? [],
        ScenarioBefore,
        ScenarioAfter,
        (Indicators ?? []).Select(i => new ScenarioIndicator(i.Name!, i.Before!.Value, i.Target!.Value, i.Unit)).ToList(),
        WhoPays,
        WhoUses,
        WhoBenefits,
        TargetCommunityMin ?? Challenge.DefaultTargetCommunityMin,
        TargetCommunityMax ?? Challenge.DefaultTargetCommunityMax);
}

/// <summary>A change of one challenge of a call: the call's id, as every command that changes a call carries it.</summary>
public interface IChallengeCommand
{
    Guid CallId { get; }

    Guid ChallengeId { get; }
}

/// <summary>
/// A new micro-challenge in the call <see cref="CallId"/>, written for <see cref="AuthorOrganisationId"/> (may be left
/// out by someone who represents exactly one member organisation of the call), kept as a draft or published at once.
/// The API takes the call from the route, never from the body.
/// </summary>
public sealed record CreateChallenge : ChallengeInput
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    public Guid? AuthorOrganisationId { get; init; }

    public bool Publish { get; init; }
}

/// <summary>
/// The whole new content of a challenge. <see cref="Version"/>, when given, is the version that was read: the
/// edit is refused with <c>conflict</c> if someone changed the challenge since.
/// </summary>
public sealed record EditChallenge : ChallengeInput, IChallengeCommand
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    [JsonIgnore]
    public Guid ChallengeId { get; init; }

    public uint? Version { get; init; }
}

/// <summary>
/// The resource person of a challenge: one of the call's facilitators (<see cref="UserId"/>, whose display name is
/// used when <see cref="Name"/> is left out) or someone named. Neither removes the resource person.
/// </summary>
public sealed record SetResourcePerson(string? Name, string? UserId) : IChallengeCommand
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    [JsonIgnore]
    public Guid ChallengeId { get; init; }
}

/// <summary>Publishes a draft (or puts an archived challenge back, for facilitators).</summary>
public sealed record PublishChallenge(Guid CallId, Guid ChallengeId) : IChallengeCommand;

public sealed record ArchiveChallenge(Guid CallId, Guid ChallengeId) : IChallengeCommand;

/// <summary>Supports a challenge, or withdraws the support, on behalf of <see cref="OrganisationId"/> (may be left out by someone who represents exactly one other member organisation).</summary>
public sealed record SupportChallenge(Guid CallId, Guid ChallengeId, Guid? OrganisationId) : IChallengeCommand;

/// <summary>The rules of a challenge's content, shared by creation and edition (one rule, written once).</summary>
public abstract class ChallengeInputValidator<T> : AbstractValidator<T>
    where T : ChallengeInput
{
    public const int QuestionMinimumLength = 10;

    /// <summary>Indicator values stay within what anyone measures (and what a column of numbers displays).</summary>
    public const decimal LargestIndicatorValue = 1_000_000_000_000m;

    protected ChallengeInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Question).Cascade(CascadeMode.Stop)
            .Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage(_ => l["challenge.validation.question.required"])
            .Must(q => q.Trim().Length is >= QuestionMinimumLength and <= SchemaConstants.QuestionLength)
            .WithMessage(_ => l["challenge.validation.question.length", QuestionMinimumLength, SchemaConstants.QuestionLength])
            .Must(Challenge.IsQuestion).WithMessage(_ => l["challenge.validation.question.mark"]);
        RuleFor(x => x.Context).MaximumLength(SchemaConstants.LongTextLength).WithMessage(_ => l["challenge.validation.text.length", SchemaConstants.LongTextLength]);
        RuleFor(x => x.ScenarioBefore).MaximumLength(SchemaConstants.LongTextLength).WithMessage(_ => l["challenge.validation.text.length", SchemaConstants.LongTextLength]);
        RuleFor(x => x.ScenarioAfter).MaximumLength(SchemaConstants.LongTextLength).WithMessage(_ => l["challenge.validation.text.length", SchemaConstants.LongTextLength]);
        RuleFor(x => x.WhoPays).MaximumLength(SchemaConstants.ShortTextLength).WithMessage(_ => l["challenge.validation.text.length", SchemaConstants.ShortTextLength]);
        RuleFor(x => x.WhoUses).MaximumLength(SchemaConstants.ShortTextLength).WithMessage(_ => l["challenge.validation.text.length", SchemaConstants.ShortTextLength]);
        RuleFor(x => x.WhoBenefits).MaximumLength(SchemaConstants.ShortTextLength).WithMessage(_ => l["challenge.validation.text.length", SchemaConstants.ShortTextLength]);

        RuleFor(x => x.Pains!.Count).LessThanOrEqualTo(Challenge.MaxPains).When(x => x.Pains is not null)
            .OverridePropertyName(nameof(ChallengeInput.Pains)).WithMessage(_ => l["challenge.validation.pains.count", Challenge.MaxPains]);
        RuleForEach(x => x.Pains).Cascade(CascadeMode.Stop)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage(_ => l["challenge.validation.pain.empty"])
            .Must(p => p.Trim().Length <= SchemaConstants.ShortTextLength).WithMessage(_ => l["challenge.validation.text.length", SchemaConstants.ShortTextLength]);

        RuleFor(x => x.Indicators!.Count).LessThanOrEqualTo(Challenge.MaxIndicators).When(x => x.Indicators is not null)
            .OverridePropertyName(nameof(ChallengeInput.Indicators)).WithMessage(_ => l["challenge.validation.indicators.count", Challenge.MaxIndicators]);
        RuleForEach(x => x.Indicators).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => l["challenge.validation.indicator.name"])
            .ChildRules(i =>
            {
                i.RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
                    .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => l["challenge.validation.indicator.name"])
                    .Must(n => n!.Trim().Length <= SchemaConstants.NameLength).WithMessage(_ => l["challenge.validation.text.length", SchemaConstants.NameLength]);
                i.RuleFor(x => x.Unit).MaximumLength(SchemaConstants.UnitLength).WithMessage(_ => l["challenge.validation.text.length", SchemaConstants.UnitLength]);
                i.RuleFor(x => x.Before).Cascade(CascadeMode.Stop)
                    .NotNull().WithMessage(_ => l["challenge.validation.indicator.before"])
                    .InclusiveBetween(-LargestIndicatorValue, LargestIndicatorValue).WithMessage(_ => l["challenge.validation.indicator.range"]);
                i.RuleFor(x => x.Target).Cascade(CascadeMode.Stop)
                    .NotNull().WithMessage(_ => l["challenge.validation.indicator.target"])
                    .InclusiveBetween(-LargestIndicatorValue, LargestIndicatorValue).WithMessage(_ => l["challenge.validation.indicator.range"])
                    .NotEqual(x => x.Before).When(x => x.Before is not null).WithMessage(_ => l["challenge.validation.indicator.unchanged"]);
            });

        RuleFor(x => x.TargetCommunityMin)
            .InclusiveBetween(Challenge.SmallestCommunity, Challenge.LargestCommunity)
            .WithMessage(_ => l["challenge.validation.community.range", Challenge.SmallestCommunity, Challenge.LargestCommunity]);
        RuleFor(x => x.TargetCommunityMax)
            .InclusiveBetween(Challenge.SmallestCommunity, Challenge.LargestCommunity)
            .WithMessage(_ => l["challenge.validation.community.range", Challenge.SmallestCommunity, Challenge.LargestCommunity]);
        RuleFor(x => x.TargetCommunityMax)
            .Must((x, max) => (x.TargetCommunityMin ?? Challenge.DefaultTargetCommunityMin) <= (max ?? Challenge.DefaultTargetCommunityMax))
            .WithMessage(_ => l["challenge.validation.community.order"]);
    }
}

public sealed class CreateChallengeValidator(IStringLocalizer<SharedResource> l) : ChallengeInputValidator<CreateChallenge>(l);

public sealed class EditChallengeValidator(IStringLocalizer<SharedResource> l) : ChallengeInputValidator<EditChallenge>(l);

public sealed class SetResourcePersonValidator : AbstractValidator<SetResourcePerson>
{
    public SetResourcePersonValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Name).MaximumLength(SchemaConstants.NameLength).WithMessage(_ => l["challenge.validation.text.length", SchemaConstants.NameLength]);
        RuleFor(x => x.UserId).MaximumLength(SchemaConstants.UserIdLength).WithMessage(_ => l["challenge.validation.resource.user"]);
    }
}
