using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Accountability;

/// <summary>What a holder states: the "after" value of an indicator of a challenge the commons answers, when it was measured, and where it comes from.</summary>
public sealed record MeasureStatement(Guid ChallengeId, string Indicator, decimal Value, DateOnly MeasuredOn, string Source);

/// <summary>
/// A measurable gain (gain mesurable): the value measured "after" for one before/after indicator of a challenge the
/// commons answers, entered by its holders. One current value per commons, challenge and indicator: a new measure
/// replaces it (the audit log keeps the earlier ones).
/// </summary>
public sealed class IndicatorMeasure
{
    /// <summary>A value's digits in all and after the decimal point, as stored.</summary>
    public const int Precision = 18;
    public const int Scale = 4;

    /// <summary>The largest value that fits those digits, either side of zero.</summary>
    public const decimal Largest = 99_999_999_999_999.9999m;

    private IndicatorMeasure()
    {
        Indicator = Source = string.Empty;
    }

    public IndicatorMeasure(Guid callId, Guid commonsId, MeasureStatement statement, Guid byOrganisationId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        CallId = callId;
        CommonsId = commonsId;
        ChallengeId = statement.ChallengeId;
        Indicator = statement.Indicator.Trim();
        Source = string.Empty;
        Restate(statement, byOrganisationId, at);
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid CommonsId { get; private set; }

    public Guid ChallengeId { get; private set; }

    /// <summary>The indicator's name, as the challenge names it (indicators have no identity of their own).</summary>
    public string Indicator { get; private set; }

    public decimal Value { get; private set; }

    public DateOnly MeasuredOn { get; private set; }

    /// <summary>Where the figure comes from (a survey, a count, a data set), and any comment.</summary>
    public string Source { get; private set; }

    public Guid RecordedByOrganisationId { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public void Restate(MeasureStatement statement, Guid byOrganisationId, DateTimeOffset at)
    {
        Value = statement.Value;
        MeasuredOn = statement.MeasuredOn;
        Source = statement.Source.Trim();
        RecordedByOrganisationId = byOrganisationId;
        RecordedAt = at;
    }
}

/// <summary>
/// Whether a holder may record a measured "after" value, in the rules' order; the first that fails names the refusal:
/// 1. the organisation is one of the commons' holders (co-creators) and the actor represents it;
/// 2. the commons was funded (funded or delivered: a gain is measured on what the money made);
/// 3. the challenge is one the commons answers;
/// 4. the indicator is one of that challenge's before/after indicators;
/// 5. the measure is not dated in the future.
/// </summary>
public static class MeasurePolicy
{
    public static Result Check(MeasureStatement statement, bool representsHolder, bool commonsFunded, Challenge? answeredChallenge, DateOnly today)
    {
        if (!representsHolder)
        {
            return Result.Fail(ErrorCodes.Forbidden, "Only the commons' holders record its measured gains.");
        }

        if (!commonsFunded)
        {
            return Result.Fail(ErrorCodes.CommonsNotFunded, "Gains are measured on a commons that was funded.");
        }

        if (answeredChallenge is null)
        {
            return Result.Fail(ErrorCodes.UnknownChallenge, "This challenge is not one the commons answers.");
        }

        if (IndicatorOf(answeredChallenge, statement.Indicator) is null)
        {
            return Result.Fail(ErrorCodes.UnknownIndicator, "This indicator is not one of the challenge's before/after indicators.");
        }

        return statement.MeasuredOn > today
            ? Result.Fail(ErrorCodes.MeasuredInFuture, "A measure is dated on or before today.")
            : Result.Ok();
    }

    /// <summary>The challenge's indicator of that name (names compared as typed, spaces around them aside).</summary>
    public static ScenarioIndicator? IndicatorOf(Challenge challenge, string name) =>
        challenge.Indicators.FirstOrDefault(i => string.Equals(i.Name, name.Trim(), StringComparison.Ordinal));
}
