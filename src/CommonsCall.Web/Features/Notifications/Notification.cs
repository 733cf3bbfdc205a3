namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// One notification of one person, shown in their notification centre. Its words were rendered in the person's
/// language when it was created (<see cref="Notifier"/>), like the mail that may go with it.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string UserId { get; set; }

    public NotificationType Type { get; set; }

    public Guid? CallId { get; set; }

    public required string Title { get; set; }

    /// <summary>Paragraphs separated by a blank line, plain text (never HTML).</summary>
    public required string Body { get; set; }

    /// <summary>A path of the app (<c>/calls/...</c>), never an absolute address.</summary>
    public required string Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>The person's preference when it was created: a DailyDigest one waits for <see cref="DigestedAt"/>.</summary>
    public NotificationDelivery Delivery { get; set; }

    /// <summary>When a daily digest mail included it; null while it waits (or when it is not a digest one).</summary>
    public DateTimeOffset? DigestedAt { get; set; }
}

/// <summary>A person's choice for one type; a type without a row gets <see cref="NotificationDefaults.For"/>.</summary>
public sealed class NotificationPreference
{
    public required string UserId { get; set; }

    public NotificationType Type { get; set; }

    public NotificationDelivery Delivery { get; set; }
}

/// <summary>A person's notification settings that are not per type; a person without a row gets the defaults.</summary>
public sealed class NotificationSettings
{
    public required string UserId { get; set; }

    /// <summary>The language of their notifications and mails (fr or en).</summary>
    public required string Language { get; set; }

    /// <summary>The hour (0-23, local time of <see cref="NotificationOptions.TimeZone"/>) their daily digest is sent.</summary>
    public int DigestHour { get; set; } = NotificationDefaults.DigestHour;
}

/// <summary>One daily digest sent: the primary key (person, local day) is what keeps a second one from being sent that day.</summary>
public sealed class DigestSent
{
    public required string UserId { get; set; }

    public DateOnly Day { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

/// <summary>
/// One reminder sent: the primary key (kind, subject, recipient) is what keeps it from being sent twice, by this
/// scheduler run, a later one, or another instance's.
/// </summary>
public sealed class SentReminder
{
    /// <summary>e.g. <c>round_closing_3d</c>, <c>milestone_due</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The call, milestone or working group it is about.</summary>
    public Guid SubjectId { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

/// <summary>
/// A contribution receipt waiting to be sent for one member of one call. Contribution changes upsert it (one
/// statement of their write batch) and push <see cref="DueAt"/> back, so that a burst of changes gives one receipt
/// with the figures after the last; <see cref="FirstChangeAt"/> bounds the wait.
/// </summary>
public sealed class PendingReceipt
{
    public Guid CallId { get; set; }

    public Guid OrganisationId { get; set; }

    public DateTimeOffset FirstChangeAt { get; set; }

    public DateTimeOffset DueAt { get; set; }
}
