using System.Net;

namespace CommonsCall.Web.Tests.Infrastructure;

public sealed class HealthAndHostingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Liveness_answers_without_touching_the_database()
    {
        var response = await app.CreateClient().GetAsync("/health/live");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Readiness_checks_the_database()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await app.CreateClient().GetAsync("/account/login");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("Referrer-Policy").ShouldContain("strict-origin-when-cross-origin");
    }

    [Fact]
    public async Task The_blazor_client_script_and_the_radzen_assets_are_served()
    {
        var client = app.CreateClient();
        (await client.GetAsync("/_framework/blazor.web.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/_content/Radzen.Blazor/Radzen.Blazor.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/_content/Radzen.Blazor/css/material.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
