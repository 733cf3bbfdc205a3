using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace CommonsCall.Web.Api;

/// <summary>
/// How the API answers a service's outcome: the value on success, else RFC 7807 problem details whose
/// <c>code</c> member is the stable <see cref="ErrorCodes"/> value (and <c>errors</c> lists the invalid fields).
/// </summary>
public static class ApiResults
{
    public const string CodeMember = "code";

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
    /// validation_failed 400, not_found 404, forbidden 403 (401 when anonymous), conflict 409; every other
    /// refusal (a domain rule said no) 422.
    /// </summary>
    public static int StatusCodeFor(string code, bool isAuthenticated) => code switch
    {
        ErrorCodes.Validation => StatusCodes.Status400BadRequest,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Forbidden => isAuthenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>Problem details with a code, for the places that know the status themselves (authentication, bad requests).</summary>
    public static IResult Problem(int status, string? code, string detail, IReadOnlyDictionary<string, string[]>? fields = null)
    {
        var problem = fields is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(fields.ToDictionary(f => JsonName(f.Key), f => f.Value));
        problem.Status = status;
        problem.Detail = detail;
        if (code is not null)
        {
            problem.Extensions[CodeMember] = code;
        }

        return status == StatusCodes.Status401Unauthorized ? new Unauthorized(TypedResults.Problem(problem)) : TypedResults.Problem(problem);
    }

    /// <summary>The JSON name of a validator's property path: <c>Items[0].Amount</c> becomes <c>items[0].amount</c>.</summary>
    private static string JsonName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    private sealed class DomainProblem(DomainError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var status = StatusCodeFor(error.Code, httpContext.User.Identity?.IsAuthenticated == true);
            return Problem(status, error.Code, error.Detail, error.Code == ErrorCodes.Validation ? error.Fields ?? new Dictionary<string, string[]>() : null)
                .ExecuteAsync(httpContext);
        }
    }

    /// <summary>A 401 says how to authenticate (RFC 9110): with a personal access token.</summary>
    private sealed class Unauthorized(IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (string.IsNullOrEmpty(httpContext.Response.Headers.WWWAuthenticate))
            {
                httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            }

            return problem.ExecuteAsync(httpContext);
        }
    }
}

/// <summary>The id of something a request created.</summary>
public sealed record CreatedResponse(Guid Id);
