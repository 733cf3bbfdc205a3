using CommonsCall.Web.Data;

namespace CommonsCall.Web.Features.Mail;

/// <summary>A mail ready to queue: rendered in its recipient's language by <see cref="MailComposer"/>.</summary>
public sealed record MailContent(
    string Kind,
    string To,
    string Language,
    string Subject,
    string HtmlBody,
    string TextBody,
    string? UnsubscribeUrl,
    string MessageIdDomain);

public static class Outbox
{
    /// <summary>
    /// Adds <paramref name="mail"/> to the outbox of <paramref name="db"/>: it is saved, and later sent, only if
    /// the caller's <c>SaveChangesAsync</c> (the change that causes the mail) commits.
    /// </summary>
    public static OutboxMessage Enqueue(AppDbContext db, MailContent mail, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var message = new OutboxMessage
        {
            Id = id,
            Kind = mail.Kind,
            To = mail.To,
            Language = mail.Language,
            Subject = mail.Subject,
            HtmlBody = mail.HtmlBody,
            TextBody = mail.TextBody,
            UnsubscribeUrl = mail.UnsubscribeUrl,
            MessageId = $"{id:N}@{mail.MessageIdDomain}",
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
