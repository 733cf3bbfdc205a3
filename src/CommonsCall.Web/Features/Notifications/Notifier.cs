using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// What every feature calls to tell people something, inside its own unit of work: the notification rows and the
/// mails are added to the caller's <see cref="AppDbContext"/>, so they are saved (and later sent) only if the change
/// that causes them commits. Per recipient, in their language and by their preference for the type:
/// Immediately, a row and a mail (with the one-click unsubscribe link and the settings footer); DailyDigest, a row
/// that the daily digest gathers into the next daily mail; Off, a row only.
/// </summary>
public sealed class Notifier(MailComposer composer, PublicLinks links, UnsubscribeTokens unsubscribe, TimeProvider clock)
{
    /// <summary>Notifies the people <paramref name="userIds"/> (duplicates and unknown ids are ignored).</summary>
    /// <param name="link">A path of the app (<c>/calls/{slug}/...</c>): the notification links to it, the mail to its absolute address.</param>
    public async Task<IReadOnlyList<Notification>> NotifyUsersAsync(
        AppDbContext db,
        IEnumerable<string> userIds,
        NotificationType type,
        Guid? callId,
        string link,
        NotificationText text,
        CancellationToken ct = default)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var recipients = await (
            from u in db.Users.AsNoTracking()
            where ids.Contains(u.Id) && u.Email != null
            join s in db.NotificationSettings on u.Id equals s.UserId into settings
            from s in settings.DefaultIfEmpty()
            select new { u.Id, Email = u.Email!, u.DisplayName, Language = s == null ? null : s.Language }).ToListAsync(ct);
        var preferences = await db.NotificationPreferences.AsNoTracking()
            .Where(p => ids.Contains(p.UserId) && p.Type == type)
            .ToDictionaryAsync(p => p.UserId, p => p.Delivery, ct);

        var now = clock.GetUtcNow();
        var rendered = new Dictionary<string, (string Title, IReadOnlyList<string> Paragraphs)>();
        var created = new List<Notification>(recipients.Count);
        foreach (var recipient in recipients)
        {
            var language = MailComposer.Language(recipient.Language);
            if (!rendered.TryGetValue(language, out var words))
            {
                words = (Limit(text.Title.Render(composer, language), SchemaConstants.ShortTextLength), text.Body.Select(w => w.Render(composer, language)).ToList());
                rendered[language] = words;
            }

            var delivery = preferences.TryGetValue(recipient.Id, out var chosen) ? chosen : NotificationDefaults.For(type);
            var notification = new Notification
            {
                Id = Guid.CreateVersion7(now),
                UserId = recipient.Id,
                Type = type,
                CallId = callId,
                Title = words.Title,
                Body = Limit(string.Join("\n\n", words.Paragraphs), SchemaConstants.LongTextLength),
                Link = link,
                CreatedAt = now,
                Delivery = delivery,
            };
            db.Notifications.Add(notification);
            created.Add(notification);

            if (delivery == NotificationDelivery.Immediately)
            {
                var mail = new MailText(
                    words.Title,
                    composer.Text(language, "mail.greeting.named", recipient.DisplayName),
                    words.Paragraphs,
                    new MailAction(composer.Text(language, "notifications.mail.open"), links.Absolute(link)),
                    null);
                Outbox.Enqueue(db, composer.Compose(MailKind(type), recipient.Email, language, mail, unsubscribe.For(recipient.Id, type)), now);
            }
        }

        return created;
    }

    /// <summary>Notifies the people who represent the organisations <paramref name="organisationIds"/>.</summary>
    public async Task<IReadOnlyList<Notification>> NotifyOrganisationsAsync(
        AppDbContext db,
        IEnumerable<Guid> organisationIds,
        NotificationType type,
        Guid? callId,
        string link,
        NotificationText text,
        CancellationToken ct = default) =>
        await NotifyUsersAsync(db, await RepresentativesAsync(db, organisationIds, ct), type, callId, link, text, ct);

    /// <summary>The people who represent <paramref name="organisationIds"/> (each once).</summary>
    public static async Task<IReadOnlyList<string>> RepresentativesAsync(AppDbContext db, IEnumerable<Guid> organisationIds, CancellationToken ct = default)
    {
        var ids = organisationIds.Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.OrganisationMembers.AsNoTracking().Where(m => ids.Contains(m.OrganisationId)).Select(m => m.UserId).Distinct().ToListAsync(ct);
    }

    /// <summary>The outbox kind of a notification mail, e.g. <c>notification.RoundOpened</c>.</summary>
    public static string MailKind(NotificationType type) => $"notification.{type}";

    private static string Limit(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
