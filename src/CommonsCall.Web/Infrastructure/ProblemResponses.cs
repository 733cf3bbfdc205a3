using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// RFC 7807 problem details carrying the stable error code in their <c>code</c> member: the one way the API
/// (<c>Api.ApiResults</c>) and the authentication handlers write a refusal, so that the handlers need not depend on
/// the API's endpoints.
/// </summary>
public static class ProblemResponses
{
    public const string CodeMember = "code";

    /// <summary>
    /// Problem details with a code, for the places that know the status themselves (authentication, bad requests). The
    /// <c>detail</c> is the code's sentence in the request's language (<see cref="ErrorText"/>, as the pages show it;
    /// <see cref="Localization"/> chooses the language), else <paramref name="detail"/>.
    /// </summary>
    public static IResult Problem(int status, string? code, string detail, IReadOnlyDictionary<string, string[]>? fields = null) =>
        new Localized(status, code, detail, fields);

    private static IResult Write(int status, string? code, string detail, IReadOnlyDictionary<string, string[]>? fields)
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

    private sealed class Localized(int status, string? code, string detail, IReadOnlyDictionary<string, string[]>? fields) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var text = code is null || httpContext.RequestServices.GetService<IStringLocalizer<Localized>>() is not { } localizer
                ? detail
                : ErrorText.For(localizer, new DomainError(code, detail));
            return Write(status, code, text, fields).ExecuteAsync(httpContext);
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
