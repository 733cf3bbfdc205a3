namespace CommonsCall.Domain.Conversation;

/// <summary>Someone asks the facilitators to look at a comment; the report stays open until a facilitator hides the comment or dismisses it.</summary>
public sealed class CommentReport
{
    private CommentReport()
    {
        ReporterUserId = string.Empty;
    }

    public CommentReport(Guid commentId, string reporterUserId, string? reason, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        CommentId = commentId;
        ReporterUserId = reporterUserId;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid CommentId { get; private set; }

    public string ReporterUserId { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset At { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public bool IsOpen => ResolvedAt is null;

    public void Resolve(DateTimeOffset now) => ResolvedAt ??= now;
}
