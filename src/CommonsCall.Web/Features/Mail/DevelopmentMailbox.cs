using CommonsCall.Domain.Common;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommonsCall.Web.Features.Mail;

public sealed record MailboxEntry(Guid Id, string Kind, string To, string Subject, OutboxState State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? LastError);

/// <summary>One message of the mailbox; its bodies only while mail is kept (they may hold someone's reset link).</summary>
public sealed record MailboxMessage(MailboxEntry Entry, string MessageId, string Language, string? UnsubscribeUrl, string? HtmlBody, string? TextBody);

/// <summary>
/// The outbox as administrators see it on /admin/mailbox, like Rails' letter_opener: with no SMTP configured,
/// every mail the app would have sent, readable in HTML and text; with SMTP, each message's delivery state.
/// </summary>
public sealed class DevelopmentMailbox(IDbContextFactory<AppDbContext> factory, IOptions<MailOptions> options)
{
    public const int PageSize = 200;

    public bool KeepsMail => !options.Value.DeliversMail;

    public async Task<Result<IReadOnlyList<MailboxEntry>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdministrator)
        {
            return Forbidden;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var entries = await db.OutboxMessages.AsNoTracking()
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(PageSize)
            .Select(m => new MailboxEntry(m.Id, m.Kind, m.To, m.Subject, m.State, m.Attempts, m.CreatedAt, m.SentAt, m.LastError))
            .ToListAsync(ct);
        return entries;
    }

    public async Task<Result<MailboxMessage>> FindAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        if (!actor.IsAdministrator)
        {
            return Forbidden;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var m = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (m is null)
        {
            return new DomainError(ErrorCodes.NotFound, "No such message.");
        }

        var entry = new MailboxEntry(m.Id, m.Kind, m.To, m.Subject, m.State, m.Attempts, m.CreatedAt, m.SentAt, m.LastError);
        return KeepsMail
            ? new MailboxMessage(entry, m.MessageId, m.Language, m.UnsubscribeUrl, m.HtmlBody, m.TextBody)
            : new MailboxMessage(entry, m.MessageId, m.Language, m.UnsubscribeUrl, null, null);
    }

    private static DomainError Forbidden => new(ErrorCodes.Forbidden, "Only administrators read the mailbox.");
}
