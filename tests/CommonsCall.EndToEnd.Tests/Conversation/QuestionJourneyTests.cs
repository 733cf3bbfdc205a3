using CommonsCall.Domain.Challenges;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Conversation;

/// <summary>
/// Issue 13's proof, in French, against the demo app mailing to smtp4dev: a person invited to represent Covoit'Ouest
/// receives the invitation mail and registers through its link; the round's closing reminder reaches them when the
/// clock nears the closing date; they ask a question on a micro-challenge, the facilitator answers, and they see the
/// answer in the bell and by mail, then unsubscribe from answers with the mail's link. axe on each new page, 1280 and 360 px.
/// </summary>
public sealed class QuestionJourneyTests(MailingDemoFixture fixture) : IClassFixture<MailingDemoFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public Task A_new_member_asks_a_question_gets_the_answer_in_the_bell_and_by_mail_and_unsubscribes() => fixture.Browser.RunWithPeopleAsync(async people =>
    {
        var app = fixture.App;
        var email = $"ines-{Guid.NewGuid():N}"[..13] + "@covoit-ouest.example";
        var (challengeId, question) = await InviteAsync(email);

        // The invitation mail, and its link that registers.
        var invitation = await fixture.MailAsync(email, "invitation");
        var member = await people.OpenPageAsync("member");
        await member.GotoAsync(await fixture.LinkAsync(invitation, "/account/register"));
        await member.Locator("#name").FillAsync("Inès Moreau");
        await member.Locator("#password").FillAsync("Communs-Ines-2026");
        await member.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await member.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await member.WaitForInteractiveAsync();

        // The clock nears the round's closing date: Covoit'Ouest still has money to spread, so its new representative is reminded.
        app.Clock.Set(TestClock.Start.AddDays(13));
        await app.Services.GetRequiredService<NotificationScheduler>().RunDueAsync();
        (await fixture.MailAsync(email, "se clôt dans")).Subject.ShouldContain("Communs des tiers-lieux du Bocage");

        // A question on a micro-challenge of the mobility call.
        var challengeUrl = $"/calls/{DemoData.CallSlug}/challenges/{challengeId}";
        await member.GotoInteractiveAsync(challengeUrl);
        var discussion = member.GetByTestId("discussion");
        await discussion.GetByLabel("Question à la personne ressource").CheckAsync();
        await discussion.GetByLabel("Votre message").FillAsync("Qui **tient** la liste des aires aujourd'hui ?");
        await discussion.GetByRole(AriaRole.Button, new() { Name = "Poser la question" }).ClickAsync();
        await Expect(discussion.GetByTestId("discussion-message")).ToHaveTextAsync("Votre question est publiée.");
        var thread = discussion.GetByTestId("thread").Filter(new() { HasText = "la liste des aires aujourd'hui" });
        await Expect(thread.GetByTestId("question-badge")).ToHaveTextAsync("Question");
        await member.AssertAccessibleAsync();
        await SaveAsync(member, "discussion-question-1280");
        await Expect(member.GetByTestId("bell")).Not.ToHaveAttributeAsync("data-unread", "0");
        var unread = int.Parse((await member.GetByTestId("bell").GetAttributeAsync("data-unread"))!, System.Globalization.CultureInfo.InvariantCulture);

        // The facilitator answers it.
        var facilitator = await people.OpenPageAsync("facilitator");
        await facilitator.SignInAsync(DemoData.Facilitator, challengeUrl);
        var theirThread = facilitator.GetByTestId("thread").Filter(new() { HasText = "la liste des aires aujourd'hui" });
        await theirThread.GetByRole(AriaRole.Button, new() { Name = "Répondre à la question" }).ClickAsync();
        await theirThread.GetByLabel("Votre réponse").FillAsync("La métropole la tient depuis 2024 : je vous envoie le lien.");
        await theirThread.GetByRole(AriaRole.Button, new() { Name = "Envoyer la réponse" }).ClickAsync();
        await Expect(facilitator.GetByTestId("discussion-message")).ToHaveTextAsync("Votre réponse est publiée.");
        await facilitator.AssertAccessibleAsync();

        // The member sees it in the bell, live, then in the notification centre, and accepts the answer.
        await Expect(member.GetByTestId("bell")).ToHaveAttributeAsync("data-unread", (unread + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 30_000 });
        await member.GetByTestId("bell").ClickAsync();
        var notification = member.GetByTestId("notification-link").Filter(new() { HasText = $"Réponse à votre question sur « {question} »" });
        await Expect(notification).ToBeVisibleAsync();
        await notification.ClickAsync();
        var answered = member.GetByTestId("thread").Filter(new() { HasText = "la liste des aires aujourd'hui" });
        await answered.GetByRole(AriaRole.Button, new() { Name = "Accepter cette réponse" }).ClickAsync();
        await Expect(answered.GetByTestId("accepted-badge")).ToHaveTextAsync("Réponse acceptée");
        await Expect(answered.GetByTestId("question-badge")).ToHaveTextAsync("Question résolue");

        // And by mail, whose link unsubscribes from answers to questions.
        var answerMail = await fixture.MailAsync(email, "Réponse à votre question");
        (await fixture.Smtp.PlainTextAsync(answerMail)).ShouldContain("La métropole la tient depuis 2024");
        await member.GotoInteractiveAsync(await fixture.LinkAsync(answerMail, "/notifications/unsubscribe"));
        await member.GetByTestId("unsubscribe-confirm").ClickAsync();
        await Expect(member.GetByTestId("unsubscribe-done")).ToContainTextAsync("Réponses à mes questions");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        (await db.NotificationPreferences.SingleAsync(p => p.UserId == userId && p.Type == NotificationType.QuestionAnswered)).Delivery.ShouldBe(NotificationDelivery.Off);

        // The discussion on a phone: no sideways scroll.
        var phone = await people.OpenPageAsync("member-phone", Phone);
        await phone.SubmitSignInAsync(email, "Communs-Ines-2026", challengeUrl);
        await Expect(phone.GetByTestId("discussion").GetByTestId("accepted-badge")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await SaveAsync(phone, "discussion-answered-360");
        var wider = await phone.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 5)");
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, string.Join("; ", wider));
    });

    /// <summary>Léa invites a new representative of Covoit'Ouest (the invitation is mailed); the first published challenge of the mobility call.</summary>
    private async Task<(Guid ChallengeId, string Question)> InviteAsync(string email)
    {
        var services = fixture.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var lea = await db.Users.SingleAsync(u => u.Email == DemoData.MemberA.Email);
        var covoit = await db.OrganisationMembers.Where(m => m.UserId == lea.Id).Select(m => m.OrganisationId).FirstAsync();
        var challenge = await db.Challenges.Where(c => c.Status == ChallengeStatus.Published && db.Calls.Any(call => call.Id == c.CallId && call.Slug == DemoData.CallSlug))
            .OrderBy(c => c.Question).FirstAsync();
        await using var scope = services.CreateAsyncScope();
        var invited = await scope.ServiceProvider.GetRequiredService<InvitationService>().CreateAsync(new Actor(lea.Id, false, false), new CreateInvitation(email, null, covoit));
        invited.Error.ShouldBeNull();
        return (challenge.Id, challenge.Question);
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
