using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace CommonsCall.Web.Api;

/// <summary>
/// The JSON API under <c>/api/v1</c> (DESIGN.md "HTTP API"): the same services and permission checks as the
/// pages, personal access tokens, problem details with stable codes, OpenAPI at <c>/openapi/v1.json</c>.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api";

    public static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments(Prefix);

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Binding failures (malformed JSON, wrong types) throw, so that ApiErrors can answer them with problem details.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Bodiless API errors (unknown route, challenge without a handler's body) still get a stable code.
            if (IsApiRequest(context.HttpContext.Request) && !context.ProblemDetails.Extensions.ContainsKey(ApiResults.CodeMember)
                && CodeFor(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode) is { } code)
            {
                context.ProblemDetails.Extensions[ApiResults.CodeMember] = code;
            }
        });
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "CommonsCall API";
                document.Info.Description = "The JSON API of CommonsCall: the same services and permission checks as its web pages. Errors are RFC 7807 problem details whose `code` member is a stable error code; amounts are integers in minor units.";
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddOperationTransformer<BearerSecurityTransformer>();
            o.AddSchemaTransformer<AmountSchemaTransformer>();
        });

        // An API client is never sent to the sign-in page: a session cookie that is missing or lacks a role gets 401/403.
        // PostConfigure, so that it wraps whatever events Identity (or anyone) configured, whatever the call order.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var redirectToLogin = o.Events.OnRedirectToLogin;
            var redirectToAccessDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToLogin = context => IsApiRequest(context.Request)
                ? ApiResults.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Forbidden, "Sign in or send a personal access token: Authorization: Bearer <token>.").ExecuteAsync(context.HttpContext)
                : redirectToLogin(context);
            o.Events.OnRedirectToAccessDenied = context => IsApiRequest(context.Request)
                ? ApiResults.Problem(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Your account may not do this.").ExecuteAsync(context.HttpContext)
                : redirectToAccessDenied(context);
        });
        return services;
    }

    /// <summary>Problem details for bad requests (every minimal API endpoint) and for any API failure.</summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app)
    {
        app.UseMiddleware<ApiErrors>();
        return app.UseWhen(context => IsApiRequest(context.Request), api => api.UseStatusCodePages());
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();

        // No antiforgery tokens: a browser never sends a bearer token by itself, and a change signed in by the cookie
        // must come from our own pages (CrossSiteRequests), whatever its body.
        var api = app.MapGroup("/api/v1")
            .DisableAntiforgery()
            .AddEndpointFilter(RefuseUnknownTokens)
            .AddEndpointFilter(CrossSiteRequests.RefuseForgedCookieRequests)
            .ProducesProblems(StatusCodes.Status400BadRequest);
        api.MapCallEndpoints();
        api.MapCallFramingEndpoints();
        api.MapOrganisationEndpoints();
        api.MapChallengeEndpoints();
        api.MapBudgetEndpoints();
        api.MapDashboardEndpoints();
        api.MapCommonsEndpoints();
        api.MapCommonsCoverEndpoints();
        api.MapAccessTokenEndpoints();
        api.MapOpenDataEndpoints();
        api.MapReportEndpoints();
        api.MapOnboardingEndpoints();
        api.MapDeviceEndpoints();
        api.MapFollowUpEndpoints();
        api.MapFollowUpDashboardEndpoints();
        api.MapExpenseEndpoints();
        api.MapConversationEndpoints();
        api.MapNotificationEndpoints();
        api.MapFacilitatorEndpoints();
        api.MapAdminUserEndpoints();
        api.MapCalendarFeedEndpoints();
        api.MapAccountabilityEndpoints();
        api.MapObjectionEndpoints();
        api.MapEvaluationEndpoints();
        api.MapRecognitionEndpoints();
        api.MapMatchPreviewEndpoints();
        return app;
    }

    /// <summary>
    /// A revoked or unknown token is refused even where anonymous callers are welcome: silently answering as
    /// anonymous would hide the broken token from its integration.
    /// </summary>
    private static async ValueTask<object?> RefuseUnknownTokens(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        BearerTokenHandler.HasBearerToken(context.HttpContext.Request) && context.HttpContext.User.Identity?.IsAuthenticated != true
            ? Results.Challenge(authenticationSchemes: [BearerTokenHandler.SchemeName])
            : await next(context);

    private static string? CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.Validation,
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        _ => null,
    };
}
