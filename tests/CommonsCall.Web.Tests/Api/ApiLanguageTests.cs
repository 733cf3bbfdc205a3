using System.Net;
using System.Net.Http.Json;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Api;

/// <summary>
/// Issue 14, item 8: the API's problem details speak the caller's language: <c>Accept-Language</c> first, then the
/// culture cookie the pages write, then French, like the pages.
/// </summary>
public sealed class ApiLanguageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private string Sentence(string language, string code) =>
        app.Services.GetRequiredService<JsonStringLocalizerFactory>().Strings(language)[$"error.{code}"];

    private async Task<(BudgetApi Api, string Url, object Body)> RefusedContributionAsync()
    {
        var api = await BudgetApi.CreateAsync(app, 2, 200_000, null, (10_000, 500_000));
        await api.Scenario.OpenRoundAsync();
        return (api, api.ContributionUrl(api.Scenario.Commons[0]), new { organisationId = api.Scenario.Members[1].Id, amount = 100_001 });
    }

    private static async Task<string> DetailAsync(HttpClient client, string url, object body, Action<HttpRequestMessage> language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        language(request);
        var problem = await (await client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.InsufficientBalance);
        return problem.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task A_budget_rule_refusal_speaks_the_language_of_accept_language_then_of_the_cookie()
    {
        var (api, url, body) = await RefusedContributionAsync();
        var member = api.Members[1];
        var french = Sentence("fr", ErrorCodes.InsufficientBalance);
        var english = Sentence("en", ErrorCodes.InsufficientBalance);
        french.ShouldNotBe(english);

        (await DetailAsync(member, url, body, r => r.Headers.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9"))).ShouldBe(french);
        (await DetailAsync(member, url, body, r => r.Headers.AcceptLanguage.ParseAdd("en-GB"))).ShouldBe(english);
        (await DetailAsync(member, url, body, r => r.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den"))).ShouldBe(english);
        (await DetailAsync(member, url, body, r =>
        {
            r.Headers.AcceptLanguage.ParseAdd("fr");
            r.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        })).ShouldBe(french, "Accept-Language comes before the cookie");
        (await DetailAsync(member, url, body, r =>
        {
            r.Headers.AcceptLanguage.ParseAdd("de-DE");
            r.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        })).ShouldBe(english, "a language we do not speak falls through to the cookie");
        (await DetailAsync(member, url, body, _ => { })).ShouldBe(french, "French by default, like the pages");
    }

    [Fact]
    public async Task Every_problem_detail_follows_accept_language_authentication_and_validation_too()
    {
        var (api, url, _) = await RefusedContributionAsync();

        using var anonymous = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { organisationId = Guid.NewGuid(), amount = 1 }) };
        anonymous.Headers.AcceptLanguage.ParseAdd("fr");
        var unauthorised = await (await api.Anonymous.SendAsync(anonymous)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Forbidden);
        unauthorised.GetProperty("detail").GetString().ShouldBe(Sentence("fr", ErrorCodes.Forbidden));

        using var malformed = new HttpRequestMessage(HttpMethod.Put, url) { Content = ApiClient.RawJson("{\"amount\": \"beaucoup\"}") };
        malformed.Headers.AcceptLanguage.ParseAdd("en");
        var invalid = await (await api.Members[1].SendAsync(malformed)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        invalid.GetProperty("detail").GetString().ShouldBe(Sentence("en", ErrorCodes.Validation));
    }
}
