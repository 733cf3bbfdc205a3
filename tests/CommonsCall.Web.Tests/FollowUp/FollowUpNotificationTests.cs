using System.Globalization;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Notifications;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.FollowUp;

/// <summary>
/// Issue 15 §2: each follow-up event reaches the people it concerns, in the change's own transaction, in their
/// language; the person who made the change is not told of it, and a refused change tells nobody.
/// </summary>
public sealed class FollowUpNotificationTests(Smtp4dev smtp) : MailAppTests(smtp)
{
    private static readonly CultureInfo French = new("fr");
    private static readonly CultureInfo English = new("en");

    [Fact]
    public async Task An_accepted_milestone_mails_the_holders_and_the_funders_the_tranche_paid_each_in_their_language()
    {
        var s = await FollowUpScenario.CreateAsync(App);
        await Kit.SetAsync(s.Associate.User, "en");
        await s.StartAsync();
        (await s.DeclareAsync(s.Associate, s.SecondMilestone)).Error.ShouldBeNull();

        // The facilitator also represents the funder: told through neither, since the change is theirs.
        await using (var db = await App.DbAsync())
        {
            db.OrganisationMembers.Add(new OrganisationMember(s.Funder.Id, s.Facilitator.UserId!));
            await db.SaveChangesAsync();
        }

        (await s.AcceptAsync(s.SecondMilestone)).Error.ShouldBeNull();

        var title = s.Funded.Title;
        var link = $"{MailApp.PublicBaseUrl}/calls/{s.Budget.Call.Slug}/commons/{s.Funded.Id}/follow-up";
        foreach (var (person, language) in new[] { (s.Lead, French), (s.Funder, French) })
        {
            var mail = (await Kit.MailsToAsync(await Kit.EmailOfAsync(person.User), 1))
                .Single(m => m.Subject == $"« {title} » : jalon « {s.SecondMilestone.Title} » validé");
            var text = await Smtp.PlainTextAsync(mail);
            text.ShouldContain($"La tranche liée à ce jalon, {Money.Format(60_000, "EUR", language)}, est versée à {s.Lead.Organisation.Name}.");
            text.ShouldContain($"Versé au total : {Money.Format(105_000, "EUR", language)} sur {Money.Format(FollowUpScenario.Award, "EUR", language)}.");
            text.ShouldContain(link);
        }

        var english = (await Kit.MailsToAsync(await Kit.EmailOfAsync(s.Associate.User), 1))
            .Single(m => m.Subject == $"“{title}”: milestone “{s.SecondMilestone.Title}” accepted");
        (await Smtp.PlainTextAsync(english)).ShouldContain($"Paid in all: {Money.Format(105_000, "EUR", English)} of {Money.Format(FollowUpScenario.Award, "EUR", English)}.");

        (await Kit.NotificationsOfAsync(s.Contributor.User, NotificationType.MilestoneAccepted)).ShouldBeEmpty("a contributor holds nothing and funds nothing");
        (await Kit.NotificationsOfAsync(s.Facilitator, NotificationType.MilestoneAccepted)).ShouldBeEmpty("the facilitator, who also represents the funder, accepted it");
        (await Kit.OutboxCountAsync(await Kit.EmailOfAsync(s.Lead.User), Notifier.MailKind(NotificationType.MilestoneAccepted))).ShouldBe(1);
    }

    [Fact]
    public async Task The_last_milestone_accepted_says_the_commons_is_delivered()
    {
        var s = await FollowUpScenario.CreateAsync(App);
        await s.StartAsync();
        foreach (var milestone in new[] { s.SecondMilestone, s.Delivery })
        {
            (await s.DeclareAsync(s.Lead, milestone)).Error.ShouldBeNull();
            (await s.AcceptAsync(milestone)).Error.ShouldBeNull();
        }

        var last = (await Kit.NotificationsOfAsync(s.Funder.User, NotificationType.MilestoneAccepted)).Last();
        last.Body.ShouldContain("Toutes les tranches sont versées : le commun est livré.");
        last.Body.ShouldContain($"Versé au total : {Money.Format(FollowUpScenario.Award, "EUR", French)} sur {Money.Format(FollowUpScenario.Award, "EUR", French)}.");
    }

