using System.Security.Claims;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>
/// Who is asking. Every service operation takes one and checks its permissions itself, whether the call
/// comes from a page or from the API.
/// </summary>
public sealed record Actor(string? UserId, bool IsAdministrator, bool IsFacilitator)
{
    public static Actor Anonymous { get; } = new(null, false, false);

    public bool IsAuthenticated => UserId is not null;

    /// <summary>
    /// Authenticated by a personal access token rather than signed in on our pages: some account operations
    /// (minting tokens) need the person, not one of their integrations.
    /// </summary>
    public bool ViaAccessToken { get; init; }

    /// <summary>When the person last proved their password in this session (<see cref="RecentSignIn"/>); null with a token.</summary>
    public DateTimeOffset? PasswordProvedAt { get; init; }

    public static Actor From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is null
            ? Anonymous
            : new Actor(id, principal.IsInRole(Roles.Administrator), principal.IsInRole(Roles.Facilitator))
            {
                ViaAccessToken = principal.Identity?.AuthenticationType == BearerTokenHandler.SchemeName,
                PasswordProvedAt = RecentSignIn.Of(principal),
            };
    }

    /// <summary>Lets an API endpoint take an <see cref="Actor"/> parameter: the caller, from the cookie or the bearer token.</summary>
    public static ValueTask<Actor?> BindAsync(HttpContext context) => ValueTask.FromResult<Actor?>(From(context.User));
}
