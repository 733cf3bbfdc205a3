using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Objections;

/// <summary>What the objection rules need to know about one commons, read under the call's lock.</summary>
public sealed record ObjectionContext
{
    public required CommonsStatus CommonsStatus { get; init; }

    /// <summary>The commons' window, if one was ever opened.</summary>
    public required ObjectionWindow? Window { get; init; }

    /// <summary>How many of its objections wait for an answer.</summary>
    public required int OpenObjections { get; init; }

    public required DateTimeOffset Now { get; init; }
}

/// <summary>
/// The objection window before approval (consent, not vote), in numbered rules: the first that fails names the refusal.
/// Decisions: a facilitator chooses the window's length (<see cref="DefaultWindow"/> is offered, between
/// <see cref="ShortestWindow"/> and <see cref="LongestWindow"/>); approval is refused until the window has ended, with
/// no exception (the participants were promised that time); a commons whose facilitators never opened a window is
/// approved as before, in one click.
/// </summary>
public static class ObjectionRules
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    public static readonly TimeSpan ShortestWindow = TimeSpan.FromHours(1);

    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// Opening (or reopening) the window:
    /// 1. the commons is proposed, not approved or past the vote (<c>objection_commons_not_proposed</c>);
    /// 2. its window is not open already (<c>objection_window_open</c>);
    /// 3. the length is between <see cref="ShortestWindow"/> and <see cref="LongestWindow"/> (<c>validation_failed</c>).
    /// </summary>
    public static Result CheckOpenWindow(ObjectionContext ctx, TimeSpan duration)
    {
        if (ctx.CommonsStatus != CommonsStatus.Proposed)
        {
            return Result.Fail(ObjectionCodes.CommonsNotProposed, "Objections are raised before a commons is approved.");
        }

        if (ctx.Window?.IsOpenAt(ctx.Now) == true)
        {
            return Result.Fail(ObjectionCodes.WindowOpen, "The objection window of this commons is open already.");
        }

        return duration >= ShortestWindow && duration <= LongestWindow
            ? Result.Ok()
            : new DomainError(ErrorCodes.Validation, "An objection window lasts from one hour to thirty days.",
                new Dictionary<string, string[]> { ["DurationHours"] = ["An objection window lasts from one hour to thirty days."] });
    }

    /// <summary>
    /// Raising an objection (the service has checked that the objector speaks for a joined participant, and the
    /// validator the reason's length):
    /// 1. the commons is proposed (<c>objection_commons_not_proposed</c>);
    /// 2. its window is open now (<c>objection_window_closed</c>);
    /// 3. the organisation has no objection waiting for an answer on it (<c>objection_already_raised</c>).
    /// </summary>
    public static Result CheckRaise(ObjectionContext ctx, bool organisationAlreadyObjecting)
    {
        if (ctx.CommonsStatus != CommonsStatus.Proposed)
        {
            return Result.Fail(ObjectionCodes.CommonsNotProposed, "Objections are raised before a commons is approved.");
        }

        if (ctx.Window?.IsOpenAt(ctx.Now) != true)
        {
            return Result.Fail(ObjectionCodes.WindowClosed, "No objection window is open on this commons.");
        }

        return organisationAlreadyObjecting
            ? Result.Fail(ObjectionCodes.AlreadyObjecting, "Your organisation's objection to this commons is waiting for an answer.")
            : Result.Ok();
    }

    /// <summary>
    /// Approving under objection, before the commons' own approval rules:
    /// 1. the window, if one was opened, has ended (<c>objection_window_open</c>);
    /// 2. every objection is answered: resolved or overridden (<c>objection_open</c>).
    /// </summary>
    public static Result CheckApproval(ObjectionContext ctx)
    {
        if (ctx.Window?.IsOpenAt(ctx.Now) == true)
        {
            return Result.Fail(ObjectionCodes.WindowOpen, "The objection window is still open: the commons is approved once it has ended.");
        }

        return ctx.OpenObjections > 0
            ? Result.Fail(ObjectionCodes.ObjectionOpen, "An objection waits for a facilitator's answer: answer it before approving.")
            : Result.Ok();
    }
}
