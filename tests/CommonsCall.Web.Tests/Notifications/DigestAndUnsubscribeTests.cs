using System.Net;
using System.Text.RegularExpressions;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Notifications;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Notifications;

/// <summary>Preferences respected: the daily digest at the person's hour, once a day; one-click unsubscribe from a real mail.</summary>
public sealed partial class DigestAndUnsubscribeTests(Smtp4dev smtp) : MailAppTests(smtp)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task A_digest_person_gets_one_mail_the_next_day_at_their_hour_and_not_a_second_that_day()
    {
        var person = await new TestData(App).UserAsync();
        var email = await Kit.EmailOfAsync(person);

        // Their hour has just passed today: the digest goes tomorrow at that hour.
        var hour = TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow().AddHours(-1), Paris).Hour;
        await Kit.SetAsync(person, "en", hour, (NotificationType.Announcement, NotificationDelivery.DailyDigest), (NotificationType.RoundOpened, NotificationDelivery.DailyDigest));
        await NotifyAsync(person, NotificationType.Announcement, "First news");
        await NotifyAsync(person, NotificationType.RoundOpened, "Second news");
        var dueAt = DigestSchedule.NextAt(App.Clock.GetUtcNow(), hour, Paris);
        (dueAt - App.Clock.GetUtcNow()).ShouldBeGreaterThan(TimeSpan.FromHours(20));

        await Kit.RunSchedulerAsync();
        App.Clock.Set(dueAt - TimeSpan.FromMinutes(1));
        await Kit.RunSchedulerAsync();
        (await Kit.OutboxCountAsync(email)).ShouldBe(0, "no mail before the hour, and none for each notification");

        App.Clock.Set(dueAt + TimeSpan.FromMinutes(1));
        await Task.WhenAll(Kit.RunSchedulerAsync(), Kit.RunSchedulerAsync(), Kit.RunSchedulerAsync());
        var digest = (await Kit.MailsToAsync(email, 1)).ShouldHaveSingleItem();
        digest.Subject.ShouldBe("Your CommonsCall digest: 2 notifications");
        var text = await Smtp.PlainTextAsync(digest);
        text.ShouldContain($"First news: ok: {MailApp.PublicBaseUrl}/calls/x");
        text.ShouldContain("Second news");
        digest.Headers["List-Unsubscribe"].ShouldStartWith($"<{MailApp.PublicBaseUrl}/notifications/unsubscribe?token=");

        // Later that day: a new notification waits for tomorrow's digest.
        await NotifyAsync(person, NotificationType.Announcement, "Third news");
        App.Clock.Advance(TimeSpan.FromHours(2));
        await Kit.RunSchedulerAsync();
        (await Kit.OutboxCountAsync(email)).ShouldBe(1);
        App.Clock.Set(DigestSchedule.NextAt(App.Clock.GetUtcNow(), hour, Paris) + TimeSpan.FromMinutes(1));
        await Kit.RunSchedulerAsync();
        (await Kit.MailsToAsync(email, 2)).Count.ShouldBe(2);
        (await Kit.NotificationsOfAsync(person)).ShouldAllBe(n => n.DigestedAt != null);
    }

    [Fact]
    public async Task The_one_click_link_of_a_real_mail_turns_that_type_off_without_signing_in()
    {
        var person = await new TestData(App).UserAsync();
        var email = await Kit.EmailOfAsync(person);
        await NotifyAsync(person, NotificationType.Announcement, "Une annonce");
        var mail = (await Kit.MailsToAsync(email, 1)).ShouldHaveSingleItem();
        var link = HeaderLink().Match(mail.Headers["List-Unsubscribe"]).Groups["url"].Value;
        (await Smtp.PlainTextAsync(mail)).ShouldContain(link, customMessage: "the footer's link is the header's");
        var path = new Uri(link).PathAndQuery;

        var anonymous = App.CreateClient(new() { AllowAutoRedirect = false });
        WebUtility.HtmlDecode(await anonymous.GetStringAsync(path)).ShouldContain("Ne plus recevoir de courriels « Annonces de l'animation » ?");
        (await Kit.NotificationsOfAsync(person)).Count.ShouldBe(1, "opening the page changes nothing");
        var preferences = App.Services.GetRequiredService<NotificationCentre>();
        (await preferences.PreferencesAsync(person)).Value!.Types.Single(t => t.Type == NotificationType.Announcement).Delivery.ShouldBe(NotificationDelivery.Immediately);

        var oneClick = await anonymous.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        oneClick.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode.ShouldBe(HttpStatusCode.OK, "again: no change");

        (await preferences.PreferencesAsync(person)).Value!.Types.Single(t => t.Type == NotificationType.Announcement).Delivery.ShouldBe(NotificationDelivery.Off);
        await NotifyAsync(person, NotificationType.Announcement, "Une autre annonce");
        (await Kit.NotificationsOfAsync(person)).Count.ShouldBe(2, "the centre still shows it");
        (await Kit.OutboxCountAsync(email)).ShouldBe(1, "no mail any more");
        await NotifyAsync(person, NotificationType.RoundOpened, "Un autre type");
        (await Kit.OutboxCountAsync(email)).ShouldBe(2, "other types still mail");
    }

    [Fact]
    public async Task A_forged_or_incomplete_unsubscribe_changes_nothing()
    {
        var person = await new TestData(App).UserAsync();
        var tokens = App.Services.GetRequiredService<UnsubscribeTokens>();
        var good = tokens.Make(person.UserId!, NotificationType.Announcement);
        var anonymous = App.CreateClient(new() { AllowAutoRedirect = false });
        var oneClick = () => new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);

        (await anonymous.PostAsync($"/notifications/unsubscribe?token={good[..^4]}AAAA", oneClick())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.PostAsync("/notifications/unsubscribe?token=not-a-token", oneClick())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.PostAsync("/notifications/unsubscribe", oneClick())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.PostAsync($"/notifications/unsubscribe?token={good}", new FormUrlEncodedContent([new("List-Unsubscribe", "Yes")]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await anonymous.GetStringAsync("/notifications/unsubscribe?token=not-a-token")).ShouldContain("Ce lien de désabonnement n'est pas valide.");

        await using var db = await App.DbAsync();
        (await db.NotificationPreferences.AnyAsync(p => p.UserId == person.UserId)).ShouldBeFalse();
    }

    private async Task NotifyAsync(Actor person, NotificationType type, string title)
    {
        await using var db = await App.DbAsync();
        await Kit.Notifier.NotifyUsersAsync(db, [person.UserId!], type, null, "/calls/x", new NotificationText(new Words("notifications.receipt.line", title, "ok")));
        await db.SaveChangesAsync();
    }

    [GeneratedRegex("<(?<url>[^>]+)>")]
    private static partial Regex HeaderLink();
}
