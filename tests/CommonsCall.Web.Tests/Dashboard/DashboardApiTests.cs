using System.Globalization;
using System.Net;
using System.Text;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Infrastructure;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Dashboard;

/// <summary>The dashboard and its CSV exports through the real HTTP pipeline, per role and visibility rule.</summary>
public sealed class DashboardApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly (string Method, string Path)[] Operations =
    [
        ("get", "/api/v1/calls/{slug}/dashboard"),
        ("get", "/api/v1/calls/{slug}/exports/commons.csv"),
        ("get", "/api/v1/calls/{slug}/exports/contributions.csv"),
        ("get", "/api/v1/calls/{slug}/exports/ledger.csv"),
    ];

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private async Task<BudgetApi> RoundAsync(ContributionsVisibility visibility)
    {
        var api = await BudgetApi.CreateAsync(app, 3, 600_000, BudgetRules.Default with { ContributionsVisibility = visibility }, (10_000, 100_000), (5_000, 500_000));
        await api.Scenario.OpenRoundAsync();
        (await api.Scenario.ContributeAsync(api.Scenario.Members[1], api.Scenario.Commons[0], 123_45)).Error.ShouldBeNull();
        (await api.Scenario.ContributeAsync(api.Scenario.Members[2], api.Scenario.Commons[0], 7_000)).Error.ShouldBeNull();
        (await api.Scenario.ContributeAsync(api.Scenario.Members[2], api.Scenario.Commons[1], 1_234_56)).Error.ShouldBeNull();
        return api;
    }

    private static async Task<(byte[] Bytes, string[][] Rows)> CsvAsync(HttpClient client, string url, string? culture = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (culture is not null)
        {
            request.Headers.Add("Cookie", $".AspNetCore.Culture=c={culture}|uic={culture}");
        }

        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.ShouldNotBeNull().ShouldEndWith(".csv\"".TrimEnd('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(Bom.Length));
        var separator = culture == "en" ? ',' : ';';
        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(separator)).ToArray();
        return (bytes, rows);
    }

    [Fact]
    public async Task Commons_results_open_cleanly_in_a_French_spreadsheet()
    {
        var api = await RoundAsync(ContributionsVisibility.Live);
        var (bytes, rows) = await CsvAsync(api.Facilitator, api.Url("exports/commons.csv"));

        bytes.Take(3).ShouldBe(Bom);
        rows[0].ShouldBe(["Commun", "État", "Objectif minimum (EUR)", "Objectif maximum (EUR)", "Total des contributions (EUR)", "Abondement (EUR)", "Restitué (EUR)", "Contributeurs"]);
        rows.Length.ShouldBe(3);
        var first = rows.Single(r => r[0] == "Commun 1");
        first.ShouldBe(["Commun 1", "Objectif minimum atteint", "100,00", "1000,00", "193,45", "0,00", "0,00", "2"]);
        rows.Single(r => r[0] == "Commun 2")[4].ShouldBe("1234,56");
    }

    [Fact]
    public async Task An_English_reader_gets_commas_and_decimal_points()
    {
        var api = await RoundAsync(ContributionsVisibility.Live);
        var (_, rows) = await CsvAsync(api.Facilitator, api.Url("exports/contributions.csv"), "en");

        rows[0].ShouldBe(["Organisation", "Commons", "Amount (EUR)"]);
        rows.Skip(1).Select(r => r[2]).ShouldBe(["1234.56", "123.45", "70.00"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_ledger_export_lists_every_movement_oldest_first_for_facilitators_and_funders_only()
    {
        var api = await RoundAsync(ContributionsVisibility.Live);
        var (_, rows) = await CsvAsync(api.Facilitator, api.Url("exports/ledger.csv"));

        rows[0][0].ShouldBe("N°");
        rows.Length.ShouldBe(1 + await api.Scenario.LedgerCountAsync());
        rows.Skip(1).Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).ShouldBe(Enumerable.Range(1, rows.Length - 1).Select(n => (long)n), "numbered within the call, not global ids");
        var last = rows[^1];
        last[2].ShouldBe("Contribution");
        last[7].ShouldBe("1234,56");

        (await CsvAsync(api.Funder, api.Url("exports/ledger.csv"))).Rows.Length.ShouldBe(rows.Length);
        await (await api.Members[1].GetAsync(api.Url("exports/ledger.csv"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await api.Anonymous.GetAsync(api.Url("exports/ledger.csv"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        await (await api.Outsider.GetAsync(api.Url("exports/commons.csv"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Under_Hidden_a_member_finds_no_other_organisation_amounts_in_the_API_or_the_CSV()
    {
        var api = await RoundAsync(ContributionsVisibility.Hidden);
        var member = api.Members[1];

        var dashboard = await (await member.GetAsync(api.Url("dashboard"))).ShouldBeOkAsync();
        dashboard.GetProperty("totals").GetProperty("contributed").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        foreach (var c in dashboard.GetProperty("commons").EnumerateArray())
        {
            c.GetProperty("total").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        }

        var organisations = dashboard.GetProperty("organisations").EnumerateArray().ToList();
        organisations.ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(api.Scenario.Members[1].Id);
        dashboard.GetRawText().ShouldNotContain(api.Scenario.Members[2].Organisation.Name);
        dashboard.GetRawText().ShouldNotContain("123456");

        var contributions = (await CsvAsync(member, api.Url("exports/contributions.csv"))).Rows;
        contributions.Length.ShouldBe(2);
        contributions[1][0].ShouldBe(api.Scenario.Members[1].Organisation.Name);
        var commons = (await CsvAsync(member, api.Url("exports/commons.csv"))).Rows;
        commons.Skip(1).ShouldAllBe(r => r[4] == string.Empty && r[1] == string.Empty && r[7] == string.Empty);

        // The funder sees neither organisations nor contribution movements while the rule hides them.
        (await CsvAsync(api.Funder, api.Url("exports/contributions.csv"))).Rows.Length.ShouldBe(1);
        (await CsvAsync(api.Funder, api.Url("exports/ledger.csv"))).Rows.ShouldNotContain(r => r[2] == "Contribution");
    }

    [Fact]
    public async Task Under_TotalsOnly_a_funder_finds_no_single_gift_in_the_ledger_its_CSV_or_its_page_until_the_round_closes()
    {
        var api = await RoundAsync(ContributionsVisibility.TotalsOnly);
        var funder = await Browser.SignedInAsync(app, api.Scenario.Funder.User);
        var facilitator = await Browser.SignedInAsync(app, api.Scenario.Facilitator);
        string[] gifts = ["123,45", "70,00", "234,56"];

        var ledger = await (await api.Funder.GetAsync(api.Url("ledger"))).ShouldBeOkAsync();
        ledger.EnumerateArray().ShouldNotContain(l => l.GetProperty("kind").GetString() == "Contribution");
        ledger.EnumerateArray().ShouldContain(l => l.GetProperty("kind").GetString() == "Grant");
        (await CsvAsync(api.Funder, api.Url("exports/ledger.csv"))).Rows.ShouldNotContain(r => r[2] == "Contribution");
        var page = await funder.Client.GetStringAsync($"/calls/{api.Call.Slug}/ledger");
        page.ShouldContain("data-testid=\"ledger\"");
        gifts.ShouldAllBe(g => !page.Contains(g, StringComparison.Ordinal));
        (await facilitator.Client.GetStringAsync($"/calls/{api.Call.Slug}/ledger")).ShouldContain("123,45");

        (await api.Scenario.Round.CloseAsync(api.Scenario.Facilitator, new CloseRound(api.Call.Id))).Error.ShouldBeNull();
        (await (await api.Funder.GetAsync(api.Url("ledger"))).ShouldBeOkAsync()).EnumerateArray()
            .Count(l => l.GetProperty("kind").GetString() == "Contribution").ShouldBe(3);
        (await funder.Client.GetStringAsync($"/calls/{api.Call.Slug}/ledger")).ShouldContain("123,45");
    }

    [Fact]
    public async Task Each_commons_says_what_a_gift_of_100_would_bring_while_the_round_is_open_to_those_who_see_totals()
    {
        // 1 € given, 2 € matched, at most 150 € per commons: the second commons has 100 € of its cap taken already.
        var rules = BudgetRules.Default with { MatchingMode = MatchingMode.Proportional, MatchRatioPerMille = 2_000, MatchCapPerCommons = 15_000 };
        var api = await BudgetApi.CreateAsync(app, 2, 200_000, rules, (10_000, 100_000), (5_000, 500_000));
        var s = api.Scenario;
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, 100_000, IsMatching: true))).Error.ShouldBeNull();
        await s.OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[1], 5_000)).Error.ShouldBeNull();

        foreach (var client in new[] { api.Members[0], api.Funder, api.Facilitator })
        {
            var commons = (await (await client.GetAsync(api.Url("dashboard"))).ShouldBeOkAsync()).GetProperty("commons").EnumerateArray()
                .ToDictionary(c => c.GetProperty("id").GetGuid(), c => c.GetProperty("giftMatch").GetInt64());
            commons[s.Commons[0].Id].ShouldBe(15_000, "100 € would bring 200 €, capped at 150 €");
            commons[s.Commons[1].Id].ShouldBe(5_000, "what the cap leaves");
        }

        // After settlement there is nothing left to give: the column is gone from the page, and null here.
        (await s.Round.CloseAsync(s.Facilitator, new CloseRound(s.Call.Id))).Error.ShouldBeNull();
        (await (await api.Members[0].GetAsync(api.Url("dashboard"))).ShouldBeOkAsync()).GetProperty("commons").EnumerateArray()
            .ShouldAllBe(c => c.GetProperty("giftMatch").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Under_Hidden_a_member_gets_no_gift_match_since_it_would_tell_the_totals()
    {
        var rules = BudgetRules.Default with { MatchingMode = MatchingMode.Proportional, MatchRatioPerMille = 1_000, MatchCapPerCommons = 15_000, ContributionsVisibility = ContributionsVisibility.Hidden };
        var api = await BudgetApi.CreateAsync(app, 2, 200_000, rules, (10_000, 100_000));
        var s = api.Scenario;
        (await s.Funds.PledgeAsync(s.Funder.User, new MakePledge(s.Call.Id, s.Funder.Id, 100_000, IsMatching: true))).Error.ShouldBeNull();
        await s.OpenRoundAsync();

        (await (await api.Members[0].GetAsync(api.Url("dashboard"))).ShouldBeOkAsync()).GetProperty("commons")[0].GetProperty("giftMatch").ValueKind
            .ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await (await api.Facilitator.GetAsync(api.Url("dashboard"))).ShouldBeOkAsync()).GetProperty("commons")[0].GetProperty("giftMatch").GetInt64().ShouldBe(10_000);
    }

    [Fact]
    public async Task Dashboard_answers_with_problem_details_to_people_outside_the_call()
    {
        var api = await RoundAsync(ContributionsVisibility.Live);
        await (await api.Outsider.GetAsync(api.Url("dashboard"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await api.Anonymous.GetAsync(api.Url("dashboard"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        await (await api.Facilitator.GetAsync("/api/v1/calls/no-such-call/dashboard")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);

        var seen = await (await api.Funder.GetAsync(api.Url("dashboard"))).ShouldBeOkAsync();
        seen.GetProperty("totals").GetProperty("contributed").GetInt64().ShouldBe(123_45 + 7_000 + 1_234_56);
        seen.GetProperty("commons")[0].GetProperty("state").GetString().ShouldBe(nameof(GoalState.MinimumReached));
    }
}

/// <summary>The CSV writer's guarantees, without a database.</summary>
public sealed class CsvWriterTests
{
    [Fact]
    public void Fields_with_separators_quotes_or_formulas_stay_one_harmless_cell()
    {
        var bytes = Csv.Write([["a;b", "say \"hi\"", Csv.Text("=HYPERLINK(\"http://x\")"), Csv.Text("-1"), Csv.Amount(-150, "EUR", CultureInfo.GetCultureInfo("fr"))]], CultureInfo.GetCultureInfo("fr"));
        Encoding.UTF8.GetString(bytes).ShouldBe("\uFEFF\"a;b\";\"say \"\"hi\"\"\";\"'=HYPERLINK(\"\"http://x\"\")\";'-1;-1,50\r\n");
        CsvRecords.Read(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')).Single().Fields.ShouldBe(["a;b", "say \"hi\"", "'=HYPERLINK(\"http://x\")", "'-1", "-1,50"]);
    }

    [Fact]
    public void Amounts_follow_the_currency_minor_units()
    {
        Csv.Amount(123_456, "EUR", CultureInfo.GetCultureInfo("fr")).ShouldBe("1234,56");
        Csv.Amount(123_456, "JPY", CultureInfo.GetCultureInfo("fr")).ShouldBe("123456");
        Csv.Amount(5, "EUR", CultureInfo.GetCultureInfo("en")).ShouldBe("0.05");
    }
}
