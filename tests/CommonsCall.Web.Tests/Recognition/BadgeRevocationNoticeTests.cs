using CommonsCall.Domain.Common;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Domain.Organisations;
using CommonsCall.Domain.Recognition;
using CommonsCall.Web.Features.Evaluation;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Features.Recognition;
using CommonsCall.Web.Tests.Evaluation;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Notifications;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Recognition;

/// <summary>
/// A revoked badge's holder is told, through the notifications and the real SMTP server (smtp4dev): an organisation's
/// representatives or the person, each in their language, with the published reason and the badge's page; once, and
/// never for a revocation that was refused.
/// </summary>
public sealed class BadgeRevocationNoticeTests(Smtp4dev smtp) : MailAppTests(smtp)
{
    private const string Reason = "La co-création du commun a été retirée après vérification.";
    private static readonly string Kind = Notifier.MailKind(NotificationType.BadgeRevoked);

    private BadgeService Badges => App.Services.GetRequiredService<BadgeService>();

    [Fact]
    public async Task The_holding_organisations_representatives_are_told_once_each_in_their_language_with_the_reason()
    {
        var s = await FollowUpScenario.CreateAsync(App);
        var badge = await BadgeAsync(s.CallId, BadgeKind.FundedCommonsHolder);
        var colleague = await new TestData(App).UserAsync(organisation: s.Lead.Id);
        await Kit.SetAsync(s.Lead.User, "en");
        // The facilitator also represents the holder: not told of their own act.
        await using (var db = await App.DbAsync())
        {
            db.OrganisationMembers.Add(new OrganisationMember(s.Lead.Id, s.Facilitator.UserId!));
            await db.SaveChangesAsync();
        }

        (await Badges.RevokeAsync(s.Lead.User, Revoke(badge))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Badges.RevokeAsync(s.Facilitator, Revoke(badge, " "))).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await Kit.NotificationsOfAsync(colleague, NotificationType.BadgeRevoked)).ShouldBeEmpty("a refused revocation tells nobody");

        (await Badges.RevokeAsync(s.Facilitator, Revoke(badge))).Error.ShouldBeNull();

        var page = $"{MailApp.PublicBaseUrl}/badges/{badge.Id}";
        var french = await Kit.MailWithSubjectAsync(await Kit.EmailOfAsync(colleague), "Badge « Porteur d'un commun financé » révoqué");
        var text = await Smtp.PlainTextAsync(french);
        text.ShouldContain($"Les animateurs de l'appel « {s.Budget.Call.Title} » ont révoqué ce badge");
        text.ShouldContain($"Il avait été décerné pour « {s.Funded.Title} ».");
        text.ShouldContain($"Raison publiée : {Reason}");
        text.ShouldContain(page);
        var english = await Kit.MailWithSubjectAsync(await Kit.EmailOfAsync(s.Lead.User), "Badge “Holder of a funded commons” revoked");
        (await Smtp.PlainTextAsync(english)).ShouldContain($"Published reason: {Reason}");
        var seen = (await Kit.NotificationsOfAsync(colleague, NotificationType.BadgeRevoked)).ShouldHaveSingleItem();
        seen.Link.ShouldBe($"/badges/{badge.Id}");
        seen.CallId.ShouldBe(s.CallId);
        (await Kit.NotificationsOfAsync(s.Facilitator, NotificationType.BadgeRevoked)).ShouldBeEmpty("the facilitator revoked it");
        (await Kit.NotificationsOfAsync(s.Associate.User, NotificationType.BadgeRevoked)).ShouldBeEmpty("another organisation's badge");

        // Twice: refused, and nobody hears of it again.
        (await Badges.RevokeAsync(s.Facilitator, Revoke(badge, "Une autre raison"))).Error!.Code.ShouldBe(BadgeCodes.AlreadyRevoked);
        (await Kit.NotificationsOfAsync(colleague, NotificationType.BadgeRevoked)).Count.ShouldBe(1);
        (await Kit.OutboxCountAsync(await Kit.EmailOfAsync(colleague), Kind)).ShouldBe(1);
        (await Kit.OutboxCountAsync(await Kit.EmailOfAsync(s.Lead.User), Kind)).ShouldBe(1);
    }

    [Fact]
    public async Task A_persons_evaluator_badge_revoked_tells_that_person()
    {
        var s = await EvaluationScenario.CreateAsync(App);
        await s.StaffAsync();
        (await s.ScoreAsync(s.Expert, s.Register, 8, 9, 7)).Error.ShouldBeNull();
        var session = await s.Selection.OpenAsync(s.Facilitator, new OpenSession(s.CallId, "Session de printemps", TestClock.Today.AddDays(12)));
        (await s.Selection.PublishAsync(s.Facilitator, new PublishSession(s.CallId, session.Value,
            [new DecisionTerms(s.Register, SelectionOutcome.Selected, "Un registre attendu.")]))).Error.ShouldBeNull();
        var badge = await BadgeAsync(s.CallId, BadgeKind.Evaluator);
        badge.RecipientUserId.ShouldBe(s.Expert.UserId);

        (await Badges.RevokeAsync(s.Facilitator, Revoke(badge, "Conflit d'intérêts découvert après la session."))).Error.ShouldBeNull();

        var mail = await Kit.MailWithSubjectAsync(s.ExpertEmail, "Badge « Évaluateur d'un appel à communs » révoqué");
        var text = await Smtp.PlainTextAsync(mail);
        text.ShouldContain("Raison publiée : Conflit d'intérêts découvert après la session.");
        text.ShouldNotContain("Il avait été décerné pour", Case.Sensitive, "a badge of the whole call names no commons");
        (await Kit.NotificationsOfAsync(s.DatasetPerson, NotificationType.BadgeRevoked)).ShouldBeEmpty();
        (await Kit.OutboxCountAsync(s.ExpertEmail, Kind)).ShouldBe(1);
    }

    [Fact]
    public async Task A_revocation_that_fails_at_commit_leaves_the_badge_standing_and_sends_nothing()
    {
        var s = await FollowUpScenario.CreateAsync(App);
        var badge = await BadgeAsync(s.CallId, BadgeKind.FundedCommonsHolder);
        // A change of a badge is refused when the transaction commits, after the notice and its mail were added.
        await CommitFaults.RefuseAtCommitAsync(App.ConnectionString, "Badges", "UPDATE");

        await Should.ThrowAsync<Npgsql.PostgresException>(() => Badges.RevokeAsync(s.Facilitator, Revoke(badge)));

        (await BadgeAsync(s.CallId, BadgeKind.FundedCommonsHolder)).IsRevoked.ShouldBeFalse();
        (await Kit.NotificationsOfAsync(s.Lead.User, NotificationType.BadgeRevoked)).ShouldBeEmpty();
        (await Kit.OutboxCountAsync(await Kit.EmailOfAsync(s.Lead.User), Kind)).ShouldBe(0);
    }

    private static RevokeBadge Revoke(Badge badge, string reason = Reason) => new(reason) { CallId = badge.CallId, BadgeId = badge.Id };

    private async Task<Badge> BadgeAsync(Guid callId, BadgeKind kind) => (await new TestData(App).BadgesAsync(callId, kind)).Single();
}
