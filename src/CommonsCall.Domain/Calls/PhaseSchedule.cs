namespace CommonsCall.Domain.Calls;

/// <summary>
/// The planned start date of each phase after Draft (a call is in Draft from its creation). Every date is
/// optional; the dates that are set follow the order of the phases.
/// </summary>
public sealed record PhaseSchedule
{
    /// <summary>The phases that have a planned start date, in order.</summary>
    public static IReadOnlyList<CallPhase> PlannedPhases { get; } =
        [CallPhase.Framing, CallPhase.Challenges, CallPhase.Commons, CallPhase.Budgeting, CallPhase.Results, CallPhase.FollowUp];

    public static PhaseSchedule None { get; } = new();

    public DateOnly? Framing { get; init; }

    public DateOnly? Challenges { get; init; }

    public DateOnly? Commons { get; init; }

    public DateOnly? Budgeting { get; init; }

    public DateOnly? Results { get; init; }

    public DateOnly? FollowUp { get; init; }

    public bool IsEmpty => this == None;

    public static bool IsPlanned(CallPhase phase) => phase is > CallPhase.Draft and <= CallPhase.FollowUp;

    /// <summary>A schedule from (phase, date) pairs; the pairs are expected to name distinct planned phases.</summary>
    public static PhaseSchedule From(IEnumerable<(CallPhase Phase, DateOnly Date)> dates) =>
        dates.Aggregate(None, (schedule, d) => schedule.With(d.Phase, d.Date));

    public DateOnly? StartOf(CallPhase phase) => phase switch
    {
        CallPhase.Framing => Framing,
        CallPhase.Challenges => Challenges,
        CallPhase.Commons => Commons,
        CallPhase.Budgeting => Budgeting,
        CallPhase.Results => Results,
        CallPhase.FollowUp => FollowUp,
        _ => null,
    };

    public PhaseSchedule With(CallPhase phase, DateOnly? date) => phase switch
    {
        CallPhase.Framing => this with { Framing = date },
        CallPhase.Challenges => this with { Challenges = date },
        CallPhase.Commons => this with { Commons = date },
        CallPhase.Budgeting => this with { Budgeting = date },
        CallPhase.Results => this with { Results = date },
        CallPhase.FollowUp => this with { FollowUp = date },
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Draft has no planned date: a call is in Draft from its creation."),
    };

    /// <summary>The set dates, in phase order.</summary>
    public IEnumerable<(CallPhase Phase, DateOnly Date)> Dates() =>
        PlannedPhases.Where(p => StartOf(p) is not null).Select(p => (p, StartOf(p)!.Value));

    /// <summary>The first phase planned to start before an earlier phase, or null when the dates are in order (equal dates are allowed).</summary>
    public CallPhase? FirstOutOfOrder()
    {
        DateOnly? latest = null;
        foreach (var (phase, date) in Dates())
        {
            if (latest is { } previous && date < previous)
            {
                return phase;
            }

            latest = date;
        }

        return null;
    }
}
