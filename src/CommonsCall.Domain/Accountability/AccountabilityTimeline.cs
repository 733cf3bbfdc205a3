namespace CommonsCall.Domain.Accountability;

/// <summary>A link of the traceable chain, in the chain's order: on the same day, an earlier link is told first.</summary>
public enum TimelineStep
{
    Challenge = 0,
    Proposal = 1,
    Approval = 2,
    Contributions = 3,
    NotFunded = 4,
    Funding = 5,
    ScheduleAccepted = 6,
    MilestoneDeclared = 7,
    MilestoneAccepted = 8,
    TranchePaid = 9,
    Correction = 10,
    Cancellation = 11,
    Delivery = 12,
}

/// <summary>
/// One dated event of a commons' accountability timeline. What it carries depends on its step: <see cref="Title"/> is
/// the challenge's question or the milestone's title, <see cref="Amount"/> the money of the event (a total, a payment,
/// an award as corrected, what went back to the pool), <see cref="Previous"/> the award before a correction or the
/// match of a funding, <see cref="Count"/> how many organisations contributed, <see cref="Text"/> a reason.
/// Amounts are null when the viewer does not see them.
/// </summary>
public sealed record TimelineEvent(
    DateTimeOffset At, TimelineStep Step, string? Title = null, long? Amount = null, long? Previous = null, int? Count = null, string? Text = null, Guid? SubjectId = null);

public sealed record AnsweredChallenge(Guid Id, string Question, DateTimeOffset PublishedAt);

/// <summary>The contributions a commons received, summed: never who gave what.</summary>
public sealed record ContributionFacts(int Contributors, long Total, DateTimeOffset First, DateTimeOffset Last);

public sealed record FundingFacts(DateTimeOffset At, long Total, long Match);

public sealed record MilestoneFacts(Guid Id, string Title, DateTimeOffset? DeclaredAt, DateTimeOffset? AcceptedAt);

/// <summary>A tranche paid; <see cref="MilestoneTitle"/> is null for the one paid at the start.</summary>
public sealed record PaymentFacts(DateTimeOffset At, long Amount, string? MilestoneTitle);

public sealed record CorrectionFacts(DateTimeOffset At, long Before, long After, string? Reason);

/// <summary>How the agreement ended: delivered, or cancelled with a reason and what went back to the pool.</summary>
public sealed record ClosingFacts(DateTimeOffset At, bool Cancelled, string? Reason, long ReturnedToPool);

/// <summary>What is known of one commons, from its challenges to its delivery, as stored; the timeline decides what is told.</summary>
public sealed record AccountabilityFacts(
    IReadOnlyList<AnsweredChallenge> Challenges,
    DateTimeOffset ProposedAt,
    DateTimeOffset? ApprovedAt,
    ContributionFacts? Contributions,
    DateTimeOffset? NotFundedAt,
    FundingFacts? Funding,
    DateTimeOffset? ScheduleAcceptedAt,
    IReadOnlyList<MilestoneFacts> Milestones,
    IReadOnlyList<PaymentFacts> Payments,
    IReadOnlyList<CorrectionFacts> Corrections,
    ClosingFacts? Closing);

/// <summary>
/// What the viewer may see of the money (the call's visibility rule, worked out by the caller): amounts at all
/// (<see cref="Money"/>), the total given to a commons (<see cref="ContributionTotal"/>), and how many organisations gave
/// (<see cref="Contributors"/>, which tells who gives in a small call).
/// </summary>
public sealed record TimelineSight(bool Money, bool ContributionTotal, bool Contributors)
{
    public static readonly TimelineSight Everything = new(true, true, true);
}

/// <summary>
/// The accountability timeline of a commons (issue 15 §6): the traceable chain from the micro-challenges it answers to
/// its delivery or cancellation, dated, in order. Rules:
/// 1. every event is dated and the timeline is in date order; on the same instant, the chain's order (<see cref="TimelineStep"/>);
/// 2. contributions are told as one aggregated event (how many, how much, dated at the last one), never per organisation;
///    the total only when the viewer sees totals, the count only when it sees who gives, and no event at all when it sees neither;
/// 3. without <see cref="TimelineSight.Money"/>, every amount is left out (the events stay: the chain is public);
/// 4. a milestone declared and accepted gives two events; a payment, a correction and the closing one each.
/// </summary>
public static class AccountabilityTimeline
{
    public static IReadOnlyList<TimelineEvent> Build(AccountabilityFacts facts, TimelineSight sight)
    {
        long? Money(long amount) => sight.Money ? amount : null;
        var events = new List<TimelineEvent>();
        events.AddRange(facts.Challenges.Select(c => new TimelineEvent(c.PublishedAt, TimelineStep.Challenge, c.Question, SubjectId: c.Id)));
        events.Add(new TimelineEvent(facts.ProposedAt, TimelineStep.Proposal));
        if (facts.ApprovedAt is { } approved)
        {
            events.Add(new TimelineEvent(approved, TimelineStep.Approval));
        }

        var seesTotal = sight.Money && sight.ContributionTotal;
        var seesCount = sight.Money && sight.Contributors;
        if (facts.Contributions is { Contributors: > 0 } given && (seesTotal || seesCount))
        {
            events.Add(new TimelineEvent(given.Last, TimelineStep.Contributions, Amount: seesTotal ? given.Total : null, Count: seesCount ? given.Contributors : null));
        }

        if (facts.NotFundedAt is { } notFunded)
        {
            events.Add(new TimelineEvent(notFunded, TimelineStep.NotFunded));
        }

        if (facts.Funding is { } funding)
        {
            events.Add(new TimelineEvent(funding.At, TimelineStep.Funding, Amount: Money(funding.Total), Previous: Money(funding.Match)));
        }

        if (facts.ScheduleAcceptedAt is { } accepted)
        {
            events.Add(new TimelineEvent(accepted, TimelineStep.ScheduleAccepted));
        }

        foreach (var m in facts.Milestones)
        {
            if (m.DeclaredAt is { } declared)
            {
                events.Add(new TimelineEvent(declared, TimelineStep.MilestoneDeclared, m.Title, SubjectId: m.Id));
            }

            if (m.AcceptedAt is { } done)
            {
                events.Add(new TimelineEvent(done, TimelineStep.MilestoneAccepted, m.Title, SubjectId: m.Id));
            }
        }

        events.AddRange(facts.Payments.Select(p => new TimelineEvent(p.At, TimelineStep.TranchePaid, p.MilestoneTitle, Money(p.Amount))));
        events.AddRange(facts.Corrections.Select(c => new TimelineEvent(c.At, TimelineStep.Correction, Amount: Money(c.After), Previous: Money(c.Before), Text: c.Reason)));
        if (facts.Closing is { } closing)
        {
            events.Add(closing.Cancelled
                ? new TimelineEvent(closing.At, TimelineStep.Cancellation, Amount: Money(closing.ReturnedToPool), Text: closing.Reason)
                : new TimelineEvent(closing.At, TimelineStep.Delivery));
        }

        return [.. events.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.e.Step).ThenBy(x => x.i).Select(x => x.e)];
    }
}
