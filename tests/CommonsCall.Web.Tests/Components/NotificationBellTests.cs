using System.Security.Claims;
using Bunit;
using CommonsCall.Web.Components.Layout;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Components;

/// <summary>
/// The bell on the real app: a notification committed anywhere reaches it through PostgreSQL's NOTIFY and the app's
/// listener, and so does reading it; another person's notification does not move it.
/// </summary>
public sealed class NotificationBellTests : ComponentTestContext, IClassFixture<AppFactory>
{
    private readonly AppFactory _app;
    private readonly TestData _data;

    public NotificationBellTests(AppFactory app)
    {
        _app = app;
        _data = new TestData(app);
        Services.AddFallbackServiceProvider(app.Services);
    }

    private IRenderedComponent<NotificationBell> RenderFor(Actor person) =>
        Render<NotificationBell>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person.UserId!)], "test"))))));

    [Fact]
    public async Task The_unread_count_follows_new_and_read_notifications_live()
    {
        await _app.Services.GetRequiredService<NotificationListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var person = await _data.UserAsync();
        var someoneElse = await _data.UserAsync();
        await NotifyAsync(person);
        var cut = RenderFor(person);
        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-count]").TextContent.ShouldBe("1"));
        cut.Find("[data-testid=bell]").GetAttribute("aria-label").ShouldBe("Notifications, 1 non lues");

        await NotifyAsync(person);
        await NotifyAsync(person);
        cut.WaitForAssertion(() => cut.Find("[data-testid=bell-count]").TextContent.ShouldBe("3"));

        await NotifyAsync(someoneElse);
        (await _app.Services.GetRequiredService<NotificationCentre>().MarkAllReadAsync(person)).Error.ShouldBeNull();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=bell-count]").ShouldBeEmpty());
        cut.Find("[data-testid=bell]").GetAttribute("aria-label").ShouldBe("Notifications");
    }

    [Fact]
    public void Nobody_signed_in_has_no_bell()
    {
        var cut = Render<NotificationBell>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())))));
        cut.FindAll("[data-testid=bell]").ShouldBeEmpty();
    }

    private async Task NotifyAsync(Actor person)
    {
        await using var db = await _data.DbAsync();
        await _app.Services.GetRequiredService<Notifier>().NotifyUsersAsync(db, [person.UserId!], NotificationType.Announcement, null, "/calls",
            new NotificationText(new Words("notifications.round.opened.title", "Bocage")));
        await db.SaveChangesAsync();
    }
}
