using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Objections;

/// <summary>Where an objection stands: waiting for a facilitator, or answered one of two ways.</summary>
public enum ObjectionState
{
    Open = 0,

    /// <summary>The facilitator answered the concern and the objection no longer stands.</summary>
    Resolved = 1,

    /// <summary>The facilitator decided to go on despite it, with a public reason (audited).</summary>
    Overridden = 2,
}

/// <summary>How a facilitator answers an objection.</summary>
public enum ObjectionOutcome
{
    Resolved = 1,
    Overridden = 2,
}

/// <summary>
/// The time the participants of a call are given to object to approving a commons (consent, not vote). One per
/// commons: a facilitator may open it again once it has ended (after the proposal changed, say).
/// </summary>
public sealed class ObjectionWindow
{
    private ObjectionWindow()
    {
        OpenedByUserId = string.Empty;
    }

    public ObjectionWindow(Guid callId, Guid commonsId, string openedByUserId, DateTimeOffset now, TimeSpan duration)
    {
        Id = Guid.CreateVersion7(now);
        CallId = callId;
        CommonsId = commonsId;
        OpenedByUserId = openedByUserId;
        OpenedAt = now;
        ClosesAt = now + duration;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid CommonsId { get; private set; }

    public string OpenedByUserId { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>The first instant when objecting is over (the window is open strictly before it).</summary>
    public DateTimeOffset ClosesAt { get; private set; }

    public bool IsOpenAt(DateTimeOffset now) => OpenedAt <= now && now < ClosesAt;

    /// <summary>Opens the ended window again, from <paramref name="now"/> for <paramref name="duration"/>.</summary>
    public void Reopen(string openedByUserId, DateTimeOffset now, TimeSpan duration)
    {
        OpenedByUserId = openedByUserId;
        OpenedAt = now;
        ClosesAt = now + duration;
    }
}

/// <summary>
/// A participant's reasoned objection to approving a commons, raised on behalf of its organisation during the window,
/// and the facilitator's public answer. Nothing is deleted: an answered objection stays on the commons page.
/// </summary>
public sealed class Objection
{
    private Objection()
    {
        AuthorUserId = Reason = string.Empty;
    }

    public Objection(Guid callId, Guid commonsId, Guid organisationId, string authorUserId, string reason, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        CallId = callId;
        CommonsId = commonsId;
        OrganisationId = organisationId;
        AuthorUserId = authorUserId;
        Reason = reason.Trim();
        RaisedAt = now;
        State = ObjectionState.Open;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid CommonsId { get; private set; }

    /// <summary>The organisation the objector speaks for.</summary>
    public Guid OrganisationId { get; private set; }

    public string AuthorUserId { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public ObjectionState State { get; private set; }

    public bool IsOpen => State == ObjectionState.Open;

    /// <summary>The facilitator's public answer (what resolved it, or why it was overridden).</summary>
    public string? Answer { get; private set; }

    public string? AnsweredByUserId { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>Answers an open objection; an objection is answered once (<c>objection_not_open</c> after).</summary>
    public Result AnswerWith(ObjectionOutcome outcome, string answer, string facilitatorUserId, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return Result.Fail(ObjectionCodes.NotOpen, "This objection has been answered already.");
        }

        State = outcome == ObjectionOutcome.Overridden ? ObjectionState.Overridden : ObjectionState.Resolved;
        Answer = answer.Trim();
        AnsweredByUserId = facilitatorUserId;
        AnsweredAt = now;
        return Result.Ok();
    }
}
