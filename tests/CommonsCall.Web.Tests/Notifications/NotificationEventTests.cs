using System.Globalization;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Tests.Notifications;

/// <summary>Issue 13 §2: each event of the round and of the review reaches the right people, in the centre and by mail, in their language.</summary>
public sealed class NotificationEventTests(Smtp4dev smtp) : MailAppTests(smtp)
{
    private static readonly CultureInfo French = new("fr");
    private static readonly CultureInfo English = new("en");

    [Fact]
    public async Task A_burst_of_contribution_changes_gives_one_receipt_with_the_figures_after_the_last()
    {
        var s = await BudgetScenario.CreateAsync(App, 2, 100_000, null, (10_000, 80_000), (10_000, 80_000));
        await s.OpenRoundAsync();
        var member = s.Members[1];
        await Kit.SetAsync(member.User, "en");
        (await s.ContributeAsync(member, s.Commons[0], 10_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(member, s.Commons[0], 20_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(member, s.Commons[1], 5_000)).Error.ShouldBeNull();

        await Kit.RunSchedulerAsync();
        (await Kit.NotificationsOfAsync(member.User, NotificationType.ContributionReceipt)).ShouldBeEmpty("the receipt waits for the end of the burst");

        App.Clock.Advance(TimeSpan.FromMinutes(3));
        await Kit.RunSchedulerAsync();
        await Kit.RunSchedulerAsync();

        var email = await Kit.EmailOfAsync(member.User);
        var subject = $"Receipt: your contributions in “{s.Call.Title}”";
        var receipts = (await Kit.MailsToAsync(email, 1)).Where(m => m.Subject == subject).ToList();
        receipts.Count.ShouldBe(1);
        var text = await Smtp.PlainTextAsync(receipts[0]);
        text.ShouldContain($"Commun 1: {Money.Format(20_000, "EUR", English)}");
        text.ShouldContain($"Commun 2: {Money.Format(5_000, "EUR", English)}");
        text.ShouldContain($"You have spread {Money.Format(25_000, "EUR", English)} in all; {Money.Format(25_000, "EUR", English)} is left to spread.");
        text.ShouldContain($"{MailApp.PublicBaseUrl}/calls/{s.Call.Slug}/funding");
        (await Kit.NotificationsOfAsync(member.User, NotificationType.ContributionReceipt)).Single().Title.ShouldBe(subject);
        (await Kit.NotificationsOfAsync(s.Members[0].User, NotificationType.ContributionReceipt)).ShouldBeEmpty("the other member changed nothing");
    }

    [Fact]
    public async Task Closing_the_round_tells_each_member_what_became_of_its_money()
    {
        var s = await BudgetScenario.CreateAsync(App, 2, 100_000, null, (10_000, 80_000), (60_000, 80_000));
        await s.OpenRoundAsync();
        // Members[0] proposed the commons, and may not fund them.
        var member = s.Members[1];
        (await s.ContributeAsync(member, s.Commons[0], 20_000)).Error.ShouldBeNull();
        (await s.ContributeAsync(member, s.Commons[1], 10_000)).Error.ShouldBeNull();

        (await s.Round.CloseAsync(s.Facilitator, new Features.Budgeting.CloseRound(s.Call.Id))).Error.ShouldBeNull();

        var email = await Kit.EmailOfAsync(member.User);
        var subject = $"Le tour de « {s.Call.Title} » est clos : vos résultats";
        var mail = (await Kit.MailsToAsync(email, 1)).Single(m => m.Subject == subject);
        var text = await Smtp.PlainTextAsync(mail);
        text.ShouldContain($"Commun 1 : financé (vous avez donné {Money.Format(20_000, "EUR", French)})");
        text.ShouldContain($"Commun 2 : non financé, vos {Money.Format(10_000, "EUR", French)} vous sont rendus");
        text.ShouldContain($"Non dépensé : {Money.Format(30_000, "EUR", French)}.");
        var other = (await Kit.NotificationsOfAsync(s.Members[0].User, NotificationType.RoundClosed)).Single();
        other.Body.ShouldContain("Vous n'avez contribué à aucun commun.");
        other.Link.ShouldBe($"/calls/{s.Call.Slug}/results");
        (await Kit.NotificationsOfAsync(s.Funder.User, NotificationType.RoundClosed)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_round_opening_reaches_each_member_once_and_not_the_funder()
    {
        var s = await BudgetScenario.CreateAsync(App, 2, 100_000, new BudgetRules { FundingClosesAt = App.Clock.GetUtcNow().AddDays(10) }, (10_000, 80_000));
        await s.OpenRoundAsync();

        await Task.WhenAll(Kit.RunSchedulerAsync(), Kit.RunSchedulerAsync());
        await Kit.RunSchedulerAsync();

        var subject = $"Le tour de financement de « {s.Call.Title} » est ouvert";
        foreach (var member in s.Members)
        {
            (await Kit.MailsToAsync(await Kit.EmailOfAsync(member.User), 1)).Count(m => m.Subject == subject).ShouldBe(1);
            (await Kit.NotificationsOfAsync(member.User, NotificationType.RoundOpened)).Count.ShouldBe(1);
        }

        (await Kit.NotificationsOfAsync(s.Funder.User, NotificationType.RoundOpened)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_commons_sent_back_tells_its_proposer_the_comment_and_an_approval_says_so()
    {
        var data = new TestData(App);
        var facilitator = await data.UserAsync(Roles.Facilitator);
        var call = await data.CallAsync(facilitator: facilitator);
        var organisation = await data.OrganisationAsync();
        var french = await data.UserAsync(organisation: organisation.Id);
        var english = await data.UserAsync(organisation: organisation.Id);
        await Kit.SetAsync(english, "en");
        var commons = new CommonsEntity(call.Id, organisation.Id, "Registre <des> trajets", "Résumé", CommonsKind.Software, "MIT", App.Clock.GetUtcNow());
        commons.SetBudgetLines([new BudgetLine("Développement", 10_000, 20_000)]);
        await using (var db = await data.DbAsync())
        {
            db.Commons.Add(commons);
            await db.SaveChangesAsync();
        }

        var reviews = App.Services.GetRequiredService<CommonsReviewService>();
        (await reviews.SendBackAsync(facilitator, new SendBackCommons(call.Id, commons.Id, "Précisez le budget <b>svp</b>"))).Error.ShouldBeNull();
        (await reviews.ApproveAsync(facilitator, new ApproveCommons(call.Id, commons.Id))).Error.ShouldBeNull();

        var sentBack = (await Kit.MailsToAsync(await Kit.EmailOfAsync(french), 2)).Single(m => m.Subject == "Votre commun « Registre <des> trajets » vous est renvoyé");
        (await Smtp.PlainTextAsync(sentBack)).ShouldContain("Commentaire de l'animation : Précisez le budget <b>svp</b>");
        (await Smtp.HtmlAsync(sentBack)).ShouldContain("le budget &lt;b&gt;svp&lt;/b&gt;");
        var english_ = await Kit.MailsToAsync(await Kit.EmailOfAsync(english), 2);
        english_.Select(m => m.Subject).ShouldBe(
            ["Your commons “Registre <des> trajets” was sent back to you", "Your commons “Registre <des> trajets” is approved"], ignoreOrder: true);
        (await Kit.NotificationsOfAsync(french, NotificationType.CommonsReviewed)).Select(n => n.Link).Distinct().ShouldBe([$"/calls/{call.Slug}/commons/{commons.Id}"]);
        (await Kit.NotificationsOfAsync(facilitator)).ShouldBeEmpty();
    }
}
