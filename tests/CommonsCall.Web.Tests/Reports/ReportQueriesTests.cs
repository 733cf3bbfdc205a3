using System.Net;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Reports;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Reports;

/// <summary>The reports of a call (who pays / uses / benefits, most involved organisations) on a seeded call, against PostgreSQL.</summary>
public sealed class ReportQueriesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private ReportQueries Reports => app.Services.GetRequiredService<ReportQueries>();

    private async Task<CallReport> ReportAsync(ReportScenario s, Actor viewer)
    {
        var report = await Reports.ForCallAsync(viewer, s.Slug);
        report.Error.ShouldBeNull();
        return report.Value!;
    }

    private static InvolvementRow Row(CallReport report, Member member) => report.Organisations.Single(o => o.OrganisationId == member.Id);

    [Fact]
    public async Task The_ranked_table_counts_what_each_organisation_did_as_the_data_says()
    {
        var s = await ReportScenario.CreateAsync(app);
        var report = await ReportAsync(s, s.Budget.Facilitator);

        for (var i = 0; i < s.M.Count; i++)
        {
            var (positionings, commonsFunded, amount, milestones, published, supported) = ReportScenario.Expected[i];
            Row(report, s.M[i]).ShouldBe(Row(report, s.M[i]) with
            {
                Positionings = positionings, CommonsFunded = commonsFunded, AmountContributed = amount,
                MilestonesDelivered = milestones, ChallengesPublished = published, ChallengesSupported = supported,
                Score = positionings + commonsFunded + milestones + published + supported,
            }, $"M{i}");
        }

        // Recounted straight from the tables, the way a reader of the database would.
        await using var db = await new TestData(app).DbAsync();
        var callId = s.Budget.Call.Id;
        foreach (var row in report.Organisations)
        {
            row.Positionings.ShouldBe(await db.Positionings.CountAsync(p => p.CallId == callId && p.OrganisationId == row.OrganisationId), row.Name);
            row.AmountContributed.ShouldBe(await db.Contributions.Where(c => c.CallId == callId && c.OrganisationId == row.OrganisationId).SumAsync(c => c.Amount), row.Name);
            row.CommonsFunded.ShouldBe(await db.Contributions.CountAsync(c => c.CallId == callId && c.OrganisationId == row.OrganisationId && c.Amount > 0), row.Name);
            row.MilestonesDelivered.ShouldBe(await db.Milestones.CountAsync(m => m.OwnerOrganisationId == row.OrganisationId && m.IsDone), row.Name);
            row.ChallengesPublished.ShouldBe(await db.Challenges.CountAsync(c => c.CallId == callId && c.AuthorOrganisationId == row.OrganisationId && c.Status != ChallengeStatus.Draft), row.Name);
        }

        report.Organisations.Count.ShouldBe(9, "the eight members and the funder");
        report.Organisations.Single(o => o.OrganisationId == s.Budget.Funder.Id).Score.ShouldBe(0);
        report.ContributionsHidden.ShouldBeFalse();
    }

    [Fact]
    public async Task Organisations_are_ranked_by_score_then_amount_and_ties_share_a_rank()
    {
        var s = await ReportScenario.CreateAsync(app);
        var report = await ReportAsync(s, s.Budget.Facilitator);

        // Scores: M0 7, M1 7 (50 000), M2 7 (50 000), M4 5, M3 4, M5 3 (60 000), M6 3 (30 000), M7 2, the funder 0.
        report.Organisations.Select(o => (o.Rank, o.OrganisationId)).ShouldBe(
        [
            (1, s.M[1].Id), (1, s.M[2].Id), (3, s.M[0].Id), (4, s.M[4].Id), (5, s.M[3].Id), (6, s.M[5].Id), (7, s.M[6].Id), (8, s.M[7].Id), (9, s.Budget.Funder.Id),
        ]);
    }

    [Fact]
    public async Task Each_commons_says_who_pays_uses_and_benefits_from_its_challenges_and_positionings()
    {
        var s = await ReportScenario.CreateAsync(app);
        var report = await ReportAsync(s, s.Budget.Facilitator);

        var registre = report.Commons.Single(c => c.Id == s.C[0].Id);
        registre.Challenges.Select(c => c.Question).ShouldBe(["Comment prouver qu'un covoiturage a eu lieu ?", "Comment recenser les aires de covoiturage ?"]);
        registre.WhoPays.ShouldHaveSingleItem().Text.ShouldBe("Les collectivités");
        registre.WhoPays[0].Challenges.Count.ShouldBe(2, "both challenges give that answer");
        registre.WhoUses.Select(x => x.Text).ShouldBe(["Les opérateurs de covoiturage"]);
        registre.WhoBenefits.Select(x => x.Text).ShouldBe(["Les covoitureurs", "Les habitants"]);
        registre.Producers.Select(o => o.Id).ShouldBe([s.M[0].Id]);
        registre.Wanters.Select(o => o.Id).ShouldBe([s.M[1].Id, s.M[2].Id]);
        registre.Contributors.Select(o => o.Id).ShouldBe([s.M[4].Id]);
        registre.Funders.Select(o => o.Id).ShouldBe([s.M[1].Id, s.M[2].Id, s.M[3].Id, s.M[6].Id]);

        var standard = report.Commons.Single(c => c.Id == s.C[1].Id);
        standard.Challenges.ShouldHaveSingleItem().Question.ShouldBe("Comment connecter les offres de covoiturage aux applications MaaS ?");
        standard.WhoPays.Select(x => x.Text).ShouldBe(["Les opérateurs"], "the draft linked to it says nothing");
        report.Commons.Count.ShouldBe(5);
    }

    [Fact]
    public async Task Under_hidden_visibility_a_member_sees_no_other_organisations_contributions_until_the_round_closes()
    {
        var s = await ReportScenario.CreateAsync(app, BudgetRules.Default with { ContributionsVisibility = ContributionsVisibility.Hidden });
        var viewer = s.M[3];

        var seen = await ReportAsync(s, viewer.User);
        seen.ContributionsHidden.ShouldBeTrue();
        Row(seen, viewer).CommonsFunded.ShouldBe(2);
        Row(seen, viewer).AmountContributed.ShouldBe(50_000);
        foreach (var other in seen.Organisations.Where(o => o.OrganisationId != viewer.Id))
        {
            other.CommonsFunded.ShouldBeNull(other.Name);
            other.AmountContributed.ShouldBeNull(other.Name);
        }

        seen.Commons.SelectMany(c => c.Funders).Select(f => f.Id).Distinct().ShouldBe([viewer.Id]);
        Row(seen, s.M[0]).Score.ShouldBe(7, "what is not money still counts");
        Row(seen, s.M[5]).Score.ShouldBe(2, "M5's commons funded is hidden and not scored");

        var funder = await ReportAsync(s, s.Budget.Funder.User);
        funder.Organisations.ShouldAllBe(o => o.AmountContributed == null && o.CommonsFunded == null);
        funder.Commons.ShouldAllBe(c => c.Funders.Count == 0);

        (await ReportAsync(s, s.Budget.Facilitator)).Organisations.ShouldAllBe(o => o.AmountContributed != null);

        // The same through the API, as JSON: no amount but the member's own.
        var api = await ApiClient.ForAsync(app, viewer.User);
        var json = await (await api.GetAsync($"/api/v1/calls/{s.Slug}/reports")).ShouldBeOkAsync();
        json.GetProperty("organisations").EnumerateArray()
            .Where(o => o.GetProperty("amountContributed").ValueKind != System.Text.Json.JsonValueKind.Null)
            .Select(o => o.GetProperty("organisationId").GetGuid()).ShouldBe([viewer.Id]);

        await s.CloseAsync();
        var settled = await ReportAsync(s, viewer.User);
        settled.ContributionsHidden.ShouldBeFalse();
        Row(settled, s.M[2]).AmountContributed.ShouldBe(50_000, "after closing the rule no longer hides anything");
        Row(settled, s.M[7]).CommonsFunded.ShouldBe(0, "its only commons was not funded: the money went back");
    }

    [Fact]
    public async Task Only_the_calls_facilitators_members_and_funders_read_the_reports()
    {
        var s = await ReportScenario.CreateAsync(app);
        var data = new TestData(app);
        var outsider = await data.UserAsync(organisation: (await data.OrganisationAsync()).Id);

        (await Reports.ForCallAsync(outsider, s.Slug)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Reports.ForCallAsync(Actor.Anonymous, s.Slug)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await Reports.ForCallAsync(s.M[0].User, "no-such-call")).Error!.Code.ShouldBe(ErrorCodes.NotFound);

        (await ApiClient.Anonymous(app).GetAsync($"/api/v1/calls/{s.Slug}/reports")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await (await ApiClient.ForAsync(app, outsider)).GetAsync($"/api/v1/calls/{s.Slug}/reports")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        var hidden = await data.CallAsync(CallVisibility.MembersOnly);
        await (await (await ApiClient.ForAsync(app, outsider)).GetAsync($"/api/v1/calls/{hidden.Slug}/reports")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }
}
