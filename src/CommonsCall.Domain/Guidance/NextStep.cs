using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;

namespace CommonsCall.Domain.Guidance;

/// <summary>What a viewer is invited to do now in a call; the pages turn each into a sentence and, where there is one, a button.</summary>
public enum NextStepKind
{
    /// <summary>Nothing for this viewer (a visitor, or a call that is over for it).</summary>
    None = 0,

    /// <summary>An organisation it represents is invited: accept or decline.</summary>
    AnswerInvitation,

    // Facilitators.
    FrameCall,
    ReviewCommons,
    DistributePool,
    WatchRound,
    CloseRound,
    FollowUp,

    // Members.
    AwaitChallenges,
    PublishChallenge,
    SupportChallenges,
    ProposeCommons,
    PositionYourself,
    AwaitRound,
    AwaitGrant,
    SpreadBudget,
    AllGiven,
    AwaitResults,
    ReadResults,
    FollowWorkingGroups,

    // Funders.
    Pledge,
    WatchPledge,
}

/// <summary>
/// The next step and its figures: <see cref="Amount"/> (minor units: what is left to spread, pledged, not yet granted),
/// <see cref="Until"/> (the funding window's bound it refers to) or <see cref="PlannedOn"/> (the planned date of the next phase).
/// </summary>
public sealed record NextStep(NextStepKind Kind, long? Amount = null, DateTimeOffset? Until = null, DateOnly? PlannedOn = null)
{
    public static NextStep Nothing { get; } = new(NextStepKind.None);
}

/// <summary>Everything <see cref="NextStep"/> depends on, for one viewer in one call; counts and money are the viewer's organisations'.</summary>
public sealed record CallSituation
{
    public required CallPhase Phase { get; init; }

    public required DateTimeOffset Now { get; init; }

    public BudgetRules Rules { get; init; } = BudgetRules.Default;

    public PhaseSchedule Planned { get; init; } = PhaseSchedule.None;

    public bool IsInvited { get; init; }

    public bool IsFacilitator { get; init; }

    public bool IsMember { get; init; }

    public bool IsFunder { get; init; }

    /// <summary>The member organisations' money, added up.</summary>
    public BudgetFigures Money { get; init; }

    public int ChallengesPublished { get; init; }

    public int CommonsProposed { get; init; }

    public int Positionings { get; init; }

    public long Pledged { get; init; }

    /// <summary>The pool not granted to members yet (for facilitators).</summary>
    public long Ungranted { get; init; }

    /// <summary>Proposed commons awaiting the facilitators' review.</summary>
    public int CommonsToReview { get; init; }
}

/// <summary>
/// The one place that decides what a viewer should do next in a call (issue 14: "Vous avez 500,00 € à répartir d'ici le
/// 15 janvier"). An answer to an invitation comes first; then the facilitator's, member's and funder's steps, in that order
/// for someone with several roles.
/// </summary>
public static class NextSteps
{
    public static NextStep For(CallSituation s)
    {
        if (s.IsInvited && !s.IsFacilitator && !s.IsMember && !s.IsFunder)
        {
            return new(NextStepKind.AnswerInvitation);
        }

        return s.IsFacilitator ? ForFacilitator(s)
            : s.IsMember ? ForMember(s)
            : s.IsFunder ? ForFunder(s)
            : NextStep.Nothing;
    }

    private static NextStep ForFacilitator(CallSituation s) => s.Phase switch
    {
        CallPhase.Draft or CallPhase.Framing => new(NextStepKind.FrameCall, PlannedOn: s.Planned.StartOf(CallPhase.Challenges)),
        CallPhase.Challenges => new(NextStepKind.FrameCall, PlannedOn: s.Planned.StartOf(CallPhase.Commons)),
        CallPhase.Commons when s.CommonsToReview > 0 => new(NextStepKind.ReviewCommons, s.CommonsToReview, PlannedOn: s.Planned.StartOf(CallPhase.Budgeting)),
        CallPhase.Commons or CallPhase.Budgeting when s.Ungranted > 0 => new(NextStepKind.DistributePool, s.Ungranted, s.Rules.FundingOpensAt),
        CallPhase.Commons => new(NextStepKind.FrameCall, PlannedOn: s.Planned.StartOf(CallPhase.Budgeting)),
        CallPhase.Budgeting when WindowClosed(s) => new(NextStepKind.CloseRound, Until: s.Rules.FundingClosesAt),
        CallPhase.Budgeting => new(NextStepKind.WatchRound, Until: s.Rules.FundingClosesAt),
        _ => new(NextStepKind.FollowUp),
    };

    private static NextStep ForMember(CallSituation s)
    {
        var unspent = s.Money.Available;
        return s.Phase switch
        {
            CallPhase.Draft or CallPhase.Framing => new(NextStepKind.AwaitChallenges, PlannedOn: s.Planned.StartOf(CallPhase.Challenges)),
            CallPhase.Challenges => new(s.ChallengesPublished == 0 ? NextStepKind.PublishChallenge : NextStepKind.SupportChallenges, PlannedOn: s.Planned.StartOf(CallPhase.Commons)),
            CallPhase.Commons when s.CommonsProposed == 0 && s.Positionings == 0 => new(NextStepKind.ProposeCommons, PlannedOn: s.Planned.StartOf(CallPhase.Budgeting)),
            CallPhase.Commons when s.Positionings == 0 => new(NextStepKind.PositionYourself, PlannedOn: s.Planned.StartOf(CallPhase.Budgeting)),
            CallPhase.Commons => new(NextStepKind.AwaitRound, PlannedOn: s.Planned.StartOf(CallPhase.Budgeting)),
            CallPhase.Budgeting when WindowClosed(s) => new(NextStepKind.AwaitResults, PlannedOn: s.Planned.StartOf(CallPhase.Results)),
            CallPhase.Budgeting when !s.Rules.IsInsideWindow(s.Now) => new(NextStepKind.AwaitRound, unspent, s.Rules.FundingOpensAt),
            CallPhase.Budgeting when s.Money.Balance == 0 => new(NextStepKind.AwaitGrant),
            CallPhase.Budgeting when unspent > 0 => new(NextStepKind.SpreadBudget, unspent, s.Rules.FundingClosesAt),
            CallPhase.Budgeting => new(NextStepKind.AllGiven, Until: s.Rules.FundingClosesAt),
            CallPhase.Results => new(NextStepKind.ReadResults),
            _ => new(NextStepKind.FollowWorkingGroups),
        };
    }

    private static NextStep ForFunder(CallSituation s) => s.Phase switch
    {
        >= CallPhase.Results => new(NextStepKind.ReadResults),
        _ when s.Pledged == 0 => new(NextStepKind.Pledge, PlannedOn: s.Planned.StartOf(CallPhase.Budgeting)),
        _ => new(NextStepKind.WatchPledge, s.Pledged, s.Phase == CallPhase.Budgeting ? s.Rules.FundingClosesAt : null),
    };

    private static bool WindowClosed(CallSituation s) => s.Rules.FundingClosesAt is { } closes && s.Now >= closes;
}
