using CommonsCall.Domain.Common;
using CommonsCall.Web.Infrastructure;

namespace CommonsCall.Web.Api;

/// <summary>
/// How the API answers a service's outcome: the value on success, else RFC 7807 problem details whose
/// <c>code</c> member is the stable <see cref="ErrorCodes"/> value (and <c>errors</c> lists the invalid fields). A
/// refusal that time lifts (<see cref="DomainError.RetryAfter"/>) says when in <c>Retry-After</c>.
/// </summary>
public static class ApiResults
{
    public const string CodeMember = ProblemResponses.CodeMember;

    /// <summary><paramref name="onSuccess"/> with the value, or the problem details of the refusal.</summary>
    public static IResult ToApiResult<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value!) : result.Error!.ToProblem();

    /// <summary>204 No Content, or the problem details of the refusal.</summary>
    public static IResult ToApiResult(this Result result) =>
        result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();

    /// <summary>
    /// Declares, for the OpenAPI document, the problem details an endpoint (or a group) may answer with: one call per
    /// endpoint, listing the statuses <see cref="StatusCodeFor"/> gives the refusals its service may return.
    /// </summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>The problem details of a refusal; <c>forbidden</c> becomes 401 when nobody is signed in.</summary>
    public static IResult ToProblem(this DomainError error) => new DomainProblem(error);

    /// <summary>404 with code <c>not_found</c>, e.g. for a query that found nothing the caller may see.</summary>
    public static IResult NotFound(string detail) => new DomainError(ErrorCodes.NotFound, detail).ToProblem();

    /// <summary>
    /// validation_failed 400, not_found 404, forbidden 403 (401 when anonymous), interactive_session_required,
    /// recent_sign_in_required and cross_site_request 403, conflict 409, rate_limited 429; every other refusal (a domain rule said no) 422.
    /// </summary>
    public static int StatusCodeFor(string code, bool isAuthenticated) => code switch
    {
        ErrorCodes.Validation => StatusCodes.Status400BadRequest,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Forbidden => isAuthenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
        ErrorCodes.InteractiveSessionRequired or ErrorCodes.RecentSignInRequired or ErrorCodes.CrossSiteRequest => StatusCodes.Status403Forbidden,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>Problem details with a code, for the places that know the status themselves (authentication, bad requests).</summary>
    public static IResult Problem(int status, string? code, string detail, IReadOnlyDictionary<string, string[]>? fields = null) =>
        ProblemResponses.Problem(status, code, detail, fields);

    private sealed class DomainProblem(DomainError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var status = StatusCodeFor(error.Code, httpContext.User.Identity?.IsAuthenticated == true);
            if (error.RetryAfter is { } wait)
            {
                RetryAfterHeader.Set(httpContext.Response, wait);
            }

            return Problem(status, error.Code, error.Detail, error.Code == ErrorCodes.Validation ? error.Fields ?? new Dictionary<string, string[]>() : null)
                .ExecuteAsync(httpContext);
        }
    }
}

/// <summary>The id of something a request created.</summary>
public sealed record CreatedResponse(Guid Id);
