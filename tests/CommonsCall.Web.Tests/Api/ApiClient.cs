using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommonsCall.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Api;

/// <summary>HTTP clients for the real API pipeline, and what tests read from its answers.</summary>
public static class ApiClient
{
    /// <summary>A client that never follows redirects: an API must not send anyone to the sign-in page.</summary>
    public static HttpClient Anonymous(AppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static HttpClient WithToken(AppFactory app, string token)
    {
        var client = Anonymous(app);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client authenticated as <paramref name="actor"/> by a fresh personal access token.</summary>
    public static async Task<HttpClient> ForAsync(AppFactory app, Actor actor) =>
        WithToken(app, await TokenAsync(app, actor));

    public static async Task<string> TokenAsync(AppFactory app, Actor actor, string name = "tests")
    {
        var created = await app.Services.GetRequiredService<PersonalAccessTokenService>().CreateAsync(new Support.TestData(app).SignedInJustNow(actor), new CreateAccessToken(name));
        return created.Value!.Token;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>A request body written by hand, for JSON that no serializer would produce.</summary>
    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The JSON of a successful answer, after asserting its status.</summary>
    public static async Task<JsonElement> ShouldBeOkAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        return status == HttpStatusCode.NoContent ? default : await response.JsonAsync();
    }

    /// <summary>Asserts RFC 7807 problem details with this status and stable code, and returns them.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        if (code is not null)
        {
            problem.GetProperty("code").GetString().ShouldBe(code);
        }

        return problem;
    }
}
