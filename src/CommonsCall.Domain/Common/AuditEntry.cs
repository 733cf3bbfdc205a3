namespace CommonsCall.Domain.Common;

/// <summary>A facilitator's or administrator's action, with what it changed.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        Action = ActorUserId = string.Empty;
    }

    public AuditEntry(Guid? callId, string actorUserId, string action, string? before, string? after, DateTimeOffset at)
    {
        CallId = callId;
        ActorUserId = actorUserId;
        Action = action;
        Before = before;
        After = after;
        At = at;
    }

    public long Id { get; private set; }

    public Guid? CallId { get; private set; }

    public string ActorUserId { get; private set; }

    /// <summary>A stable action name, e.g. <c>call.phase_changed</c>.</summary>
    public string Action { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public DateTimeOffset At { get; private set; }
}
