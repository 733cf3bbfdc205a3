namespace CommonsCall.Domain.Calls;

/// <summary>The phases of a call, in order (DESIGN.md "Phases of a call").</summary>
public enum CallPhase
{
    Draft = 0,
    Framing = 1,
    Challenges = 2,
    Commons = 3,
    Budgeting = 4,
    Results = 5,
    FollowUp = 6,
}

public static class CallPhases
{
    /// <summary>
    /// The round is settled (phase Results and after): the pool, the grants, the balances and the participants no
    /// longer change, and every contribution may be seen.
    /// </summary>
    public static bool IsSettled(this CallPhase phase) => phase >= CallPhase.Results;
}

public enum CallVisibility
{
    Public = 0,
    MembersOnly = 1,
}

/// <summary>What a phase move needs to know about the call's content, read by the service.</summary>
public sealed record PhaseFacts(int MemberParticipants, int PublishedChallenges, int ApprovedCommons, long Pool, long OwnFunds);
