namespace CommonsCall.Web.Features.Mail;

public enum OutboxState
{
    Queued,
    Sent,
    Failed,
}

/// <summary>
/// One mail, rendered when the change that causes it is saved and written in the same transaction, then
/// delivered by <see cref="MailSender"/>. Its state lives in PostgreSQL, so an SMTP outage or an app kill
/// delays it and never loses it.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>What the mail is about, e.g. <c>account.invitation</c>: for the mailbox page and the logs.</summary>
    public required string Kind { get; set; }

    public required string To { get; set; }

    /// <summary>The two-letter language the mail was written in (fr or en).</summary>
    public required string Language { get; set; }

    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public required string TextBody { get; set; }

    /// <summary>The RFC 8058 one-click unsubscribe address; null for transactional mail (accounts), which has none.</summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>Fixed when the message is queued, so that a resend after a crash carries the same Message-Id.</summary>
    public required string MessageId { get; set; }

    public OutboxState State { get; set; } = OutboxState.Queued;

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Why the last attempt failed (a retry is scheduled) or why the message was given up.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// Records the delivery and drops the body: account mails carry single-use links (invitations, password resets)
    /// whose only other copy in the database is a hash, and a sent mail is never sent again.
    /// </summary>
    public void MarkSent(DateTimeOffset now)
    {
        State = OutboxState.Sent;
        SentAt = now;
        LastError = null;
        HtmlBody = string.Empty;
        TextBody = string.Empty;
    }

    /// <summary>Retries later with exponential backoff, or gives up after <paramref name="policy"/>'s last attempt.</summary>
    public void MarkAttemptFailed(DateTimeOffset now, string error, RetryPolicy policy)
    {
        if (Attempts >= policy.MaxAttempts)
        {
            Fail($"Gave up after {Attempts} attempts: {error}");
            return;
        }

        LastError = Truncate(error);
        NextAttemptAt = now + policy.DelayAfter(Attempts);
    }

    /// <summary>A refusal that a retry cannot change (the server rejected the recipient or the message).</summary>
    public void Fail(string reason)
    {
        State = OutboxState.Failed;
        LastError = Truncate(reason);
    }

    private static string Truncate(string text) =>
        text.Length <= Data.SchemaConstants.NoteLength ? text : text[..Data.SchemaConstants.NoteLength];
}

/// <summary>Exponential backoff: <see cref="FirstDelay"/>, twice that, four times... capped at <see cref="MaxDelay"/>.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public TimeSpan DelayAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = FirstDelay.TotalSeconds * factor;
        return delay >= MaxDelay.TotalSeconds ? MaxDelay : TimeSpan.FromSeconds(delay);
    }
}
