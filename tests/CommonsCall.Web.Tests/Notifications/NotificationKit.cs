using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Notifications;

/// <summary>What the notification tests share: a person's settings, the scheduler pass, and the mails that really arrived.</summary>
public sealed class NotificationKit(MailApp app, Smtp4dev smtp)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    public Notifier Notifier => app.Services.GetRequiredService<Notifier>();

    /// <summary>One pass of the scheduler at the test clock's time (test apps do not run it in the background).</summary>
    public Task RunSchedulerAsync() => app.Services.GetRequiredService<NotificationScheduler>().RunDueAsync();

    public async Task<string> EmailOfAsync(Actor person)
    {
        await using var db = await app.DbAsync();
        return await db.Users.Where(u => u.Id == person.UserId).Select(u => u.Email!).SingleAsync();
    }

    public async Task SetAsync(Actor person, string language = "fr", int digestHour = NotificationDefaults.DigestHour, params (NotificationType Type, NotificationDelivery Delivery)[] types)
    {
        var saved = await app.Services.GetRequiredService<NotificationCentre>().SavePreferencesAsync(person,
            new NotificationPreferences(language, digestHour, types.Select(t => new TypePreference(t.Type, t.Delivery)).ToList()));
        saved.Error.ShouldBeNull();
    }

    public async Task<List<Notification>> NotificationsOfAsync(Actor person, NotificationType? type = null)
    {
        await using var db = await app.DbAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == person.UserId && (type == null || n.Type == type)).OrderBy(n => n.CreatedAt).ToListAsync();
    }

    /// <summary>
    /// The mails that arrived for <paramref name="email"/> once the outbox has nothing queued for it, every mail it sent
    /// there is listed by smtp4dev (which lists a message a moment after accepting it), and at least
    /// <paramref name="atLeast"/> arrived (0: the outbox is empty for it, whatever arrived).
    /// </summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string email, int atLeast)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            bool queued;
            int sent;
            await using (var db = await app.DbAsync())
            {
                queued = await db.OutboxMessages.AnyAsync(m => m.To == email && m.State == OutboxState.Queued);
                sent = await db.OutboxMessages.CountAsync(m => m.To == email && m.State == OutboxState.Sent);
            }

            var mails = (await smtp.MessagesAsync()).Where(m => m.To.Contains(email)).ToList();
            if (!queued && mails.Count >= Math.Max(atLeast, sent))
            {
                return mails;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{Math.Max(atLeast, sent)} mail(s) to {email} did not arrive ({mails.Count} did; queued: {queued}, sent: {sent})");
            await Task.Delay(200);
        }
    }

    /// <summary>The one mail to <paramref name="email"/> with this subject, once every mail the outbox sent there arrived (the scenario's other mails are left aside).</summary>
    public async Task<ReceivedMail> MailWithSubjectAsync(string email, string subject)
    {
        var received = await MailsToAsync(email, 1);
        return received.Where(m => m.Subject == subject).ShouldHaveSingleItem($"mails to {email}: {string.Join(" | ", received.Select(m => m.Subject))}");
    }

    /// <summary>How many mails the outbox holds for <paramref name="email"/> (queued or sent): what was decided to be sent.</summary>
    public async Task<int> OutboxCountAsync(string email, string? kind = null)
    {
        await using var db = await app.DbAsync();
        return await db.OutboxMessages.CountAsync(m => m.To == email && (kind == null || m.Kind == kind));
    }
}
