using System.Globalization;
using CommonsCall.Domain.Notifications;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// The daily digest: one mail a day per person with notifications waiting for it (their DailyDigest types), at their
/// hour (<see cref="DigestSchedule"/>). Each is written in one transaction with the row (person, local day) of
/// <see cref="DigestSent"/>, whose primary key refuses a second digest that day, whoever tries (this scheduler run,
/// the next, or another instance's): the loser's transaction, mail included, rolls back.
/// </summary>
public sealed class Digests(IDbContextFactory<AppDbContext> factory, MailComposer composer, PublicLinks links, UnsubscribeTokens unsubscribe, IOptions<NotificationOptions> options, TimeProvider clock)
{
    private readonly TimeZoneInfo _zone = options.Value.Zone();

    /// <summary>Sends every digest due now; returns how many.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DigestSchedule.LocalDay(now, _zone);
        List<string> due;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var waiting = await (
                from n in db.Notifications.AsNoTracking()
                where n.Delivery == NotificationDelivery.DailyDigest && n.DigestedAt == null
                group n by n.UserId into g
                select new
                {
                    UserId = g.Key,
                    Oldest = g.Min(n => n.CreatedAt),
                    Hour = db.NotificationSettings.Where(s => s.UserId == g.Key).Select(s => (int?)s.DigestHour).FirstOrDefault(),
                    SentToday = db.DigestsSent.Any(d => d.UserId == g.Key && d.Day == today),
                }).ToListAsync(ct);
            due = waiting.Where(w => DigestSchedule.IsDue(w.Oldest, w.Hour ?? NotificationDefaults.DigestHour, _zone, now, w.SentToday)).Select(w => w.UserId).ToList();
        }

        var sent = 0;
        foreach (var userId in due)
        {
            sent += await SendAsync(userId, today, ct) ? 1 : 0;
        }

        return sent;
    }

    private async Task<bool> SendAsync(string userId, DateOnly today, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.Email != null)
            .Select(u => new { Email = u.Email!, u.DisplayName, Language = db.NotificationSettings.Where(s => s.UserId == u.Id).Select(s => s.Language).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        var waiting = await db.Notifications.Where(n => n.UserId == userId && n.Delivery == NotificationDelivery.DailyDigest && n.DigestedAt == null)
            .OrderBy(n => n.CreatedAt).ToListAsync(ct);
        if (person is null || waiting.Count == 0)
        {
            return false;
        }

        db.DigestsSent.Add(new DigestSent { UserId = userId, Day = today, SentAt = now });
        foreach (var notification in waiting)
        {
            notification.DigestedAt = now;
        }

        var language = MailComposer.Language(person.Language);
        var text = new MailText(
            composer.Text(language, "notifications.digest.subject" + Plurals.Form(waiting.Count, CultureInfo.GetCultureInfo(language)), waiting.Count),
            composer.Text(language, "mail.greeting.named", person.DisplayName),
            [composer.Text(language, "notifications.digest.intro"), .. waiting.Select(n => composer.Text(language, "notifications.digest.line", n.Title, links.Absolute(n.Link)))],
            new MailAction(composer.Text(language, "notifications.digest.action"), links.Absolute("/notifications")),
            null);
        Outbox.Enqueue(db, composer.Compose(MailKind, person.Email, language, text, unsubscribe.For(userId, null)), now);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another scheduler sent today's digest first: this one, mail included, is rolled back.
            return false;
        }
    }

    public const string MailKind = "notification.digest";
}
