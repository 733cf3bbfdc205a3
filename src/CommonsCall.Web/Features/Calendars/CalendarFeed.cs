namespace CommonsCall.Web.Features.Calendars;

/// <summary>
/// A person's calendar feed: a secret URL a calendar application subscribes to without cookies. One per person;
/// regenerating it replaces the secret (the old URL stops at once), revoking it deletes it. Only the SHA-256 hash of
/// the secret is stored; the URL is shown once, when it is made.
/// </summary>
public sealed class CalendarFeed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string UserId { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The language the entries are written in: the one of the page the feed was made from.</summary>
    public required string Language { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
