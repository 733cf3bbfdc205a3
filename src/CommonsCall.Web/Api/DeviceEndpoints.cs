using Microsoft.AspNetCore.Mvc;

namespace CommonsCall.Web.Api;

/// <summary>
/// The OAuth 2.0 Device Authorization Grant (RFC 8628), for a program's first access token: open to anyone (the
/// person proves who they are on <c>/device</c>, not here). Requests are forms and errors are RFC 6749 §5.2 JSON
/// (<c>{"error": "authorization_pending"}</c>), as OAuth client libraries expect; a rate limit is a 429 problem.
/// </summary>
public static class DeviceEndpoints
{
    public static RouteGroupBuilder MapDeviceEndpoints(this RouteGroupBuilder api)
    {
        var device = api.MapGroup("/device").WithTags("Device authorization (RFC 8628)").AllowAnonymous();
        device.MapPost("/code", StartAsync)
            .WithName("StartDeviceAuthorization")
            .WithSummary("RFC 8628 §3.1 (form: client_id = your program's name): returns device_code, user_code, verification_uri (/device), verification_uri_complete, expires_in (600) and interval (5). Show the user code and the address to the person, then poll /device/token.")
            .Produces<DeviceCodeResponse>()
            .Produces<OAuthError>(StatusCodes.Status400BadRequest)
            .ProducesProblems(StatusCodes.Status429TooManyRequests);
        device.MapPost("/token", PollAsync)
            .WithName("PollDeviceToken")
            .WithSummary($"RFC 8628 §3.4 (form: grant_type={DeviceFlowService.GrantType}, device_code, client_id): 400 authorization_pending while the person has not answered, slow_down when polled faster than the interval (which grows by 5 s), access_denied, expired_token; then, once, 200 with access_token (a personal access token of the person, valid {PersonalAccessTokenService.DefaultLifetimeDays} days, listed and revocable at /account/tokens).")
            .Produces<DeviceTokenResponse>()
            .Produces<OAuthError>(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<IResult> StartAsync(
        [FromForm(Name = "client_id")] string? clientId, HttpContext http, DeviceFlowService devices, CancellationToken ct) =>
        Answer(http, await devices.StartAsync(clientId, http.Connection.RemoteIpAddress?.ToString(), ct));

    private static async Task<IResult> PollAsync(
        [FromForm(Name = "grant_type")] string? grantType, [FromForm(Name = "device_code")] string? deviceCode, [FromForm(Name = "client_id")] string? clientId,
        HttpContext http, DeviceFlowService devices, CancellationToken ct) =>
        Answer(http, await devices.PollAsync(grantType, deviceCode, clientId, ct));

    /// <summary>RFC 6749 §5.1: no caching of anything carrying a code or a token.</summary>
    private static IResult Answer<T>(HttpContext http, Result<T> result)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return result.IsSuccess ? TypedResults.Ok(result.Value)
            : result.Error!.Code == ErrorCodes.RateLimited ? result.Error.ToProblem()
            : TypedResults.BadRequest(new OAuthError(result.Error.Code, result.Error.Detail));
    }
}
