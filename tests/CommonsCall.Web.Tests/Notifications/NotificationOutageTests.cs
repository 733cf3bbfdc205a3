using System.Diagnostics;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommonsCall.Web.Tests.Notifications;

/// <summary>A burst of 200 notification mails (one announcement to 200 people) through an SMTP outage: every one arrives, none twice.</summary>
public sealed class NotificationOutageTests(Smtp4dev smtp, ITestOutputHelper output) : IClassFixture<Smtp4dev>
{
    private const int Burst = 200;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Two_hundred_notifications_sent_through_an_SMTP_outage_arrive_complete_and_once()
    {
        var domain = $"notified-{Guid.NewGuid():N}.example";
        var app = new MailApp(smtp.SmtpPort);
        await app.InitializeAsync();
        try
        {
            var people = new List<string>();
            await using (var db = await app.DbAsync())
            {
                for (var i = 0; i < Burst; i++)
                {
                    var email = $"person-{i:D3}@{domain}";
                    var user = new AppUser { UserName = email, Email = email, DisplayName = $"Personne {i:D3}" };
                    db.Users.Add(user);
                    people.Add(user.Id);
                }

                await db.SaveChangesAsync();
            }

            var baseline = await smtp.CountAsync();
            var watch = Stopwatch.StartNew();
            await using (var db = await app.DbAsync())
            {
                await app.Services.GetRequiredService<Notifier>().NotifyUsersAsync(db, people, NotificationType.Announcement, null, "/calls",
                    new NotificationText(new Words("notifications.round.opened.title", "Communs du Bocage")));
                await db.SaveChangesAsync();
            }

            await smtp.WaitForCountAsync(baseline + 20, Generous);
            smtp.Stop();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await using (var db = await app.DbAsync())
            {
                (await db.OutboxMessages.CountAsync(m => m.To.EndsWith("@" + domain) && m.State == OutboxState.Queued && m.Attempts > 0))
                    .ShouldBeGreaterThan(0, "the outage should have been met");
            }

            await smtp.StartAsync();
            app.Clock.Advance(TimeSpan.FromHours(2));
            await app.WaitUntilSettledAsync(domain, Generous);
            output.WriteLine($"all {Burst} handed to SMTP {watch.Elapsed.TotalSeconds:0.0} s after the notification (3 s of outage included)");

            await using var check = await app.DbAsync();
            (await check.Notifications.CountAsync(n => people.Contains(n.UserId))).ShouldBe(Burst);
            var outbox = await check.OutboxMessages.AsNoTracking().Where(m => m.To.EndsWith("@" + domain)).ToListAsync();
            outbox.Count.ShouldBe(Burst);
            outbox.ShouldAllBe(m => m.State == OutboxState.Sent && m.UnsubscribeUrl != null);

            // As in Mail/OutboxFaultTests: smtp4dev answers 250 before it stores a message, so one it accepted in the
            // instant it was stopped may be missing on its side (no real mail server may do that); none may arrive twice.
            try
            {
                await smtp.WaitForCountAsync(baseline + Burst, TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException ex)
            {
                output.WriteLine(ex.Message);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            var received = await smtp.MessagesAsync();
            var arrived = received.Select(m => m.MessageId).ToHashSet();
            var missing = outbox.Where(m => !arrived.Contains(m.MessageId)).ToList();
            missing.ForEach(m => output.WriteLine($"accepted by smtp4dev as it stopped but not stored by it: {m.To}"));
            missing.Count.ShouldBeLessThanOrEqualTo(2);
            missing.ShouldAllBe(m => m.Attempts == 1 && m.SentAt < app.Clock.GetUtcNow());
            var ours = received.Where(m => m.To.Any(t => t.EndsWith("@" + domain, StringComparison.Ordinal))).ToList();
            ours.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).ShouldBeEmpty("sent twice (same Message-Id)");
            ours.GroupBy(m => string.Join(",", m.To)).Where(g => g.Count() > 1).ShouldBeEmpty("one person got it twice");
            ours.Count.ShouldBe(Burst - missing.Count);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