    [Fact]
    public async Task Each_follow_up_event_reaches_the_people_it_concerns_and_not_the_one_who_made_it()
    {
        var s = await FollowUpScenario.CreateAsync(App);
        async Task<IReadOnlyList<Notification>> Of(Member who, NotificationType type) => await Kit.NotificationsOfAsync(who.User, type);

        (await s.Agreements.ProposeScheduleAsync(s.Facilitator, s.UsualSchedule)).Error.ShouldBeNull();
        var proposed = (await Of(s.Lead, NotificationType.ScheduleProposed)).Single();
        proposed.Title.ShouldBe($"« {s.Funded.Title} » : un échéancier de versement vous est proposé");
        proposed.Body.ShouldContain($"montant attribué de {Money.Format(FollowUpScenario.Award, "EUR", French)} en 3 tranches");
        proposed.Link.ShouldBe($"/calls/{s.Budget.Call.Slug}/commons/{s.Funded.Id}/follow-up");
        (await Of(s.Associate, NotificationType.ScheduleProposed)).ShouldBeEmpty("only the lead holder accepts a schedule");

        (await s.Agreements.AcceptScheduleAsync(s.Associate.User, new AcceptSchedule(s.CallId, s.Funded.Id))).Error.ShouldNotBeNull();
        (await Kit.NotificationsOfAsync(s.Facilitator, NotificationType.ScheduleAccepted)).ShouldBeEmpty("a refused acceptance tells nobody");

        (await s.Agreements.AcceptScheduleAsync(s.Lead.User, new AcceptSchedule(s.CallId, s.Funded.Id))).Error.ShouldBeNull();
        var accepted = (await Kit.NotificationsOfAsync(s.Facilitator, NotificationType.ScheduleAccepted)).Single();
        accepted.Body.ShouldBe($"{s.Lead.Organisation.Name} a accepté l'échéancier ; {Money.Format(45_000, "EUR", French)} sont versés au démarrage.");
        accepted.Delivery.ShouldBe(NotificationDelivery.DailyDigest, "an accepted schedule asks nothing of those it informs");
        (await Of(s.Funder, NotificationType.ScheduleAccepted)).Count.ShouldBe(1);
        (await Of(s.Lead, NotificationType.ScheduleAccepted)).ShouldBeEmpty("the lead holder accepted it");

        (await s.DeclareAsync(s.Associate, s.SecondMilestone)).Error.ShouldBeNull();
        var declared = (await Kit.NotificationsOfAsync(s.Facilitator, NotificationType.MilestoneDeclared)).Single();
        declared.Title.ShouldBe($"« {s.Funded.Title} » : jalon « {s.SecondMilestone.Title} » déclaré réalisé");
        declared.Body.ShouldStartWith($"{s.Associate.Organisation.Name} déclare ce jalon réalisé");
        declared.Delivery.ShouldBe(NotificationDelivery.Immediately);
        (await Of(s.Funder, NotificationType.MilestoneDeclared)).ShouldBeEmpty();
        (await Of(s.Associate, NotificationType.MilestoneDeclared)).ShouldBeEmpty();

        (await s.Agreements.AskChangesAsync(s.Facilitator, new AskMilestoneChanges(s.CallId, s.Funded.Id, s.SecondMilestone.Id, "Ajoutez le journal des tests."))).Error.ShouldBeNull();
        foreach (var holder in new[] { s.Lead, s.Associate })
        {
            (await Of(holder, NotificationType.MilestoneChangesAsked)).Single().Body.ShouldBe("Demande de l'animation : Ajoutez le journal des tests.");
        }

        (await Of(s.Funder, NotificationType.MilestoneChangesAsked)).ShouldBeEmpty();

        (await s.Agreements.CorrectAsync(s.Facilitator, new CorrectAward(s.CallId, s.Funded.Id, 160_000, "Erreur de saisie de l'abondement"))).Error.ShouldBeNull();
        foreach (var told in new[] { s.Lead, s.Funder })
        {
            var corrected = (await Of(told, NotificationType.AwardCorrected)).Single();
            corrected.Body.ShouldContain($"Le montant attribué passe de {Money.Format(150_000, "EUR", French)} à {Money.Format(160_000, "EUR", French)}.");
            corrected.Body.ShouldContain("Motif : Erreur de saisie de l'abondement");
        }

        (await Of(s.Associate, NotificationType.AwardCorrected)).ShouldBeEmpty("the lead holder receives the money");

        (await s.Agreements.CancelAsync(s.Facilitator, new CancelAgreement(s.CallId, s.Funded.Id, "Le porteur arrête le projet."))).Error.ShouldBeNull();
        foreach (var told in new[] { s.Lead, s.Associate, s.Funder })
        {
            var cancelled = (await Of(told, NotificationType.AgreementCancelled)).Single();
            cancelled.Title.ShouldBe($"« {s.Funded.Title} » est annulé");
            cancelled.Body.ShouldContain("Motif : Le porteur arrête le projet.");
            cancelled.Body.ShouldContain($"Versé avant l'annulation : {Money.Format(45_000, "EUR", French)}. Retourné à l'enveloppe : {Money.Format(115_000, "EUR", French)}.");
        }

        (await Of(s.Contributor, NotificationType.AgreementCancelled)).ShouldBeEmpty();
    }
}
