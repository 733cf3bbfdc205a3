using System.Text.Json.Serialization;
using CommonsCall.Domain.Accountability;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Accountability;

/// <summary>A holder (<see cref="OrganisationId"/>, a co-creator the actor represents) records the measured "after" value of an indicator.</summary>
public sealed record RecordMeasure(Guid CommonsId, Guid OrganisationId, MeasureStatement Measure)
{
    [JsonIgnore]
    public Guid CallId { get; init; }
}

public sealed class RecordMeasureValidator : AbstractValidator<RecordMeasure>
{
    public RecordMeasureValidator()
    {
        RuleFor(x => x.Measure).NotNull();
        When(x => x.Measure is not null, () =>
        {
            RuleFor(x => x.Measure.Indicator).NotEmpty().MaximumLength(SchemaConstants.NameLength).OverridePropertyName("indicator");
            RuleFor(x => x.Measure.Value).InclusiveBetween(-IndicatorMeasure.Largest, IndicatorMeasure.Largest)
                .Must(v => decimal.Round(v, IndicatorMeasure.Scale) == v).WithMessage($"A value has at most {IndicatorMeasure.Scale} decimals.")
                .OverridePropertyName("value");
            RuleFor(x => x.Measure.Source).NotEmpty().WithMessage("Say where the figure comes from.")
                .MaximumLength(SchemaConstants.NoteLength).OverridePropertyName("source");
            RuleFor(x => x.Measure.MeasuredOn).NotEqual(default(DateOnly)).OverridePropertyName("measuredOn");
        });
    }
}

/// <summary>
/// Measured gains (issue 15 §6): the holders of a funded commons record the "after" value of the before/after
/// indicators of the challenges it answers. <see cref="MeasurePolicy"/> decides; this loads, applies, audits and saves
/// in one transaction, the call held FOR SHARE.
/// </summary>
public sealed class MeasureService(CallChanges changes, IValidator<RecordMeasure> validator)
{
    public static DomainError UnknownCommons => new(ErrorCodes.NotFound, "This commons is not one of this call's.");

    public async Task<Result> RecordAsync(Actor actor, RecordMeasure command, CancellationToken ct = default)
    {
        if (await validator.ValidateAsync(command, ct) is { IsValid: false } invalid)
        {
            return invalid.ToDomainError();
        }

        return await changes.ShareAsync(actor, command.CallId, new DomainError(ErrorCodes.NotFound, "Unknown call."), async x =>
        {
            var commons = await x.Db.Commons.Include(c => c.CoCreators).Include(c => c.Challenges).AsSplitQuery()
                .SingleOrDefaultAsync(c => c.Id == command.CommonsId && c.CallId == command.CallId, ct);
            if (commons is null)
            {
                return UnknownCommons;
            }

            var statement = command.Measure;
            var challenge = commons.Challenges.Any(c => c.ChallengeId == statement.ChallengeId)
                ? await x.Db.Challenges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == statement.ChallengeId && c.CallId == command.CallId, ct)
                : null;
            var holder = commons.IsCoCreator(command.OrganisationId) && x.Access.Represents(command.OrganisationId);
            var checkedOutcome = MeasurePolicy.Check(statement, holder, commons.IsFunded, challenge, DateOnly.FromDateTime(x.Now.UtcDateTime));
            if (!checkedOutcome.IsSuccess)
            {
                return checkedOutcome;
            }

            var indicator = MeasurePolicy.IndicatorOf(challenge!, statement.Indicator)!.Name;
            var named = statement with { Indicator = indicator };
            var measure = await x.Db.IndicatorMeasures.SingleOrDefaultAsync(
                m => m.CommonsId == commons.Id && m.ChallengeId == statement.ChallengeId && m.Indicator == indicator, ct);
            var before = measure is null ? null : new { measure.Value, measure.MeasuredOn, measure.Source, measure.RecordedByOrganisationId };
            if (measure is null)
            {
                x.Db.IndicatorMeasures.Add(new IndicatorMeasure(x.Call.Id, commons.Id, named, command.OrganisationId, x.Now));
            }
            else
            {
                measure.Restate(named, command.OrganisationId, x.Now);
            }

            x.Audit(AuditKinds.GainMeasured, before, new
            {
                CommonsId = commons.Id, statement.ChallengeId, Indicator = indicator, statement.Value, statement.MeasuredOn,
                Source = statement.Source.Trim(), RecordedByOrganisationId = command.OrganisationId,
            });
            return Result.Ok();
        }, ct);
    }
}
