using CommonsCall.Domain.Commons;

namespace CommonsCall.Domain.Budgeting;

/// <summary>Where a commons stands against its goals, as the dashboard and the exports name it.</summary>
public enum GoalState
{
    /// <summary>Round open or not settled yet, total below the minimum goal: not funded if the round closed now.</summary>
    BelowMinimum = 0,

    /// <summary>At or above the minimum goal: funded if the round closed now; may still receive money.</summary>
    MinimumReached = 1,

    /// <summary>At the maximum goal: no member may give it more.</summary>
    MaximumReached = 2,

    /// <summary>Settled: funded.</summary>
    Funded = 3,

    /// <summary>Settled: below its minimum, its money went back to the members.</summary>
    NotFunded = 4,
}

public static class FundingProgress
{
    /// <summary>The settled status wins; before settlement, the total against the goals (DESIGN.md: funded when total >= minimum).</summary>
    public static GoalState Of(CommonsStatus status, long total, long minimumGoal, long maximumGoal) => status switch
    {
        CommonsStatus.Funded or CommonsStatus.Delivered => GoalState.Funded,
        CommonsStatus.NotFunded => GoalState.NotFunded,
        _ when total >= maximumGoal => GoalState.MaximumReached,
        _ when total >= minimumGoal => GoalState.MinimumReached,
        _ => GoalState.BelowMinimum,
    };
}
