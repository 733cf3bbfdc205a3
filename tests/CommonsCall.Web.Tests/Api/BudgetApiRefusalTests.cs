using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Api;

/// <summary>
/// Every refusal the budget endpoints can give: its HTTP status, its stable problem-details code, and that
/// nothing changed (funding, budgets, ledger, commons and audit trail as the facilitator reads them).
/// </summary>
public sealed class BudgetApiRefusalTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const HttpStatusCode Refused = HttpStatusCode.UnprocessableEntity;

    [Fact]
    public async Task Each_contribution_rule_refuses_with_its_own_code_and_changes_nothing()
    {
        var rules = BudgetRules.Default with { MaxShareOfBalancePerCommons = 50, AllowWithdrawal = false };
        var api = await BudgetApi.CreateAsync(app, 3, 300_000, rules, (10_000, 60_000), (1_000, 200_000));
        var s = api.Scenario;
        var (c0, c1) = (s.Commons[0], s.Commons[1]);
        var proposed = await api.ProposeCommonsAsync();
        var elsewhere = await api.ProposeCommonsAsync(callId: (await new TestData(app).CallAsync()).Id);
        await s.OpenRoundAsync();
        await (await api.Members[1].PutAsJsonAsync(api.ContributionUrl(c0), new { organisationId = s.Members[1].Id, amount = 40_000 })).ShouldBeOkAsync();
        var before = await api.SnapshotAsync();

        // Each member has a balance of 100,000 and a share cap of 50,000; commons 0 (by member 0) has 40,000 of its 60,000.
        var refusals = new (int Member, string Url, long Amount, HttpStatusCode Status, string Code)[]
        {
            (1, api.ContributionUrl(c0), 30_000, Refused, ErrorCodes.WithdrawalNotAllowed),
            (1, api.ContributionUrl(c0), 0, Refused, ErrorCodes.WithdrawalNotAllowed),
            (2, api.ContributionUrl(c1), 100_001, Refused, ErrorCodes.InsufficientBalance),
            (2, api.ContributionUrl(c1), 50_001, Refused, ErrorCodes.ExceedsShareCap),
            (2, api.ContributionUrl(c0), 20_001, Refused, ErrorCodes.ExceedsCommonsMaximum),
            (0, api.ContributionUrl(c1), 1_000, Refused, ErrorCodes.OwnCommons),
            (2, api.ContributionUrl(c1), -1, Refused, ErrorCodes.InvalidAmount),
            (2, api.ContributionUrl(proposed), 1_000, Refused, ErrorCodes.NotApproved),
            (2, api.Url($"contributions/{Guid.NewGuid()}"), 1_000, HttpStatusCode.NotFound, ErrorCodes.NotFound),
            (2, api.ContributionUrl(elsewhere), 1_000, HttpStatusCode.NotFound, ErrorCodes.NotFound),
        };
        foreach (var (member, url, amount, status, code) in refusals)
        {
            var response = await api.Members[member].PutAsJsonAsync(url, new { organisationId = s.Members[member].Id, amount });
            var problem = await response.ShouldBeProblemAsync(status, code);
            problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        (await api.SnapshotAsync()).ShouldBe(before);

        // Right at the commons' maximum goal is still accepted.
        await (await api.Members[2].PutAsJsonAsync(api.ContributionUrl(c0), new { organisationId = s.Members[2].Id, amount = 20_000 })).ShouldBeOkAsync();
    }

    [Fact]
    public async Task Only_a_representative_may_act_for_an_organisation_and_only_facilitators_manage_the_round()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        var s = api.Scenario;
        var commons = s.Commons[0];
        var proposed = await api.ProposeCommonsAsync();
        await s.OpenRoundAsync();
        var before = await api.SnapshotAsync();

        // Acting for an organisation one does not represent as a joined member (or funder).
        var forbidden = new (HttpClient Client, HttpMethod Method, string Url, object Body)[]
        {
            (api.Members[0], HttpMethod.Put, api.ContributionUrl(commons), new { organisationId = s.Members[1].Id, amount = 1_000 }),
            (api.Funder, HttpMethod.Put, api.ContributionUrl(commons), new { organisationId = s.Funder.Id, amount = 1_000 }),
            (api.Outsider, HttpMethod.Put, api.ContributionUrl(commons), new { organisationId = s.Members[1].Id, amount = 1_000 }),
            (api.Members[0], HttpMethod.Post, api.Url("pledges"), new { funderOrganisationId = s.Funder.Id, amount = 1_000 }),
            (api.Members[0], HttpMethod.Post, api.Url("pledges"), new { funderOrganisationId = s.Members[0].Id, amount = 1_000 }),
            (api.Outsider, HttpMethod.Post, api.Url("pledges"), new { funderOrganisationId = s.Funder.Id, amount = 1_000 }),
            (api.Members[0], HttpMethod.Put, api.Url($"own-funds/{s.Members[1].Id}"), new { amount = 1_000 }),
            (api.Funder, HttpMethod.Put, api.Url($"own-funds/{s.Funder.Id}"), new { amount = 1_000 }),
        };
        foreach (var (client, method, url, body) in forbidden)
        {
            await (await client.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        // The facilitator's endpoints, to members, funders and outsiders; the budgets and the ledger are the funders' too.
        var facilitatorOnly = FacilitatorRequests(api, proposed.Id).ToList();
        foreach (var client in new[] { api.Members[0], api.Funder, api.Outsider })
        {
            foreach (var (method, url, body) in facilitatorOnly)
            {
                await (await client.SendAsync(Request(method, url, body))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            }
        }

        foreach (var client in new[] { api.Members[0], api.Outsider })
        {
            await (await client.GetAsync(api.Url("budgets"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await (await client.GetAsync(api.Url("ledger"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        // Anonymous callers are asked for a token on everything but the funding view.
        var signedInOnly = forbidden.Select(f => (f.Method, f.Url, (object?)f.Body))
            .Concat(facilitatorOnly)
            .Append((HttpMethod.Get, api.Url("budgets"), null))
            .Append((HttpMethod.Get, api.Url("ledger"), null));
        foreach (var (method, url, body) in signedInOnly)
        {
            var response = await api.Anonymous.SendAsync(Request(method, url, body));
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
            response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        }

        (await api.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_members_only_call_and_an_unknown_slug_are_not_found_on_every_budget_endpoint()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        var s = api.Scenario;
        await using (var db = await new TestData(app).DbAsync())
        {
            var call = db.Calls.Single(c => c.Id == s.Call.Id);
            call.Describe(call.Title, call.Summary, call.Ecosystem, call.Currency, CallVisibility.MembersOnly, moneyRecorded: true).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        await s.OpenRoundAsync();
        var before = await api.SnapshotAsync();
        var everyEndpoint = FacilitatorRequests(api, s.Commons[0].Id)
            .Append((HttpMethod.Get, api.Url("funding"), null))
            .Append((HttpMethod.Get, api.Url("budgets"), null))
            .Append((HttpMethod.Get, api.Url("ledger"), null))
            .Append((HttpMethod.Put, api.ContributionUrl(s.Commons[0]), new { organisationId = s.Members[0].Id, amount = 1_000 }))
            .Append((HttpMethod.Post, api.Url("pledges"), new { funderOrganisationId = s.Funder.Id, amount = 1_000 }))
            .Append((HttpMethod.Put, api.Url($"own-funds/{s.Members[0].Id}"), new { amount = 1_000 }))
            .ToList();

        foreach (var (method, url, body) in everyEndpoint)
        {
            var problem = await (await api.Outsider.SendAsync(Request(method, url, body))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
            problem.ToString().ShouldNotContain(s.Call.Title);
            var unknown = url.Replace(s.Call.Slug, "no-such-call", StringComparison.Ordinal);
            await (await api.Facilitator.SendAsync(Request(method, unknown, body))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        }

        await (await api.Anonymous.GetAsync(api.Url("funding"))).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        (await api.SnapshotAsync()).ShouldBe(before);
        await (await api.Members[0].GetAsync(api.Url("funding"))).ShouldBeOkAsync();
    }

    [Fact]
    public async Task Before_the_round_opens_phases_money_grants_reviews_and_rules_are_refused_with_their_codes()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 0, null, (10_000, 50_000));
        var s = api.Scenario;
        var (m0, m1) = (s.Members[0].Id, s.Members[1].Id);
        var stranger = await new TestData(app).OrganisationAsync();
        var withoutBudget = await api.ProposeCommonsAsync(withBudget: false);
        var elsewhere = await api.ProposeCommonsAsync(callId: (await new TestData(app).CallAsync()).Id);
        var emptyCall = await new TestData(app).CallAsync(facilitator: s.Facilitator);
        var before = await api.SnapshotAsync();
        var rules = new { maxShareOfBalancePerCommons = 100, coCreatorsMayFundOwnCommons = false, contributionsVisibility = "Live", allowWithdrawal = true };
        var opens = app.Clock.GetUtcNow().AddDays(2);

        var refusals = new (HttpClient Client, HttpMethod Method, string Url, object? Body, HttpStatusCode Status, string Code)[]
        {
            (api.Members[1], HttpMethod.Put, api.ContributionUrl(s.Commons[0]), new { organisationId = m1, amount = 0 }, Refused, ErrorCodes.RoundClosed),
            (api.Facilitator, HttpMethod.Post, api.Url("phase"), new { phase = "Budgeting" }, Refused, ErrorCodes.PhaseNeedsMoney),
            (api.Facilitator, HttpMethod.Post, api.Url("phase"), new { phase = "Results" }, Refused, ErrorCodes.PhaseTransitionNotAllowed),
            (api.Facilitator, HttpMethod.Post, api.Url("phase"), new { phase = "Framing" }, Refused, ErrorCodes.PhaseTransitionNotAllowed),
            (api.Facilitator, HttpMethod.Post, api.Url("close"), null, Refused, ErrorCodes.WrongPhase),
            (api.Funder, HttpMethod.Post, api.Url("pledges"), new { funderOrganisationId = s.Funder.Id, amount = 0 }, Refused, ErrorCodes.InvalidAmount),
            (api.Funder, HttpMethod.Post, api.Url("pledges"), new { funderOrganisationId = s.Funder.Id, amount = -100 }, Refused, ErrorCodes.InvalidAmount),
            (api.Members[0], HttpMethod.Put, api.Url($"own-funds/{m0}"), new { amount = -1 }, Refused, ErrorCodes.InvalidAmount),
            (api.Facilitator, HttpMethod.Put, api.Url("grants"), new[] { new { organisationId = m0, amount = 1L } }, Refused, ErrorCodes.ExceedsPool),
            (api.Facilitator, HttpMethod.Put, api.Url("grants"), new[] { new { organisationId = stranger.Id, amount = 0L } }, Refused, ErrorCodes.UnknownOrganisation),
            (api.Facilitator, HttpMethod.Put, api.Url("grants"), new[] { new { organisationId = s.Funder.Id, amount = 0L } }, Refused, ErrorCodes.UnknownOrganisation),
            (api.Facilitator, HttpMethod.Put, api.Url("grants"), new[] { new { organisationId = m0, amount = -1L } }, Refused, ErrorCodes.InvalidAmount),
            (api.Facilitator, HttpMethod.Put, api.Url("grants"), new[] { new { organisationId = m0, amount = 0L }, new { organisationId = m0, amount = 0L } }, HttpStatusCode.BadRequest, ErrorCodes.Validation),
            (api.Facilitator, HttpMethod.Post, $"/api/v1/calls/{emptyCall.Slug}/grants/equal-split", null, Refused, ErrorCodes.NoJoinedMembers),
            (api.Facilitator, HttpMethod.Post, api.Url($"commons/{withoutBudget.Id}/approval"), null, HttpStatusCode.BadRequest, ErrorCodes.Validation),
            (api.Facilitator, HttpMethod.Post, api.Url($"commons/{Guid.NewGuid()}/approval"), null, HttpStatusCode.NotFound, ErrorCodes.NotFound),
            (api.Facilitator, HttpMethod.Post, api.Url($"commons/{elsewhere.Id}/approval"), null, HttpStatusCode.NotFound, ErrorCodes.NotFound),
            (api.Facilitator, HttpMethod.Post, api.Url($"commons/{elsewhere.Id}/send-back"), new { comment = "Hors sujet." }, HttpStatusCode.NotFound, ErrorCodes.NotFound),
        };
        foreach (var (client, method, url, body, status, code) in refusals)
        {
            await (await client.SendAsync(Request(method, url, body))).ShouldBeProblemAsync(status, code);
        }

        // Validation failures name the fields, in the API's JSON spelling.
        var fields = new (HttpMethod Method, string Url, object Body, string Field)[]
        {
            (HttpMethod.Put, api.Url("budget-rules"), rules with { maxShareOfBalancePerCommons = 0 }, "maxShareOfBalancePerCommons"),
            (HttpMethod.Put, api.Url("budget-rules"), rules with { maxShareOfBalancePerCommons = 101 }, "maxShareOfBalancePerCommons"),
            (HttpMethod.Put, api.Url("budget-rules"), new { fundingOpensAt = opens, fundingClosesAt = opens.AddHours(-1), rules.maxShareOfBalancePerCommons, rules.coCreatorsMayFundOwnCommons, rules.contributionsVisibility, rules.allowWithdrawal }, "fundingClosesAt"),
            (HttpMethod.Put, api.Url("budget-rules"), new { fundingOpensAt = opens, fundingClosesAt = opens, rules.maxShareOfBalancePerCommons, rules.coCreatorsMayFundOwnCommons, rules.contributionsVisibility, rules.allowWithdrawal }, "fundingClosesAt"),
            (HttpMethod.Put, api.Url("budget-rules"), new { rules.maxShareOfBalancePerCommons, rules.coCreatorsMayFundOwnCommons, contributionsVisibility = 7, rules.allowWithdrawal }, "contributionsVisibility"),
            (HttpMethod.Post, api.Url($"commons/{withoutBudget.Id}/send-back"), new { comment = "   " }, "comment"),
            (HttpMethod.Post, api.Url($"commons/{withoutBudget.Id}/send-back"), new { }, "comment"),
        };
        foreach (var (method, url, body, field) in fields)
        {
            var problem = await (await api.Facilitator.SendAsync(Request(method, url, body))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        }

        (await api.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Once_the_round_is_open_rules_lock_and_balances_stay_above_what_was_given_and_once_settled_nothing_moves()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 100_000, null, (10_000, 100_000));
        var s = api.Scenario;
        var member = s.Members[1];
        var proposed = await api.ProposeCommonsAsync();
        await (await api.Members[1].PutAsJsonAsync(api.Url($"own-funds/{member.Id}"), new { amount = 10_000 })).ShouldBeOkAsync();
        await (await api.Facilitator.PostAsJsonAsync(api.Url("phase"), new { phase = "Budgeting" })).ShouldBeOkAsync(HttpStatusCode.NoContent);
        await (await api.Members[1].PutAsJsonAsync(api.ContributionUrl(s.Commons[0]), new { organisationId = member.Id, amount = 55_000 })).ShouldBeOkAsync();
        var rules = new { maxShareOfBalancePerCommons = 100, coCreatorsMayFundOwnCommons = false, contributionsVisibility = "Live", allowWithdrawal = true };
        var before = await api.SnapshotAsync();

        // Member 1 has a grant of 50,000 and own funds of 10,000, and gives 55,000.
        var open = new (HttpClient Client, HttpMethod Method, string Url, object? Body, string Code)[]
        {
            (api.Facilitator, HttpMethod.Put, api.Url("grants"), new[] { new { organisationId = member.Id, amount = 44_999L } }, ErrorCodes.GrantBelowContributed),
            (api.Members[1], HttpMethod.Put, api.Url($"own-funds/{member.Id}"), new { amount = 4_999 }, ErrorCodes.OwnFundsBelowContributed),
            (api.Facilitator, HttpMethod.Put, api.Url("budget-rules"), rules with { maxShareOfBalancePerCommons = 50 }, ErrorCodes.RulesLocked),
            (api.Facilitator, HttpMethod.Post, api.Url($"commons/{proposed.Id}/approval"), null, ErrorCodes.WrongPhase),
            (api.Facilitator, HttpMethod.Post, api.Url($"commons/{proposed.Id}/send-back"), new { comment = "Trop tard." }, ErrorCodes.WrongPhase),
            (api.Facilitator, HttpMethod.Post, api.Url("phase"), new { phase = "Budgeting" }, ErrorCodes.PhaseTransitionNotAllowed),
            (api.Facilitator, HttpMethod.Post, api.Url("phase"), new { phase = "Results" }, ErrorCodes.PhaseTransitionNotAllowed),
        };
        foreach (var (client, method, url, body, code) in open)
        {
            await (await client.SendAsync(Request(method, url, body))).ShouldBeProblemAsync(Refused, code);
        }

        var preview = await (await api.Facilitator.PostAsJsonAsync(api.Url("grants/preview"), new[] { new { organisationId = member.Id, amount = 44_999L } })).ShouldBeOkAsync();
        preview.GetProperty("lines")[0].GetProperty("errorCode").GetString().ShouldBe(ErrorCodes.GrantBelowContributed);
        preview.GetProperty("canApply").GetBoolean().ShouldBeFalse();
        (await api.SnapshotAsync()).ShouldBe(before);

        await (await api.Facilitator.PostAsync(api.Url("close"), null)).ShouldBeOkAsync();
        var settled = await api.SnapshotAsync();

        var afterClose = new (HttpClient Client, HttpMethod Method, string Url, object? Body, string Code)[]
        {
            (api.Facilitator, HttpMethod.Post, api.Url("close"), null, ErrorCodes.AlreadySettled),
            (api.Members[1], HttpMethod.Put, api.ContributionUrl(s.Commons[0]), new { organisationId = member.Id, amount = 56_000 }, ErrorCodes.RoundClosed),
            (api.Funder, HttpMethod.Post, api.Url("pledges"), new { funderOrganisationId = s.Funder.Id, amount = 1_000 }, ErrorCodes.RoundClosed),
            (api.Members[1], HttpMethod.Put, api.Url($"own-funds/{member.Id}"), new { amount = 20_000 }, ErrorCodes.RoundClosed),
            (api.Facilitator, HttpMethod.Put, api.Url("grants"), new[] { new { organisationId = member.Id, amount = 50_000L } }, ErrorCodes.RoundClosed),
            (api.Facilitator, HttpMethod.Post, api.Url("grants/equal-split"), null, ErrorCodes.RoundClosed),
            (api.Facilitator, HttpMethod.Put, api.Url("budget-rules"), rules, ErrorCodes.RulesLocked),
            (api.Facilitator, HttpMethod.Post, api.Url("phase"), new { phase = "Results" }, ErrorCodes.PhaseTransitionNotAllowed),
        };
        foreach (var (client, method, url, body, code) in afterClose)
        {
            await (await client.SendAsync(Request(method, url, body))).ShouldBeProblemAsync(Refused, code);
        }

        (await api.SnapshotAsync()).ShouldBe(settled);
    }

    [Fact]
    public async Task Unreadable_bodies_are_400_problems_naming_the_field_and_change_nothing()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 100_000, null, (10_000, 50_000));
        var s = api.Scenario;
        await s.OpenRoundAsync();
        var member = s.Members[1].Id;
        var contribution = api.ContributionUrl(s.Commons[0]);
        const string Rules = "\"maxShareOfBalancePerCommons\": 100, \"coCreatorsMayFundOwnCommons\": false, \"allowWithdrawal\": true";
        var before = await api.SnapshotAsync();

        var bodies = new (HttpClient Client, HttpMethod Method, string Url, string Json, string? Field)[]
        {
            (api.Members[1], HttpMethod.Put, contribution, $"{{\"organisationId\": \"{member}\", \"amount\": ", "amount"),
            (api.Members[1], HttpMethod.Put, contribution, $"{{\"organisationId\": \"{member}\", \"amount\": 9223372036854775808}}", "amount"),
            (api.Members[1], HttpMethod.Put, contribution, $"{{\"organisationId\": \"{member}\", \"amount\": 12.5}}", "amount"),
            (api.Members[1], HttpMethod.Put, contribution, $"{{\"organisationId\": \"{member}\", \"amount\": true}}", "amount"),
            (api.Members[1], HttpMethod.Put, contribution, "{\"organisationId\": 42, \"amount\": 100}", "organisationId"),
            (api.Members[1], HttpMethod.Put, contribution, $"{{\"organisationId\": \"{member}\"}}", null),
            (api.Members[1], HttpMethod.Put, contribution, string.Empty, null),
            (api.Members[1], HttpMethod.Put, api.Url($"own-funds/{member}"), "{\"amount\": \"beaucoup\"}", "amount"),
            (api.Funder, HttpMethod.Post, api.Url("pledges"), $"{{\"funderOrganisationId\": \"{s.Funder.Id}\", \"amount\": -9223372036854775809}}", "amount"),
            (api.Facilitator, HttpMethod.Post, api.Url("phase"), "{\"phase\": \"Nowhere\"}", "phase"),
            (api.Facilitator, HttpMethod.Put, api.Url("budget-rules"), $"{{{Rules}, \"contributionsVisibility\": \"Sometimes\"}}", "contributionsVisibility"),
            (api.Facilitator, HttpMethod.Put, api.Url("budget-rules"), $"{{{Rules}, \"contributionsVisibility\": \"Live\", \"fundingClosesAt\": \"demain\"}}", "fundingClosesAt"),
            (api.Facilitator, HttpMethod.Put, api.Url("grants"), $"{{\"organisationId\": \"{member}\", \"amount\": 1}}", null),
            (api.Facilitator, HttpMethod.Put, api.Url("grants"), "[null]", "body[0]"),
            (api.Facilitator, HttpMethod.Post, api.Url("grants/preview"), $"[{{\"organisationId\": \"{member}\", \"amount\": 1.5}}]", null),
        };
        foreach (var (client, method, url, json, field) in bodies)
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = ApiClient.RawJson(json) });
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
            if (field is not null)
            {
                problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"{json} -> {problem}");
            }
        }

        (await api.SnapshotAsync()).ShouldBe(before);
    }

    /// <summary>A request to every endpoint that only the call's facilitators may use, each with a valid body.</summary>
    private static IEnumerable<(HttpMethod Method, string Url, object? Body)> FacilitatorRequests(BudgetApi api, Guid commonsId)
    {
        var member = api.Scenario.Members[0].Id;
        yield return (HttpMethod.Put, api.Url("budget-rules"), new { maxShareOfBalancePerCommons = 50, coCreatorsMayFundOwnCommons = false, contributionsVisibility = "Live", allowWithdrawal = true });
        yield return (HttpMethod.Post, api.Url("grants/equal-split"), null);
        yield return (HttpMethod.Post, api.Url("grants/preview"), new[] { new { organisationId = member, amount = 1L } });
        yield return (HttpMethod.Put, api.Url("grants"), new[] { new { organisationId = member, amount = 1L } });
        yield return (HttpMethod.Post, api.Url("phase"), new { phase = "Results" });
        yield return (HttpMethod.Get, api.Url("commons/for-review"), null);
        yield return (HttpMethod.Post, api.Url($"commons/{commonsId}/approval"), null);
        yield return (HttpMethod.Post, api.Url($"commons/{commonsId}/send-back"), new { comment = "Non." });
        yield return (HttpMethod.Post, api.Url("close"), null);
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body, body.GetType()) };
}
