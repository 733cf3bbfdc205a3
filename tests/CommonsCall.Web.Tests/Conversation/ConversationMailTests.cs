using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Conversation;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CommonsCall.Web.Tests.Conversation;

/// <summary>The conversation's notifications through a real SMTP server (smtp4dev): what arrives, to whom.</summary>
public sealed class ConversationMailTests(Smtp4dev smtp, ITestOutputHelper output) : MailAppTests(smtp)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    [Fact]
    public async Task The_asker_receives_the_answer_by_mail_and_in_the_notification_centre()
    {
        var s = await ConversationScenario.CreateAsync(App);
        var asker = s.Call.Author.User;
        var question = await s.PostAsync(asker, "Qui tient la liste des aires ?", CommentKind.Question);
        var answer = await s.PostAsync(s.Call.Facilitator, "La métropole, <b>depuis 2024</b>.", replyTo: question);

        var mail = (await WaitForMailsAsync(1, await EmailAsync(asker))).Single();
        mail.Subject.ShouldBe("Réponse à votre question sur « Comment recenser les aires de covoiturage ? »");
        mail.Headers["List-Unsubscribe"].ShouldStartWith($"<{MailApp.PublicBaseUrl}/notifications/unsubscribe?token=");
        var text = await Smtp.PlainTextAsync(mail);
        text.ShouldContain("La métropole, <b>depuis 2024</b>.");
        text.ShouldContain($"{MailApp.PublicBaseUrl}/calls/{s.Slug}/challenges/{s.Challenge}#comment-{answer}");
        (await Smtp.HtmlAsync(mail)).ShouldNotContain("<b>depuis");

        await using var db = await App.DbAsync();
        var row = await db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == asker.UserId);
        (row.Type, row.CallId).ShouldBe((NotificationType.QuestionAnswered, s.CallId));
        (await db.Notifications.AnyAsync(n => n.UserId == s.Call.Facilitator.UserId)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_reply_to_a_comment_is_kept_for_the_digest_and_answering_oneself_notifies_nobody()
    {
        var s = await ConversationScenario.CreateAsync(App);
        var author = s.Call.Author.User;
        var comment = await s.PostAsync(author, "Bonne idée.");
        await s.PostAsync(author, "Je précise.", replyTo: comment);
        await s.PostAsync(s.Call.Other.User, "D'accord.", replyTo: comment);

        await using var db = await App.DbAsync();
        var row = (await db.Notifications.AsNoTracking().Where(n => n.CallId == s.CallId).ToListAsync()).ShouldHaveSingleItem();
        (row.UserId, row.Type, row.Delivery).ShouldBe((author.UserId!, NotificationType.CommentReply, NotificationDelivery.DailyDigest));
        (await db.OutboxMessages.AnyAsync(m => m.Kind == Notifier.MailKind(NotificationType.CommentReply))).ShouldBeFalse();
    }

    [Fact]
    public async Task An_announcement_reaches_every_participants_representatives_and_nobody_else()
    {
        var s = await ConversationScenario.CreateAsync(App);
        var secondRepresentative = await new TestData(App).UserAsync(organisation: s.Call.Other.Id);
        var recipients = new[] { s.Call.Author.User, s.Call.Other.User, secondRepresentative, s.Call.Third.User };
        var addresses = new HashSet<string>();
        foreach (var person in recipients)
        {
            addresses.UnionWith(await EmailAsync(person));
        }

        var published = await s.Announcements.PublishAsync(s.Call.Facilitator, new PublishAnnouncement("Atelier jeudi", "Rendez-vous à **14 h**.") { CallId = s.CallId });
        published.Error.ShouldBeNull();

        var mails = await WaitForMailsAsync(recipients.Length, addresses);
        mails.Select(m => m.To.Single()).ShouldBe(addresses, ignoreOrder: true);
        mails.ShouldAllBe(m => m.Subject == $"{s.Call.Call.Title} : Atelier jeudi");
        (await Smtp.PlainTextAsync(mails[0])).ShouldContain("Rendez-vous à **14 h**.");
        var outsiders = (await EmailAsync(s.Call.Outsider)).Concat(await EmailAsync(s.Call.Facilitator)).ToHashSet();
        (await Smtp.MessagesAsync()).ShouldNotContain(m => m.To.Any(outsiders.Contains));
    }

    private async Task<HashSet<string>> EmailAsync(Actor person)
    {
        await using var db = await App.DbAsync();
        return [await db.Users.Where(u => u.Id == person.UserId).Select(u => u.Email!).SingleAsync()];
    }

    /// <summary>Waits for <paramref name="count"/> mails to <paramref name="to"/> (generously), then checks no more are queued for them.</summary>
    private async Task<IReadOnlyList<ReceivedMail>> WaitForMailsAsync(int count, HashSet<string> to)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var mails = (await Smtp.MessagesAsync()).Where(m => m.To.Any(to.Contains)).ToList();
            await using var db = await App.DbAsync();
            var queued = await db.OutboxMessages.AnyAsync(m => to.Contains(m.To) && m.State == Features.Mail.OutboxState.Queued);
            if (mails.Count >= count && !queued)
            {
                output.WriteLine($"{mails.Count} mail(s) arrived in {watch.Elapsed.TotalSeconds:0.0} s");
                mails.Count.ShouldBe(count);
                return mails;
            }

            watch.Elapsed.ShouldBeLessThan(Generous, $"{mails.Count} of {count} mails arrived");
            await Task.Delay(200);
        }
    }
}
