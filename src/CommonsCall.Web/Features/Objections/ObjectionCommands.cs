using System.Text.Json.Serialization;
using CommonsCall.Domain.Objections;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Features.Objections;

/// <summary>A facilitator opens the objection window of a proposed commons; <see cref="DurationHours"/> left out gives <see cref="ObjectionRules.DefaultWindow"/>.</summary>
public sealed record OpenObjectionWindow(int? DurationHours)
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    [JsonIgnore]
    public Guid CommonsId { get; init; }

    public TimeSpan Duration => DurationHours is { } hours ? TimeSpan.FromHours(hours) : ObjectionRules.DefaultWindow;
}

/// <summary>A participant objects to approving a commons, on behalf of one of its organisations taking part in the call, and says why.</summary>
public sealed record RaiseObjection(Guid OrganisationId, string Reason)
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    [JsonIgnore]
    public Guid CommonsId { get; init; }
}

/// <summary>A facilitator answers an objection: resolved, or overridden with a public reason.</summary>
public sealed record AnswerObjection(ObjectionOutcome Outcome, string Answer)
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    [JsonIgnore]
    public Guid ObjectionId { get; init; }
}

public sealed class OpenObjectionWindowValidator : AbstractValidator<OpenObjectionWindow>
{
    public OpenObjectionWindowValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(x => x.DurationHours)
            .Must(h => h is null || (h >= ObjectionRules.ShortestWindow.TotalHours && h <= ObjectionRules.LongestWindow.TotalHours))
            .WithMessage(_ => l["objections.validation.duration"]);
}

public sealed class RaiseObjectionValidator : AbstractValidator<RaiseObjection>
{
    public RaiseObjectionValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(x => x.Reason).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => l["objections.validation.reason.required"])
            .Must(r => r.Trim().Length >= FieldLimits.ObjectionReasonMinLength).WithMessage(_ => l["objections.validation.reason.short", FieldLimits.ObjectionReasonMinLength])
            .Must(r => r.Trim().Length <= SchemaConstants.ObjectionTextLength).WithMessage(_ => l["objections.validation.text.length", SchemaConstants.ObjectionTextLength]);
}

public sealed class AnswerObjectionValidator : AbstractValidator<AnswerObjection>
{
    public AnswerObjectionValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Outcome).IsInEnum().WithMessage(_ => l["objections.validation.outcome"]);
        RuleFor(x => x.Answer).Cascade(CascadeMode.Stop)
            .Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage(_ => l["objections.validation.answer.required"])
            .Must(a => a.Trim().Length <= SchemaConstants.ObjectionTextLength).WithMessage(_ => l["objections.validation.text.length", SchemaConstants.ObjectionTextLength]);
    }
}
