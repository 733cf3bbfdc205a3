using System.Globalization;
using System.Security.Claims;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>
/// When the person last proved their password, as GitHub's "sudo mode" asks: a stolen cookie, or a browser left
/// open, must not be enough to mint an access token that outlives the session. The time is a claim of the sign-in
/// cookie, written only when a password is checked (<see cref="PasswordSignIn"/>, registration, a password change).
/// Renewing the sliding cookie re-issues the same claims, and the security stamp is checked without re-issuing, so
/// neither makes an old sign-in look recent nor drops the time.
/// </summary>
public static class RecentSignIn
{
    /// <summary>OpenID Connect's name for it: seconds since 1970, UTC.</summary>
    public const string ClaimType = "auth_time";

    /// <summary>How recent the password must be for the operations that need it (GitHub's sudo mode lasts as long).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static Claim ClaimFor(DateTimeOffset at) =>
        new(ClaimType, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    /// <summary>When the person behind <paramref name="principal"/> last proved their password, or null if never in this session.</summary>
    public static DateTimeOffset? Of(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ClaimType), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static bool IsRecent(DateTimeOffset? provedAt, DateTimeOffset now) => provedAt is { } at && now - at <= Window;
}
