using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Notifications;

/// <summary>
/// A member sees the bell's count rise live, opens the notification centre, marks all read, and sets a preference;
/// the unsubscribe confirmation page opens from a mail's link. Every new page is scanned with axe and fits a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationCentreTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public Task A_member_sees_the_bell_count_live_and_marks_all_read() => browser.RunWithPeopleAsync(async people =>
    {
        var (email, userId) = await PersonAsync();
        await NotifyAsync(userId, "Le tour de financement de « Communs du Bocage » est ouvert");
        await NotifyAsync(userId, "Votre commun « Registre des trajets » est approuvé");

        var page = await people.OpenPageAsync("member");
        await page.SubmitSignInAsync(email, DemoData.Password);
        await page.WaitForInteractiveAsync();
        var bell = page.GetByTestId("bell").First;
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Notifications, 2 non lues");

        // Added while the page is open: the bell follows without a reload.
        await NotifyAsync(userId, "Jalon « Prototype » à échéance le 14 décembre 2026");
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Notifications, 3 non lues");

        await bell.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("notification")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("notification-link").First).ToHaveTextAsync("Jalon « Prototype » à échéance le 14 décembre 2026");
        await page.AssertAccessibleAsync();
        await SaveAsync(page, "notifications-1280");

        await page.GetByTestId("mark-all-read").ClickAsync();
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Notifications");
        await Expect(page.GetByTestId("bell-count")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=notification][data-read=false]")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GetByTestId("preferences-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Préférences de notification", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        // The types are grouped by what they concern, in the order a call lives them.
        await Expect(page.GetByTestId("preferences-topic").Locator("th[scope=colgroup]")).ToHaveTextAsync([
            "Le tour de cofinancement", "Mes communs, l'évaluation et la sélection", "Les groupes de travail", "Le suivi des communs financés",
            "Questions, réponses et annonces", "Mes rôles et mes badges"]);
        await Expect(page.GetByTestId("preferences-topic").Last).ToContainTextAsync("Badges décernés à moi ou à mon organisation");
        await page.GetByLabel("Annonces de l'animation").SelectOptionAsync("Off");
        await page.GetByTestId("digest-hour").SelectOptionAsync("18");
        await page.GetByTestId("save-preferences").ClickAsync();
        await Expect(page.GetByTestId("preferences-saved")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await SaveAsync(page, "notification-preferences-1280");
        var saved = await browser.App.Services.GetRequiredService<NotificationCentre>().PreferencesAsync(new Actor(userId, false, false));
        saved.Value!.DigestHour.ShouldBe(18);
        saved.Value.Types.Single(t => t.Type == NotificationType.Announcement).Delivery.ShouldBe(NotificationDelivery.Off);

        var phone = await people.OpenPageAsync("member-phone", Phone);
        await phone.SubmitSignInAsync(email, DemoData.Password, "/notifications");
        await Expect(phone.GetByTestId("notification")).ToHaveCountAsync(3);
        await FitsAsync(phone, "notifications-360");
        await phone.GotoInteractiveAsync("/notifications/preferences");
        await Expect(phone.GetByTestId("preferences")).ToBeVisibleAsync();
        await FitsAsync(phone, "notification-preferences-360");

        var token = browser.App.Services.GetRequiredService<UnsubscribeTokens>().Make(userId, NotificationType.RoundClosing);
        var anonymous = await people.OpenPageAsync("unsubscribe", Phone);
        await anonymous.GotoInteractiveAsync($"/notifications/unsubscribe?token={token}");
        await Expect(anonymous.GetByTestId("unsubscribe-question")).ToHaveTextAsync("Ne plus recevoir de courriels « Rappels avant la clôture du tour » ?");
        await anonymous.AssertAccessibleAsync();
        await anonymous.GetByTestId("unsubscribe-confirm").ClickAsync();
        await Expect(anonymous.GetByTestId("unsubscribe-done")).ToBeVisibleAsync();
        await anonymous.AssertAccessibleAsync();
        await FitsAsync(anonymous, "unsubscribe-360");
    });

    private async Task<(string Email, string UserId)> PersonAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"cloche-{Guid.NewGuid():N}@test.example";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Nour Cloche" };
        (await users.CreateAsync(user, DemoData.Password)).Succeeded.ShouldBeTrue();
        return (email, user.Id);
    }

    private async Task NotifyAsync(string userId, string title)
    {
        // The app's clock stands still unless moved: each notification a second after the last, so the newest is first.
        browser.App.Clock.Advance(TimeSpan.FromSeconds(1));
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await browser.App.Services.GetRequiredService<Notifier>().NotifyUsersAsync(db, [userId], NotificationType.Announcement, null, "/calls",
            new NotificationText(Words.Plain(title), Words.Plain("Détails.")));
        await db.SaveChangesAsync();
    }

    private static async Task FitsAsync(IPage page, string name)
    {
        await SaveAsync(page, name);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(Phone.Width, $"{name} scrolls sideways");
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
