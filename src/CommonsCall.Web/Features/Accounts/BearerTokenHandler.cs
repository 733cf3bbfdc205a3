using System.Security.Claims;
using System.Text.Encodings.Web;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;personal access token&gt;</c> as the token's owner, with the same
/// claims the sign-in cookie carries (id, name, roles), so that <see cref="Actor.From"/> reads both alike. A token
/// works until it is revoked or expires, and not while an administrator keeps its account disabled; a sign-in lockout does not stop it (anyone may lock an account by typing
/// wrong passwords: that must not cut its owner's integrations).
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PersonalAccessTokenService tokens,
    UserManager<AppUser> users,
    IUserClaimsPrincipalFactory<AppUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    /// <summary>Whether the request presents a bearer token (another scheme, e.g. a proxy's Basic, does not count).</summary>
    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearerToken(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = Request.Headers.Authorization.ToString()[Prefix.Length..].Trim();
        var userId = secret.Length == 0 ? null : await tokens.FindUserIdAsync(secret, Context.RequestAborted);
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || user.IsDisabled)
        {
            return AuthenticateResult.Fail("The access token is unknown, revoked or expired, or its account is disabled.");
        }

        var cookieLike = (ClaimsIdentity)(await principals.CreateAsync(user)).Identity!;
        var identity = new ClaimsIdentity(cookieLike.Claims, SchemeName, cookieLike.NameClaimType, cookieLike.RoleClaimType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var invalid = result.Failure is not null;
        Response.Headers.WWWAuthenticate = invalid ? "Bearer error=\"invalid_token\"" : "Bearer";
        await ProblemResponses.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Forbidden,
                invalid ? result.Failure!.Message : "This needs a personal access token: Authorization: Bearer <token>.")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.Problem(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Your account may not do this.").ExecuteAsync(Context);
}
