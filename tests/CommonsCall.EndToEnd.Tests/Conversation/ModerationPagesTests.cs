using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Conversation;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Conversation;

/// <summary>
/// The facilitator's side of the conversation on the demo call: an announcement published from the call page, and a
/// message a member reports with a reason, hidden from the moderation page. axe on both, 1280 and 360 px without sideways scroll.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ModerationPagesTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public Task The_facilitator_announces_on_the_call_page_and_hides_a_reported_message() => browser.RunWithPeopleAsync(async people =>
    {
        var (challengeId, reported) = await PostedMessageAsync();
        var reporter = await people.OpenPageAsync("reporter");
        await reporter.SignInAsync(DemoData.MemberB, $"/calls/{DemoData.CallSlug}/challenges/{challengeId}");
        var message = reporter.GetByTestId("comment").Filter(new() { HasText = reported });
        await message.GetByTestId("report").ClickAsync();
        await message.GetByLabel("Motif du signalement (facultatif)").FillAsync("Irrespectueux envers l'équipe");
        await reporter.AssertAccessibleAsync();
        await SaveAsync(reporter, "comment-report-1280");
        await message.GetByRole(AriaRole.Button, new() { Name = "Envoyer le signalement" }).ClickAsync();
        await Expect(reporter.GetByText("Merci : l'animation examinera ce message.")).ToBeVisibleAsync();

        var facilitator = await people.OpenPageAsync("facilitator");
        await facilitator.SignInAsync(DemoData.Facilitator, $"/calls/{DemoData.CallSlug}");

        var panel = facilitator.GetByTestId("announcements");
        await panel.GetByText("Publier une annonce").ClickAsync();
        await panel.GetByLabel("Titre").FillAsync("Atelier de jeudi");
        await panel.GetByLabel("Texte").FillAsync("Rendez-vous **jeudi à 14 h** à la maison des mobilités.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Publier l'annonce" }).ClickAsync();
        await Expect(panel.GetByTestId("announcement-message")).ToHaveTextAsync("Annonce publiée : les participants sont prévenus.");
        await Expect(panel.GetByTestId("announcement").First).ToContainTextAsync("Atelier de jeudi");
        await facilitator.AssertAccessibleAsync();
        await SaveAsync(facilitator, "call-announcements-1280");

        await facilitator.CallNav("Modération").ClickAsync();
        await Expect(facilitator.GetByRole(AriaRole.Heading, new() { Name = "Modération", Level = 1 })).ToBeVisibleAsync();
        var item = facilitator.GetByTestId("reported-comment").Filter(new() { HasText = reported });
        await Expect(item).ToContainTextAsync("Signalé 1 fois");
        await Expect(item).ToContainTextAsync("Irrespectueux envers l'équipe");
        await facilitator.AssertAccessibleAsync();
        await SaveAsync(facilitator, "moderation-1280");
        await item.GetByLabel("Motif du masquage").FillAsync("Propos hors charte");
        await item.GetByRole(AriaRole.Button, new() { Name = "Masquer" }).ClickAsync();
        await Expect(facilitator.GetByTestId("moderation-message")).ToHaveTextAsync("Message masqué.");
        await Expect(item).ToHaveCountAsync(0);

        var member = await people.OpenPageAsync("member", Phone);
        await member.SignInAsync(DemoData.MemberB, $"/calls/{DemoData.CallSlug}/challenges/{challengeId}");
        await Expect(member.GetByTestId("comment-hidden").First).ToHaveTextAsync("Message masqué par l'animation : Propos hors charte");
        await member.GotoInteractiveAsync($"/calls/{DemoData.CallSlug}");
        await Expect(member.GetByTestId("announcement").First).ToContainTextAsync("Atelier de jeudi");
        await SaveAsync(member, "call-announcements-360");

        // The call page's own tabs (glossary, scope...) are wider than a phone already; the announcements fit in it.
        var box = (await member.GetByTestId("announcements").BoundingBoxAsync()).ShouldNotBeNull();
        (box.X + box.Width).ShouldBeLessThanOrEqualTo(Phone.Width);

        var facilitatorOnPhone = await people.OpenPageAsync("facilitator-phone", Phone);
        await facilitatorOnPhone.SignInAsync(DemoData.Facilitator, $"/calls/{DemoData.CallSlug}/moderation");
        await Expect(facilitatorOnPhone.GetByRole(AriaRole.Heading, new() { Name = "Modération", Level = 1 })).ToBeVisibleAsync();
        await FitsAsync(facilitatorOnPhone, "moderation-360");
    });

    /// <summary>Léa says something on a demo challenge, through the services.</summary>
    private async Task<(Guid ChallengeId, string Text)> PostedMessageAsync()
    {
        var services = browser.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var call = await db.Calls.SingleAsync(c => c.Slug == DemoData.CallSlug);
        var challenge = await db.Challenges.Where(c => c.CallId == call.Id && c.Status == ChallengeStatus.Published).OrderByDescending(c => c.Question).FirstAsync();
        var lea = await db.Users.Where(u => u.Email == DemoData.MemberA.Email).Select(u => u.Id).SingleAsync();
        var comments = services.GetRequiredService<CommentService>();
        var text = $"Ce défi est ridicule ({Guid.NewGuid():N})"[..30];
        var posted = await comments.PostAsync(new Actor(lea, false, false), new PostComment { CallId = call.Id, Subject = DiscussionSubject.Challenge, SubjectId = challenge.Id, Body = text });
        posted.Error.ShouldBeNull();
        return (challenge.Id, text);
    }

    private static async Task FitsAsync(IPage page, string name)
    {
        await SaveAsync(page, name);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, $"{name} scrolls sideways");
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
