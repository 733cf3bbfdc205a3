namespace CommonsCall.Domain.Conversation;

/// <summary>A facilitator's word to everyone taking part in the call, shown on the call page and sent to each participant's representatives.</summary>
public sealed class Announcement
{
    private Announcement()
    {
        Title = Body = AuthorUserId = string.Empty;
    }

    public Announcement(Guid callId, string authorUserId, string title, string body, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        CallId = callId;
        AuthorUserId = authorUserId;
        Title = title.Trim();
        Body = body.Trim();
        PublishedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public string AuthorUserId { get; private set; }

    public string Title { get; private set; }

    /// <summary>Markdown, rendered with raw HTML disabled.</summary>
    public string Body { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }
}
