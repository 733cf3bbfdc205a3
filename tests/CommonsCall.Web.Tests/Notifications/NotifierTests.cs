using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Notifications;

/// <summary>The Notifier inside a caller's unit of work: rows and mails by preference and language, saved only with the caller's change.</summary>
public sealed class NotifierTests(Smtp4dev smtp) : MailAppTests(smtp)
{
    [Fact]
    public async Task Each_person_gets_a_row_and_by_preference_a_mail_in_their_language()
    {
        var data = new TestData(App);
        var french = await data.UserAsync();
        var english = await data.UserAsync();
        var digest = await data.UserAsync();
        var off = await data.UserAsync();
        await using (var db = await App.DbAsync())
        {
            db.NotificationSettings.Add(new NotificationSettings { UserId = english.UserId!, Language = "en" });
            db.NotificationPreferences.Add(new NotificationPreference { UserId = digest.UserId!, Type = NotificationType.RoundOpened, Delivery = NotificationDelivery.DailyDigest });
            db.NotificationPreferences.Add(new NotificationPreference { UserId = off.UserId!, Type = NotificationType.RoundOpened, Delivery = NotificationDelivery.Off });
            await db.SaveChangesAsync();
        }

        var call = await data.CallAsync();
        await NotifyAsync([french.UserId!, english.UserId!, digest.UserId!, off.UserId!, french.UserId!], call.Id);

        await using (var db = await App.DbAsync())
        {
            var rows = await db.Notifications.AsNoTracking().Where(n => n.CallId == call.Id).ToListAsync();
            rows.Count.ShouldBe(4);
            rows.Single(n => n.UserId == english.UserId).Title.ShouldBe($"The funding round of “{call.Title}” is open");
            rows.Single(n => n.UserId == french.UserId).Title.ShouldBe($"Le tour de financement de « {call.Title} » est ouvert");
            rows.Single(n => n.UserId == digest.UserId).Delivery.ShouldBe(NotificationDelivery.DailyDigest);
        }

        var mails = await WaitForMailsAsync(2, await EmailsAsync(french.UserId!, english.UserId!, digest.UserId!, off.UserId!));
        var (frenchEmail, englishEmail) = (await EmailAsync(french.UserId!), await EmailAsync(english.UserId!));
        var toFrench = mails.Single(m => m.To.Contains(frenchEmail));
        toFrench.Subject.ShouldBe($"Le tour de financement de « {call.Title} » est ouvert");
        toFrench.Headers["List-Unsubscribe"].ShouldStartWith($"<{MailApp.PublicBaseUrl}/notifications/unsubscribe?token=");
        toFrench.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        (await Smtp.PlainTextAsync(toFrench)).ShouldContain($"{MailApp.PublicBaseUrl}/calls/{call.Slug}/budget");
        mails.Single(m => m.To.Contains(englishEmail)).Subject.ShouldBe($"The funding round of “{call.Title}” is open");
    }

    [Fact]
    public async Task Nothing_is_kept_when_the_callers_change_does_not_commit()
    {
        var data = new TestData(App);
        var person = await data.UserAsync();
        var call = await data.CallAsync();
        await using (var db = await App.DbAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await Notifier.NotifyUsersAsync(db, [person.UserId!], NotificationType.RoundOpened, call.Id, "/", Text(call.Title));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }

        await using var check = await App.DbAsync();
        (await check.Notifications.AnyAsync(n => n.UserId == person.UserId)).ShouldBeFalse();
        var email = await check.Users.Where(u => u.Id == person.UserId).Select(u => u.Email).SingleAsync();
        (await check.OutboxMessages.AnyAsync(m => m.To == email)).ShouldBeFalse();
    }

    [Fact]
    public async Task An_organisation_is_notified_through_its_representatives()
    {
        var data = new TestData(App);
        var organisation = await data.OrganisationAsync();
        var first = await data.UserAsync(organisation: organisation.Id);
        var second = await data.UserAsync(organisation: organisation.Id);
        var outsider = await data.UserAsync();
        var call = await data.CallAsync();
        await using (var db = await App.DbAsync())
        {
            await Notifier.NotifyOrganisationsAsync(db, [organisation.Id, organisation.Id], NotificationType.RoundOpened, call.Id, $"/calls/{call.Slug}/budget", Text(call.Title));
            await db.SaveChangesAsync();
        }

        await using var check = await App.DbAsync();
        var recipients = await check.Notifications.Where(n => n.CallId == call.Id).Select(n => n.UserId).ToListAsync();
        recipients.ShouldBe([first.UserId!, second.UserId!], ignoreOrder: true);
        recipients.ShouldNotContain(outsider.UserId!);
        (await check.OutboxMessages.CountAsync(m => m.Kind == Notifier.MailKind(NotificationType.RoundOpened) && m.Subject.Contains(call.Title))).ShouldBe(2);
    }

    private Notifier Notifier => App.Services.GetRequiredService<Notifier>();

    private static NotificationText Text(string title) =>
        new(new Words("notifications.round.opened.title", title), new Words("notifications.round.opened.body", new Day(TestClock.Today.AddDays(14))));

    private async Task NotifyAsync(string[] userIds, Guid callId)
    {
        await using var db = await App.DbAsync();
        var slug = await db.Calls.Where(c => c.Id == callId).Select(c => c.Slug).SingleAsync();
        await Notifier.NotifyUsersAsync(db, userIds, NotificationType.RoundOpened, callId, $"/calls/{slug}/budget", Text(await db.Calls.Where(c => c.Id == callId).Select(c => c.Title).SingleAsync()));
        await db.SaveChangesAsync();
    }

    private async Task<string> EmailAsync(string userId)
    {
        await using var db = await App.DbAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync();
    }

    private async Task<HashSet<string>> EmailsAsync(params string[] userIds)
    {
        await using var db = await App.DbAsync();
        return (await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Email!).ToListAsync()).ToHashSet();
    }

    /// <summary>Waits for <paramref name="count"/> mails to <paramref name="to"/>, then lets the outbox settle and reads them all.</summary>
    private async Task<IReadOnlyList<ReceivedMail>> WaitForMailsAsync(int count, HashSet<string> to)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await using (var db = await App.DbAsync())
            {
                var queued = await db.OutboxMessages.AnyAsync(m => to.Contains(m.To) && m.State == OutboxState.Queued);
                var mails = (await Smtp.MessagesAsync()).Where(m => m.To.Any(to.Contains)).ToList();
                if (!queued && mails.Count >= count)
                {
                    mails.Count.ShouldBe(count);
                    return mails;
                }
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{count} mails did not arrive");
            await Task.Delay(200);
        }
    }
}
