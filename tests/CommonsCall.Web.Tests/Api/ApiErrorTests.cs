using System.Net;
using System.Text;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Api;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Api;

public sealed class ApiErrorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestData _data = new(app);

    [Fact]
    public async Task Malformed_json_is_a_400_problem_with_code_validation_failed()
    {
        var client = await ApiClient.ForAsync(app, await _data.UserAsync());

        var response = await client.PostAsync("/api/v1/me/tokens", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        problem.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_problem_naming_the_field()
    {
        var client = await ApiClient.ForAsync(app, await _data.UserAsync());

        var response = await client.PostAsync("/api/v1/me/tokens", new StringContent("{\"name\": 42}", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
        problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_missing_body_is_a_400_problem()
    {
        var client = await ApiClient.ForAsync(app, await _data.UserAsync());
        var response = await client.PostAsync("/api/v1/me/tokens", new StringContent(string.Empty, Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.Validation);
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem()
    {
        var response = await ApiClient.Anonymous(app).GetAsync("/api/v1/nothing-here");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_json_post_needs_no_antiforgery_token_but_the_html_forms_keep_it()
    {
        var client = await ApiClient.ForAsync(app, await _data.UserAsync());
        var organisation = $"{{\"name\":\"Sans jeton {Guid.NewGuid():N}\",\"kind\":\"Sme\",\"sizeBand\":\"Small\",\"stage\":\"Development\"}}";
        (await client.PostAsync("/api/v1/organisations", new StringContent(organisation, Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var form = await ApiClient.Anonymous(app).PostAsync("/account/logout", new FormUrlEncodedContent([new("returnUrl", "/")]));
        form.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(ErrorCodes.Validation, true, 400)]
    [InlineData(ErrorCodes.NotFound, true, 404)]
    [InlineData(ErrorCodes.Forbidden, true, 403)]
    [InlineData(ErrorCodes.Forbidden, false, 401)]
    [InlineData(ErrorCodes.InteractiveSessionRequired, true, 403)]
    [InlineData(ErrorCodes.RecentSignInRequired, true, 403)]
    [InlineData(ErrorCodes.CrossSiteRequest, true, 403)]
    [InlineData(ErrorCodes.Conflict, true, 409)]
    [InlineData(ErrorCodes.InsufficientBalance, true, 422)]
    [InlineData(ErrorCodes.RoundClosed, true, 422)]
    [InlineData(ErrorCodes.ExceedsShareCap, true, 422)]
    public async Task A_refusal_becomes_problem_details_with_its_status_and_stable_code(string code, bool signedIn, int status)
    {
        await using var scope = app.Services.CreateAsyncScope();
        System.Globalization.CultureInfo.CurrentUICulture = new("fr");
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();
        if (signedIn)
        {
            context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.NameIdentifier, "u")], "test"));
        }

        var fields = new Dictionary<string, string[]> { ["Amount"] = ["Too much."] };
        await new DomainError(code, "why", code == ErrorCodes.Validation ? fields : null).ToProblem().ExecuteAsync(context);

        context.Response.StatusCode.ShouldBe(status);
        context.Response.Body.Position = 0;
        var problem = System.Text.Json.JsonDocument.Parse(context.Response.Body).RootElement;
        problem.GetProperty("code").GetString().ShouldBe(code);
        // The code's own sentence in the request's language (French here), not the service's English detail.
        problem.GetProperty("detail").GetString().ShouldBe(app.Services.GetRequiredService<CommonsCall.Web.Infrastructure.JsonStringLocalizerFactory>().Strings("fr")[$"error.{code}"]);
        if (code == ErrorCodes.Validation)
        {
            problem.GetProperty("errors").GetProperty("amount")[0].GetString().ShouldBe("Too much.");
        }
    }
}
