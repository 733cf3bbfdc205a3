using CommonsCall.Domain.Evaluation;
using CommonsCall.Domain.Recognition;
using CommonsCall.Web.Features.Evaluation;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Features.Recognition;
using CommonsCall.Web.Tests.Evaluation;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Recognition;

/// <summary>
/// A badge's holder is told when the call awards it, through the notifications and the real SMTP server (smtp4dev): an
/// organisation's representatives or the person, with what it was awarded for and its public page; once per badge,
/// and never for a change that did not commit.
/// </summary>
public sealed class BadgeAwardNoticeTests(Smtp4dev smtp) : MailAppTests(smtp)
{
    private static readonly string Kind = Notifier.MailKind(NotificationType.BadgeAwarded);

    [Fact]
    public async Task Settlement_tells_each_holding_organisations_representatives_once_with_the_commons_and_the_badges_page()
    {
        var s = await FollowUpScenario.CreateAsync(App);
        var badges = await BadgesAsync(s.CallId, BadgeKind.FundedCommonsHolder);
        var lead = badges.Single(b => b.RecipientOrganisationId == s.Lead.Id);

        var mail = await Kit.MailWithSubjectAsync(await Kit.EmailOfAsync(s.Lead.User), "Nouveau badge : « Porteur d'un commun financé »");
        var text = await Smtp.PlainTextAsync(mail);
        text.ShouldContain($"L'appel « {s.Budget.Call.Title} » vous décerne ce badge : un commun que vous portez est financé.");
        text.ShouldContain($"Il est décerné pour « {s.Funded.Title} ».");
        text.ShouldContain($"{MailApp.PublicBaseUrl}/badges/{lead.Id}");
        var seen = (await Kit.NotificationsOfAsync(s.Lead.User, NotificationType.BadgeAwarded)).Where(n => n.Link == $"/badges/{lead.Id}").ShouldHaveSingleItem();
        seen.CallId.ShouldBe(s.CallId);
        (await Kit.NotificationsOfAsync(s.Contributor.User, NotificationType.BadgeAwarded))
            .ShouldNotContain(n => badges.Any(b => n.Link == $"/badges/{b.Id}"), "the contributor does not hold the funded commons");

        // The facts are read again at the next occasion (a delivery, a selection): the co-creator who joined after the
        // settlement is awarded and told then; the lead is neither awarded nor told twice.
        var before = await Kit.OutboxCountAsync(await Kit.EmailOfAsync(s.Lead.User), Kind);
        await using (var db = await App.DbAsync())
        {
            var fresh = await App.Services.GetRequiredService<BadgeIssuer>().IssueAsync(db, s.CallId, App.Clock.GetUtcNow(), CancellationToken.None);
            fresh.ShouldHaveSingleItem().RecipientOrganisationId.ShouldBe(s.Associate.Id);
            await db.SaveChangesAsync();
        }

        await Kit.MailWithSubjectAsync(await Kit.EmailOfAsync(s.Associate.User), "Nouveau badge : « Porteur d'un commun financé »");
        (await Kit.OutboxCountAsync(await Kit.EmailOfAsync(s.Lead.User), Kind)).ShouldBe(before);
        (await Kit.NotificationsOfAsync(s.Lead.User, NotificationType.BadgeAwarded)).Count.ShouldBe(before);
    }

    [Fact]
    public async Task A_published_selection_tells_the_evaluator_in_their_language_without_naming_a_commons()
    {
        var s = await EvaluationScenario.CreateAsync(App);
        await s.StaffAsync();
        await Kit.SetAsync(s.Expert, "en");
        (await s.ScoreAsync(s.Expert, s.Register, 8, 9, 7)).Error.ShouldBeNull();
        var session = await s.Selection.OpenAsync(s.Facilitator, new OpenSession(s.CallId, "Session de printemps", TestClock.Today.AddDays(12)));

        (await s.Selection.PublishAsync(s.Facilitator, new PublishSession(s.CallId, session.Value,
            [new DecisionTerms(s.Register, SelectionOutcome.Selected, "Un registre attendu.")]))).Error.ShouldBeNull();

        var badge = (await BadgesAsync(s.CallId, BadgeKind.Evaluator)).ShouldHaveSingleItem();
        var mail = await Kit.MailWithSubjectAsync(s.ExpertEmail, "New badge: “Evaluator of a commons call”");
        var text = await Smtp.PlainTextAsync(mail);
        text.ShouldContain("you evaluated commons its facilitators decided on");
        text.ShouldContain("Its public page proves it (Open Badges)");
        text.ShouldContain($"/badges/{badge.Id}");
        text.ShouldNotContain("It is awarded for", Case.Sensitive, "a badge of the whole call names no commons");
        (await Kit.NotificationsOfAsync(s.DatasetPerson, NotificationType.BadgeAwarded)).ShouldBeEmpty("they scored nothing the session decided");
    }

    [Fact]
    public async Task A_selection_that_fails_at_commit_awards_nothing_and_tells_nobody()
    {
        var s = await EvaluationScenario.CreateAsync(App);
        await s.StaffAsync();
        (await s.ScoreAsync(s.Expert, s.Register, 8, 9, 7)).Error.ShouldBeNull();
        var session = await s.Selection.OpenAsync(s.Facilitator, new OpenSession(s.CallId, "Session de printemps", TestClock.Today.AddDays(12)));
        // A new badge is refused when the transaction commits, after its notice and mail were added.
        await CommitFaults.RefuseAtCommitAsync(App.ConnectionString, "Badges", "INSERT");

        await Should.ThrowAsync<Npgsql.PostgresException>(() => s.Selection.PublishAsync(s.Facilitator, new PublishSession(s.CallId, session.Value,
            [new DecisionTerms(s.Register, SelectionOutcome.Selected, "Un registre attendu.")])));

        (await BadgesAsync(s.CallId, BadgeKind.Evaluator)).ShouldBeEmpty();
        (await Kit.NotificationsOfAsync(s.Expert, NotificationType.BadgeAwarded)).ShouldBeEmpty();
        (await Kit.OutboxCountAsync(s.ExpertEmail, Kind)).ShouldBe(0);
    }

    private Task<List<Badge>> BadgesAsync(Guid callId, BadgeKind kind) => new TestData(App).BadgesAsync(callId, kind);
}
