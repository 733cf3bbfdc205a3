using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>
/// Signing in with an email and a password, telling a prober nothing: an unknown email, a wrong password and a
/// locked account give the same answer, after the same work (one password hash checked), so that neither the
/// message nor the time says whether an account exists. A disabled account is refused the same way. Every sign-in records when the password was proved
/// (<see cref="RecentSignIn"/>). Attempts are limited per client address (<see cref="ActionRateLimits.SignIn"/>), whatever the
/// accounts tried: the lockout limits them per account.
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, PasswordSignIn.DecoyHash decoy, ActionRateLimits limits, TimeProvider clock)
{
    public enum Outcome
    {
        /// <summary>The person is now signed in (a persistent cookie).</summary>
        SignedIn,

        /// <summary>Any failure, whatever its cause: unknown email, wrong password, locked or disabled account.</summary>
        Refused,

        /// <summary>Too many attempts from this client address in the current window: no password was checked.</summary>
        Throttled,
    }

    public async Task<Outcome> SignInAsync(string email, string password, string? clientAddress)
    {
        if (!await limits.TryAcquireAsync(ActionRateLimits.SignIn, clientAddress ?? "unknown"))
        {
            return Outcome.Throttled;
        }

        return await CheckAsync(email, password) ? Outcome.SignedIn : Outcome.Refused;
    }

    private async Task<bool> CheckAsync(string email, string password)
    {
        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            // Identity would answer at once here: check a password against a decoy hash to take as long as a real check.
            var decoyUser = new AppUser();
            hasher.VerifyHashedPassword(decoyUser, decoy.Value ??= hasher.HashPassword(decoyUser, Guid.NewGuid().ToString()), password);
            return false;
        }

        // PasswordSignInAsync, in two steps so that the cookie also says when the password was proved.
        if (!(await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded)
        {
            return false;
        }

        await SignInProvenAsync(user);
        return true;
    }

    /// <summary>
    /// Signs <paramref name="user"/> in (a persistent cookie) after they proved their password just now: their sign-in,
    /// their registration or a password change, which checked it.
    /// </summary>
    public Task SignInProvenAsync(AppUser user) =>
        signIn.SignInWithClaimsAsync(user, isPersistent: true, [new Claim("amr", "pwd"), RecentSignIn.ClaimFor(clock.GetUtcNow())]);

    /// <summary>A hash of a random password, made once with the app's own hasher settings (same cost as real hashes).</summary>
    public sealed class DecoyHash
    {
        public string? Value { get; set; }
    }
}
