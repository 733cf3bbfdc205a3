using System.Text.Json;
using CommonsCall.Web.Infrastructure;

namespace CommonsCall.Web.Api;

/// <summary>
/// Turns a request the server could not read (malformed JSON, a wrong type, a missing body) into 400 problem
/// details with code <c>validation_failed</c>, for every minimal API endpoint; an unreachable database into a 503
/// problem with code <c>database_unavailable</c> and Retry-After; and an API bug into a 500 problem without
/// internals (the exception goes to the log).
/// </summary>
internal sealed class ApiErrors(RequestDelegate next, ILogger<ApiErrors> logger)
{
    private const string RetryAfterSeconds = "5";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var fields = ex.InnerException is JsonException json
                ? new Dictionary<string, string[]> { [FieldOf(json.Path)] = [json.Message] }
                : null;
            await ApiResults.Problem(ex.StatusCode, ErrorCodes.Validation, ex.Message, fields).ExecuteAsync(context);
        }
        catch (Exception ex) when (ApiEndpoints.IsApiRequest(context.Request) && !context.Response.HasStarted && ex.IsDatabaseUnavailable())
        {
            logger.LogWarning(ex, "API request {RequestMethod} {RequestPath} failed: the database is unavailable", context.Request.Method, context.Request.Path);
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.DatabaseUnavailable,
                "The database is unavailable for a moment; the request was probably not applied (a change is all or nothing): read the state again in a few seconds before retrying.").ExecuteAsync(context);
        }
        catch (Exception ex) when (ApiEndpoints.IsApiRequest(context.Request) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "API request {RequestMethod} {RequestPath} failed", context.Request.Method, context.Request.Path);
            await ApiResults.Problem(StatusCodes.Status500InternalServerError, null, "An unexpected error occurred; it has been logged.").ExecuteAsync(context);
        }
    }

    /// <summary><c>$.name</c> becomes <c>name</c>; an unreadable document as a whole is <c>body</c>.</summary>
    private static string FieldOf(string? jsonPath) =>
        jsonPath is { Length: > 2 } && jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : "body";
}
