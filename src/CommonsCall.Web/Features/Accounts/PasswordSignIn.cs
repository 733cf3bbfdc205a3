using Microsoft.AspNetCore.Identity;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>
/// Signing in with an email and a password, telling a prober nothing: an unknown email, a wrong password and a
/// locked account give the same answer, after the same work (one password hash checked), so that neither the
/// message nor the time says whether an account exists.
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, PasswordSignIn.DecoyHash decoy)
{
    /// <summary>True when the person is now signed in (a persistent cookie); false for any failure, whatever its cause.</summary>
    public async Task<bool> SignInAsync(string email, string password)
    {
        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(email);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            // Identity would answer at once here: check a password against a decoy hash to take as long as a real check.
            var decoyUser = new AppUser();
            hasher.VerifyHashedPassword(decoyUser, decoy.Value ??= hasher.HashPassword(decoyUser, Guid.NewGuid().ToString()), password);
            return false;
        }

        return (await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true)).Succeeded;
    }

    /// <summary>A hash of a random password, made once with the app's own hasher settings (same cost as real hashes).</summary>
    public sealed class DecoyHash
    {
        public string? Value { get; set; }
    }
}
