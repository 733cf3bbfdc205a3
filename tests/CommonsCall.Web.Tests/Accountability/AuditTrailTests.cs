using System.Net;
using System.Net.Http.Json;
using System.Text;
using CommonsCall.Domain.Accountability;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accountability;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Api;

namespace CommonsCall.Web.Tests.Accountability;

/// <summary>
/// Issue 15 §7 on the real PostgreSQL: the call's audit trail, readable by its facilitators and funders only, told in
/// sentences, filtered by kind, person and days, paged, exported as CSV and served by the API with the same filters.
/// </summary>
public sealed class AuditTrailTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly (string Method, string Path)[] Operations =
    [
        ("get", "/api/v1/calls/{slug}/commons/{commonsId}/accountability"),
        ("put", "/api/v1/calls/{slug}/commons/{commonsId}/accountability/measures"),
        ("get", "/api/v1/calls/{slug}/audit"),
        ("get", "/api/v1/calls/{slug}/exports/audit.csv"),
    ];

    [Fact]
    public async Task A_member_cannot_read_the_audit_trail_but_the_facilitator_and_a_funder_can()
    {
        var s = await AccountabilityScenario.CreateAsync(app);
        var f = s.FollowUp;

        (await s.Audit.PageAsync(f.Lead.User, new AuditFilter(f.CallId))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Audit.PageAsync(Actor.Anonymous, new AuditFilter(f.CallId))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Audit.CsvAsync(f.Contributor.User, new AuditFilter(f.CallId))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Audit.PageAsync(f.Facilitator, new AuditFilter(f.CallId))).Value!.Total.ShouldBeGreaterThan(0);
        (await s.Audit.PageAsync(f.Funder.User, new AuditFilter(f.CallId))).Value!.Lines.ShouldNotBeEmpty();

        var member = await ApiClient.ForAsync(app, f.Lead.User);
        await (await member.GetAsync($"/api/v1/calls/{f.Budget.Call.Slug}/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await member.GetAsync($"/api/v1/calls/{f.Budget.Call.Slug}/exports/audit.csv")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await ApiClient.Anonymous(app).GetAsync($"/api/v1/calls/{f.Budget.Call.Slug}/audit")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, null);
    }

    [Fact]
    public async Task Filters_by_kind_person_and_days_and_pages_newest_first()
    {
        var s = await AccountabilityScenario.CreateAsync(app);
        var f = s.FollowUp;
        app.Clock.Advance(TimeSpan.FromDays(2));
        await f.StartAsync();
        app.Clock.Advance(TimeSpan.FromDays(2));
        (await s.Measures.RecordAsync(f.Lead.User, s.Measure(f.Lead))).Error.ShouldBeNull();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var audit = s.Audit;

        var all = (await audit.PageAsync(f.Facilitator, new AuditFilter(f.CallId))).Value!;
        all.Lines.Select(l => l.Id).ShouldBeInOrder(SortDirection.Descending);
        all.Lines[0].Kind.ShouldBe(AuditKinds.GainMeasured);

        var byLead = (await audit.PageAsync(f.Facilitator, new AuditFilter(f.CallId, ActorId: f.Lead.User.UserId))).Value!;
        byLead.Lines.Select(l => l.Kind).ShouldBe([AuditKinds.GainMeasured, "agreement.schedule_accepted"]);
        byLead.Lines.ShouldAllBe(l => l.Actor == byLead.Actors.Single(a => a.Id == f.Lead.User.UserId).Name);

        var proposals = (await audit.PageAsync(f.Funder.User, new AuditFilter(f.CallId, Kind: "agreement.schedule_proposed"))).Value!;
        proposals.Lines.Single().Subject.ShouldBe(f.Funded.Title, "the entry names the commons its document mentions");

        var lastTwoDays = (await audit.PageAsync(f.Facilitator, new AuditFilter(f.CallId, From: today))).Value!;
        lastTwoDays.Lines.Select(l => l.Kind).ShouldBe([AuditKinds.GainMeasured]);
        var before = (await audit.PageAsync(f.Facilitator, new AuditFilter(f.CallId, To: today.AddDays(-3)))).Value!;
        before.Total.ShouldBe(all.Total - 3, "everything but the schedule's proposal and acceptance and the measure");

        var first = (await audit.PageAsync(f.Facilitator, new AuditFilter(f.CallId, Page: 1, PageSize: 2))).Value!;
        var second = (await audit.PageAsync(f.Facilitator, new AuditFilter(f.CallId, Page: 2, PageSize: 2))).Value!;
        (first.Total, first.Lines.Count, second.Lines.Count).ShouldBe((all.Total, 2, 2));
        first.Lines.Concat(second.Lines).Select(l => l.Id).ShouldBe(all.Lines.Take(4).Select(l => l.Id));

        (await audit.PageAsync(f.Facilitator, new AuditFilter(f.CallId, Kind: "call.teleported"))).Error!.Code.ShouldBe(ErrorCodes.UnknownAuditKind);
        (await audit.PageAsync(f.Facilitator, new AuditFilter(f.CallId, From: today, To: today.AddDays(-1)))).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await audit.PageAsync(f.Facilitator, new AuditFilter(f.CallId, PageSize: 1_000))).Error!.Code.ShouldBe(ErrorCodes.Validation);
    }

    [Fact]
    public async Task Entries_read_as_sentences_in_french_and_english_in_the_api_and_the_csv()
    {
        var s = await AccountabilityScenario.CreateAsync(app);
        var f = s.FollowUp;
        await f.StartAsync();
        var facilitator = await ApiClient.ForAsync(app, f.Facilitator);
        var url = $"/api/v1/calls/{f.Budget.Call.Slug}/audit?kind=agreement.schedule_accepted";

        var french = await SendAsync(facilitator, url, "fr-FR");
        var line = french.GetProperty("lines")[0];
        var lead = line.GetProperty("actor").GetString()!;
        line.GetProperty("sentence").GetString().ShouldBe($"{lead} a accepté l'échéancier d'une convention.");
        line.GetProperty("kind").GetString().ShouldBe("agreement.schedule_accepted");
        line.GetProperty("actorId").GetString().ShouldBe(f.Lead.User.UserId);
        line.GetProperty("subject").GetString().ShouldBe(f.Funded.Title);
        (await SendAsync(facilitator, url, "en-GB")).GetProperty("lines")[0].GetProperty("sentence").GetString()
            .ShouldBe($"{lead} accepted an agreement's payment schedule.");
        var all = await SendAsync(facilitator, $"/api/v1/calls/{f.Budget.Call.Slug}/audit?pageSize=200", "fr-FR");
        all.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("sentence").GetString()!)
            .ShouldAllBe(sentence => !sentence.Contains("audit.kind", StringComparison.Ordinal) && !sentence.Contains('_', StringComparison.Ordinal));
        all.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("kind").GetString() == "call.phase_changed").Select(l => l.GetProperty("sentence").GetString())
            .ShouldContain(sentence => sentence!.EndsWith("a fait passer l'appel à l'étape « Cofinancement ».", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/calls/{f.Budget.Call.Slug}/exports/audit.csv?kind=agreement.schedule_accepted");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR");
        var csv = await facilitator.SendAsync(request);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        text[0].ShouldBe("Date (UTC);Type;Action;Par;Concerne;Avant;Après");
        text.Length.ShouldBe(2);
        text[1].ShouldContain($";agreement.schedule_accepted;{lead} a accepté l'échéancier d'une convention.;{lead};{f.Funded.Title};");

        var unknown = await facilitator.GetAsync($"/api/v1/calls/{f.Budget.Call.Slug}/audit?kind=call.teleported");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.UnknownAuditKind);
    }

    private static async Task<System.Text.Json.JsonElement> SendAsync(HttpClient client, string url, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await (await client.SendAsync(request)).ShouldBeOkAsync();
    }
}
