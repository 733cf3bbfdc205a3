using System.Net;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calendars;
using CommonsCall.Web.Features.WorkingGroups;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using IcalCalendar = Ical.Net.Calendar;

namespace CommonsCall.Web.Tests.Calendars;

/// <summary>
/// The iCalendar feeds read back with Ical.Net as a calendar application would: what a person sees, which call's
/// dates reach whom, and the secret URL's life (made, remade, revoked, its owner disabled).
/// </summary>
public sealed class CalendarFeedTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateOnly ChallengesStart = TestClock.Today.AddDays(10);
    private static readonly DateOnly BudgetingStart = TestClock.Today.AddDays(30);
    private static readonly DateOnly MeetingDay = TestClock.Today.AddDays(8);
    private static readonly DateOnly MilestoneDay = TestClock.Today.AddDays(23);
    private static readonly DateTimeOffset Opens = TestClock.Start.AddDays(30).AddHours(9);
    private static readonly DateTimeOffset Closes = TestClock.Start.AddDays(44).AddHours(18);

    private CalendarFeedService Feeds => app.Services.GetRequiredService<CalendarFeedService>();

    [Fact]
    public async Task A_public_calls_feed_is_read_without_signing_in()
    {
        var open = await DatedCallAsync(CallVisibility.Public);

        var response = await ApiClient.Anonymous(app).GetAsync(CalendarFeedService.CallPath(open.Slug));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/calendar; charset=utf-8");
        var events = await EventsAsync(response);
        events.Select(e => e.Summary).ShouldBe([
            $"Réunion du groupe de travail « Registre de preuve » — {open.Call.Title}",
            $"Début de la phase « Micro-défis » — {open.Call.Title}",
            $"Jalon « Spécification » (Registre de preuve) — {open.Call.Title}",
            $"Début de la phase « Cofinancement » — {open.Call.Title}",
            $"Ouverture du cofinancement — {open.Call.Title}",
            $"Clôture du cofinancement — {open.Call.Title}",
        ]);
    }

    [Fact]
    public async Task A_members_only_calls_feed_is_refused_without_the_token_and_shows_a_member_every_date_with_it()
    {
        var closed = await DatedCallAsync(CallVisibility.MembersOnly);
        var member = closed.Members[1].User;

        (await ApiClient.Anonymous(app).GetAsync(CalendarFeedService.CallPath(closed.Slug))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var token = await TokenOfAsync(member);

        var events = await EventsAsync(await ApiClient.Anonymous(app).GetAsync(CalendarFeedService.CallPath(closed.Slug, token)));

        var challenges = events.Single(e => e.Summary == $"Début de la phase « Micro-défis » — {closed.Call.Title}");
        challenges.DtStart!.HasTime.ShouldBeFalse();
        challenges.DtStart.Date.ShouldBe(ChallengesStart);
        challenges.DtEnd!.Date.ShouldBe(ChallengesStart.AddDays(1));
        events.Single(e => e.Summary!.StartsWith("Début de la phase « Cofinancement »", StringComparison.Ordinal)).DtStart!.Date.ShouldBe(BudgetingStart);
        var opens = events.Single(e => e.Summary == $"Ouverture du cofinancement — {closed.Call.Title}");
        opens.DtStart!.IsUtc.ShouldBeTrue();
        opens.DtStart.AsUtc.ShouldBe(Opens.UtcDateTime);
        events.Single(e => e.Summary!.StartsWith("Clôture", StringComparison.Ordinal)).DtStart!.AsUtc.ShouldBe(Closes.UtcDateTime);
        var meeting = events.Single(e => e.Summary!.StartsWith("Réunion", StringComparison.Ordinal));
        meeting.DtStart!.Date.ShouldBe(MeetingDay);
        meeting.Description!.ShouldContain("Lancement du groupe");
        meeting.Description!.ShouldContain($"/calls/{closed.Slug}");
        events.Single(e => e.Summary!.StartsWith("Jalon « Spécification »", StringComparison.Ordinal)).DtStart!.Date.ShouldBe(MilestoneDay);
    }

    [Fact]
    public async Task A_personal_feed_holds_every_call_of_its_owner_and_another_persons_token_shows_none_of_them()
    {
        var closed = await DatedCallAsync(CallVisibility.MembersOnly);
        var elsewhere = await DatedCallAsync(CallVisibility.MembersOnly);
        var member = closed.Members[0].User;
        var stranger = elsewhere.Members[0].User;

        var mine = await EventsAsync(await ApiClient.Anonymous(app).GetAsync(CalendarFeedService.PersonalPath(await TokenOfAsync(member))));
        var theirs = await EventsAsync(await ApiClient.Anonymous(app).GetAsync(CalendarFeedService.PersonalPath(await TokenOfAsync(stranger))));

        mine.Count.ShouldBe(6);
        mine.ShouldAllBe(e => e.Summary!.EndsWith(closed.Call.Title, StringComparison.Ordinal));
        theirs.Count.ShouldBe(6);
        theirs.ShouldAllBe(e => e.Summary!.EndsWith(elsewhere.Call.Title, StringComparison.Ordinal));
        (await ApiClient.Anonymous(app).GetAsync(CalendarFeedService.CallPath(closed.Slug, await TokenOfAsync(stranger))))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await EventsAsync(await ApiClient.Anonymous(app).GetAsync(CalendarFeedService.PersonalPath(await TokenOfAsync(closed.Facilitator)))))
            .Count.ShouldBe(6, "a facilitator's feed holds the calls they facilitate");
    }

    [Fact]
    public async Task A_remade_or_revoked_feed_answers_404_and_only_its_hash_is_stored()
    {
        var closed = await DatedCallAsync(CallVisibility.MembersOnly);
        var member = closed.Members[0].User;
        var first = await TokenOfAsync(member);
        var second = await TokenOfAsync(member);
        var client = ApiClient.Anonymous(app);

        (await client.GetAsync(CalendarFeedService.PersonalPath(first))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(CalendarFeedService.CallPath(closed.Slug, first))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(CalendarFeedService.PersonalPath(second))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using (var db = await new TestData(app).DbAsync())
        {
            var stored = await db.CalendarFeeds.SingleAsync(f => f.UserId == member.UserId);
            stored.TokenHash.ShouldBe(SecretTokens.Hash(second));
            stored.TokenHash.ShouldNotContain(second);
        }

        (await Feeds.RevokeAsync(member)).Error.ShouldBeNull();

        (await client.GetAsync(CalendarFeedService.PersonalPath(second))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(CalendarFeedService.CallPath(closed.Slug, second))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(CalendarFeedService.PersonalPath("cccal_pas-un-secret"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_disabled_accounts_feed_answers_404_until_it_is_enabled()
    {
        var closed = await DatedCallAsync(CallVisibility.MembersOnly);
        var member = closed.Members[0].User;
        var token = await TokenOfAsync(member);
        var admin = await new TestData(app).UserAsync(Roles.Administrator);
        var administration = app.Services.GetRequiredService<UserAdministrationService>();

        (await administration.DisableAsync(admin, member.UserId!)).Error.ShouldBeNull();
        (await ApiClient.Anonymous(app).GetAsync(CalendarFeedService.PersonalPath(token))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await administration.EnableAsync(admin, member.UserId!)).Error.ShouldBeNull();
        (await ApiClient.Anonymous(app).GetAsync(CalendarFeedService.PersonalPath(token))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Uids_stay_and_dtstamp_follows_the_clock_and_english_is_asked_in_the_url()
    {
        var open = await DatedCallAsync(CallVisibility.Public);
        var client = ApiClient.Anonymous(app);
        var now = app.Clock.GetUtcNow();

        var before = await EventsAsync(await client.GetAsync(CalendarFeedService.CallPath(open.Slug)));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var after = await EventsAsync(await client.GetAsync(CalendarFeedService.CallPath(open.Slug) + "?lang=en"));

        after.Select(e => e.Uid).ShouldBe(before.Select(e => e.Uid));
        before.ShouldAllBe(e => e.DtStamp!.AsUtc == now.UtcDateTime);
        after.ShouldAllBe(e => e.DtStamp!.AsUtc == now.AddHours(1).UtcDateTime);
        after.ShouldContain(e => e.Summary == $"Phase \"Challenges\" starts — {open.Call.Title}");
        after.ShouldContain(e => e.Summary == $"Funding round closes — {open.Call.Title}");
    }

    /// <summary>A call in Commons with planned phases, a funding window, a commons with a meeting and a milestone.</summary>
    private async Task<CommonsScenario> DatedCallAsync(CallVisibility visibility)
    {
        var scenario = await CommonsScenario.CreateAsync(app, CallPhase.Commons, visibility, memberCount: 2);
        await using (var db = await new TestData(app).DbAsync())
        {
            var call = await db.Calls.SingleAsync(c => c.Id == scenario.Call.Id);
            call.SetPlannedDates(PhaseSchedule.From([(CallPhase.Challenges, ChallengesStart), (CallPhase.Budgeting, BudgetingStart)])).IsSuccess.ShouldBeTrue();
            call.ChangeBudgetRules(call.BudgetRules with { FundingOpensAt = Opens, FundingClosesAt = Closes }).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        var commons = await scenario.ProposeAsync(scenario.Members[0], "Registre de preuve");
        (await scenario.Groups.AddMeetingAsync(scenario.Facilitator, new AddMeeting(scenario.Call.Id, commons, MeetingDay, "Lancement du groupe"))).Error.ShouldBeNull();
        (await scenario.Groups.AddMilestoneAsync(scenario.Facilitator, new AddMilestone(scenario.Call.Id, commons, "Spécification", MilestoneDay, scenario.Members[0].Id))).Error.ShouldBeNull();
        return scenario;
    }

    private async Task<string> TokenOfAsync(Actor actor)
    {
        var created = await Feeds.RegenerateAsync(actor, new RegenerateCalendarFeed("fr"));
        created.Error.ShouldBeNull();
        created.Value!.Url.ShouldEndWith(CalendarFeedService.PersonalPath(created.Value.Token));
        return created.Value.Token;
    }

    private static async Task<IReadOnlyList<CalendarEvent>> EventsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return [.. IcalCalendar.Load(text)!.Events];
    }
}
