using System.Globalization;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Notifications;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Support;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Tests.Notifications;

/// <summary>Reminders on the app's clock: due when the clock passes their threshold, sent once however often the scheduler runs.</summary>
public sealed class ReminderTests(Smtp4dev smtp) : MailAppTests(smtp)
{
    private static readonly CultureInfo French = new("fr");
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Two passes at once, then one more: whatever runs the scheduler, nothing goes twice.</summary>
    private async Task RunThriceAsync()
    {
        await Task.WhenAll(Kit.RunSchedulerAsync(), Kit.RunSchedulerAsync());
        await Kit.RunSchedulerAsync();
    }

    [Fact]
    public async Task Members_with_money_left_are_reminded_three_days_then_one_day_before_closing_once_each()
    {
        var closesAt = App.Clock.GetUtcNow().AddDays(10);
        var s = await BudgetScenario.CreateAsync(App, 3, 150_000, new BudgetRules { FundingClosesAt = closesAt }, (10_000, 200_000));
        await s.OpenRoundAsync();
        var spent = s.Members[1];
        (await s.ContributeAsync(spent, s.Commons[0], 50_000)).Error.ShouldBeNull();
        var waiting = s.Members[2];
        (await s.ContributeAsync(waiting, s.Commons[0], 20_000)).Error.ShouldBeNull();

        App.Clock.Set(closesAt - TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await RunThriceAsync();
        (await Kit.NotificationsOfAsync(waiting.User, NotificationType.RoundClosing)).ShouldBeEmpty("not yet three days before");

        App.Clock.Set(closesAt - TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await RunThriceAsync();
        App.Clock.Advance(TimeSpan.FromHours(5));
        await RunThriceAsync();
        App.Clock.Set(closesAt - TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await RunThriceAsync();
        App.Clock.Advance(TimeSpan.FromHours(5));
        await RunThriceAsync();

        var closingDay = DigestSchedule.LocalDay(closesAt, Paris).ToString("D", French);
        var mails = await Kit.MailsToAsync(await Kit.EmailOfAsync(waiting.User), 3);
        var closing = mails.Where(m => m.Subject.StartsWith($"Le tour de « {s.Call.Title} » se clôt", StringComparison.Ordinal)).Select(m => m.Subject).ToList();
        closing.ShouldBe([$"Le tour de « {s.Call.Title} » se clôt dans 3 jours", $"Le tour de « {s.Call.Title} » se clôt dans 1 jour"], ignoreOrder: true);
        (await Kit.NotificationsOfAsync(waiting.User, NotificationType.RoundClosing)).Last().Body
            .ShouldBe($"Il vous reste {Money.Format(30_000, "EUR", French)} à répartir avant le {closingDay}.");
        (await Kit.NotificationsOfAsync(spent.User, NotificationType.RoundClosing)).ShouldBeEmpty("it has nothing left to spread");
        (await Kit.NotificationsOfAsync(s.Funder.User, NotificationType.RoundClosing)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_scheduler_away_past_both_thresholds_sends_only_the_one_day_reminder()
    {
        var closesAt = App.Clock.GetUtcNow().AddDays(10);
        var s = await BudgetScenario.CreateAsync(App, 1, 50_000, new BudgetRules { FundingClosesAt = closesAt }, (10_000, 200_000));
        await s.OpenRoundAsync();

        App.Clock.Set(closesAt - TimeSpan.FromHours(12));
        await RunThriceAsync();

        (await Kit.NotificationsOfAsync(s.Members[0].User, NotificationType.RoundClosing)).Select(n => n.Title)
            .ShouldBe([$"Le tour de « {s.Call.Title} » se clôt dans 1 jour"]);
    }

    [Fact]
    public async Task A_milestone_is_announced_seven_days_ahead_then_when_overdue_once_each_to_its_working_group()
    {
        var (call, owner, group, commons) = await WorkingGroupAsync();
        var today = DigestSchedule.LocalDay(App.Clock.GetUtcNow(), Paris);
        var dueOn = today.AddDays(9);
        await using (var db = await App.DbAsync())
        {
            db.Milestones.Add(new Milestone(commons.Id, "Prototype", dueOn, owner.Organisation, App.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await RunThriceAsync();
        (await Kit.NotificationsOfAsync(group.Person, NotificationType.MilestoneDue)).ShouldBeEmpty("nine days ahead");

        App.Clock.Advance(TimeSpan.FromDays(2));
        await RunThriceAsync();
        App.Clock.Advance(TimeSpan.FromDays(8));
        await RunThriceAsync();
        App.Clock.Advance(TimeSpan.FromDays(1));
        await RunThriceAsync();

        var day = dueOn.ToString("D", French);
        foreach (var person in new[] { owner.Person, group.Person })
        {
            var subjects = (await Kit.MailsToAsync(await Kit.EmailOfAsync(person), 2)).Select(m => m.Subject).ToList();
            subjects.ShouldBe([$"Jalon « Prototype » à échéance le {day}", $"Jalon « Prototype » en retard (échéance le {day})"], ignoreOrder: true);
        }

        (await Kit.NotificationsOfAsync(group.Person, NotificationType.MilestoneDue)).Single().Link.ShouldBe($"/calls/{call.Slug}/commons/{commons.Id}");
    }

    [Fact]
    public async Task A_broken_meeting_rhythm_warns_the_working_group_once_in_its_digest()
    {
        var (_, owner, group, commons) = await WorkingGroupAsync();
        var today = DigestSchedule.LocalDay(App.Clock.GetUtcNow(), Paris);
        await using (var db = await App.DbAsync())
        {
            db.Meetings.Add(new Meeting(commons.Id, today.AddDays(-60), "Lancement", App.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await RunThriceAsync();
        App.Clock.Advance(TimeSpan.FromHours(3));
        await RunThriceAsync();

        var warning = (await Kit.NotificationsOfAsync(group.Person, NotificationType.MeetingCadence)).ShouldHaveSingleItem();
        warning.Title.ShouldBe($"Groupe de travail « {commons.Title} » : rythme des réunions");
        warning.Body.ShouldStartWith($"Aucune réunion prévue depuis celle du {today.AddDays(-60).ToString("D", French)}, il y a 60 jours.");
        warning.Delivery.ShouldBe(NotificationDelivery.DailyDigest, "by default the rhythm goes into the digest");
        (await Kit.NotificationsOfAsync(owner.Person, NotificationType.MeetingCadence)).ShouldBeEmpty("the owner is not positioned on the commons");
        (await Kit.OutboxCountAsync(await Kit.EmailOfAsync(group.Person), Notifier.MailKind(NotificationType.MeetingCadence))).ShouldBe(0);
    }

    private sealed record Representative(Guid Organisation, Actor Person);

    /// <summary>A call with a commons proposed by one organisation and another organisation positioned on it (its working group).</summary>
    private async Task<(Domain.Calls.Call Call, Representative Owner, Representative Group, CommonsEntity Commons)> WorkingGroupAsync()
    {
        var data = new TestData(App);
        var call = await data.CallAsync(facilitator: await data.UserAsync(Roles.Facilitator));
        var owner = await data.OrganisationAsync();
        var positioned = await data.OrganisationAsync();
        var ownerPerson = await data.UserAsync(organisation: owner.Id);
        var groupPerson = await data.UserAsync(organisation: positioned.Id);
        var commons = new CommonsEntity(call.Id, owner.Id, "Registre des trajets", "Résumé", CommonsKind.Software, "MIT", App.Clock.GetUtcNow());
        await using (var db = await App.DbAsync())
        {
            db.Commons.Add(commons);
            db.Positionings.Add(new Positioning(call.Id, commons.Id, positioned.Id, [PositioningKind.Wants], null, null, App.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        return (call, new Representative(owner.Id, ownerPerson), new Representative(positioned.Id, groupPerson), commons);
    }
}
