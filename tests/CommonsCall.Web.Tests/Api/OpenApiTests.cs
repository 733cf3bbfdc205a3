using System.Net;

namespace CommonsCall.Web.Tests.Api;

public sealed class OpenApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_openapi_document_lists_the_endpoints_and_the_bearer_scheme()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await response.JsonAsync();

        var paths = document.GetProperty("paths");
        paths.EnumerateObject().Select(p => p.Name).ShouldBe(
            [
                "/api/v1/calls", "/api/v1/calls/{slug}", "/api/v1/me/tokens", "/api/v1/me/tokens/{id}",
                "/api/v1/calls/{slug}/glossary", "/api/v1/calls/{slug}/glossary/{termId}", "/api/v1/calls/{slug}/scope", "/api/v1/calls/{slug}/scope/{statementId}",
                "/api/v1/calls/{slug}/participants", "/api/v1/calls/{slug}/participants/{organisationId}/{role}/accept", "/api/v1/calls/{slug}/participants/{organisationId}/{role}/leave",
                "/api/v1/organisations", "/api/v1/organisations/{id}", "/api/v1/organisations/{id}/invitations",
            ],
            ignoreOrder: true);
        paths.GetProperty("/api/v1/me/tokens").EnumerateObject().Select(o => o.Name).ShouldBe(["post", "get"], ignoreOrder: true);
        paths.GetProperty("/api/v1/me/tokens/{id}").TryGetProperty("delete", out _).ShouldBeTrue();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        scheme.GetProperty("type").GetString().ShouldBe("http");
        scheme.GetProperty("scheme").GetString().ShouldBe("bearer");
        document.GetProperty("info").GetProperty("title").GetString().ShouldBe("CommonsCall API");

        // Required where a signed-in caller is needed, optional ({} allowed) on public reads.
        var tokensSecurity = paths.GetProperty("/api/v1/me/tokens").GetProperty("get").GetProperty("security");
        tokensSecurity.EnumerateArray().Select(r => r.EnumerateObject().Single().Name).ShouldBe(["Bearer"]);
        var callsSecurity = paths.GetProperty("/api/v1/calls").GetProperty("get").GetProperty("security");
        callsSecurity.EnumerateArray().ShouldContain(r => !r.EnumerateObject().Any());

        // The caller is bound from the request, not a parameter a client sends.
        var parameters = paths.GetProperty("/api/v1/calls/{slug}").GetProperty("get").GetProperty("parameters");
        parameters.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["slug"]);
    }
}
