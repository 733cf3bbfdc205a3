using System.Security.Cryptography;
using System.Text.Json.Serialization;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>RFC 8628 §3.2: what a program shows its user, and how it polls.</summary>
public sealed record DeviceCodeResponse(
    [property: JsonPropertyName("device_code")] string DeviceCode,
    [property: JsonPropertyName("user_code")] string UserCode,
    [property: JsonPropertyName("verification_uri")] string VerificationUri,
    [property: JsonPropertyName("verification_uri_complete")] string VerificationUriComplete,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("interval")] int Interval);

/// <summary>RFC 6749 §5.1: the access token, a personal access token of the person who approved.</summary>
public sealed record DeviceTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);

/// <summary>RFC 6749 §5.2: the error of the token and device authorization endpoints.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);

/// <summary>A pending request as the person approving it sees it on <c>/device</c>.</summary>
public sealed record PendingDevice(string UserCode, string ClientId, DateTimeOffset ExpiresAt);

/// <summary>
/// The OAuth 2.0 Device Authorization Grant (RFC 8628): how a command-line tool or an integration gets its first
/// access token without handling the person's password. It asks for a code, the person opens <c>/device</c>, signs in
/// (a recent sign-in, as for creating a token on <c>/account/tokens</c>) and approves the code; the program's next poll
/// receives a personal access token of that person, which expires and is revoked like the others.
/// </summary>
public sealed class DeviceFlowService(IDbContextFactory<AppDbContext> factory, PublicLinks links, ActionRateLimits limits, TimeProvider clock)
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";
    public const string VerificationPath = "/device";
    public const int MaxClientIdLength = 100;

    // RFC 8628 §3.5 and RFC 6749 §5.2 error codes.
    public const string InvalidRequest = "invalid_request";
    public const string InvalidGrant = "invalid_grant";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string AuthorizationPending = "authorization_pending";
    public const string SlowDown = "slow_down";
    public const string AccessDenied = "access_denied";
    public const string ExpiredToken = "expired_token";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int IntervalSeconds = 5;

    /// <summary>RFC 8628 §6.1: consonants only (no vowels, so no words), read aloud and typed without confusion.</summary>
    private const string UserCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ";

    /// <summary>Starts a device authorization for the program <paramref name="clientId"/> (its own name: no registration is needed).</summary>
    public async Task<Result<DeviceCodeResponse>> StartAsync(string? clientId, string? clientAddress, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(clientId) || clientId.Length > MaxClientIdLength || clientId.Any(char.IsControl))
        {
            return new DomainError(InvalidRequest, $"client_id is required: the program's name, at most {MaxClientIdLength} characters.");
        }

        if (!await limits.TryAcquireAsync(ActionRateLimits.DeviceCodes, clientAddress ?? "unknown", ct: ct))
        {
            return limits.Refusal(ActionRateLimits.DeviceCodes, "device authorizations from this address");
        }

        var deviceCode = SecretTokens.Create();
        var userCode = NewUserCode();
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        db.DeviceAuthorizations.Add(new DeviceAuthorization
        {
            DeviceCodeHash = SecretTokens.Hash(deviceCode),
            UserCodeHash = UserCodeHash(userCode),
            ClientId = clientId.Trim(),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            IntervalSeconds = IntervalSeconds,
        });
        await db.SaveChangesAsync(ct);
        var verification = links.Absolute(VerificationPath);
        return new DeviceCodeResponse(deviceCode, userCode, verification, $"{verification}?user_code={userCode}", (int)Lifetime.TotalSeconds, IntervalSeconds);
    }

    /// <summary>The program polls: pending, slow down, expired, denied, or (once) the token.</summary>
    public async Task<Result<DeviceTokenResponse>> PollAsync(string? grantType, string? deviceCode, string? clientId, CancellationToken ct = default)
    {
        if (grantType != GrantType)
        {
            return new DomainError(grantType is null ? InvalidRequest : UnsupportedGrantType, $"grant_type must be {GrantType}.");
        }

        if (string.IsNullOrEmpty(deviceCode) || string.IsNullOrEmpty(clientId) || deviceCode.Length > 100 || clientId.Length > MaxClientIdLength)
        {
            return new DomainError(InvalidRequest, "device_code and client_id are required.");
        }

        var now = clock.GetUtcNow();
        var hash = SecretTokens.Hash(deviceCode);
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.DeviceAuthorizations.AsNoTracking().SingleOrDefaultAsync(d => d.DeviceCodeHash == hash, ct);
        if (found is null || found.ClientId != clientId.Trim() || found.CompletedAt is not null)
        {
            return new DomainError(InvalidGrant, "Unknown or already used device code.");
        }

        if (found.ExpiresAt <= now)
        {
            return new DomainError(ExpiredToken, "The device code expired: start again.");
        }

        if (found.DeniedAt is not null)
        {
            return new DomainError(AccessDenied, "The person denied the request.");
        }

        var authorizations = db.DeviceAuthorizations.Where(d => d.Id == found.Id);
        if (found.ApprovedAt is null)
        {
            if (found.LastPolledAt is { } last && now - last < TimeSpan.FromSeconds(found.IntervalSeconds))
            {
                await authorizations.ExecuteUpdateAsync(s => s.SetProperty(d => d.IntervalSeconds, d => d.IntervalSeconds + IntervalSeconds).SetProperty(d => d.LastPolledAt, now), ct);
                return new DomainError(SlowDown, $"Polling too fast: wait {found.IntervalSeconds + IntervalSeconds} seconds between requests.");
            }

            await authorizations.ExecuteUpdateAsync(s => s.SetProperty(d => d.LastPolledAt, now), ct);
            return new DomainError(AuthorizationPending, "Waiting for the person to approve the code.");
        }

        // The code is spent and the token saved together, once: a second poll racing this one finds the code completed.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await authorizations.Where(d => d.CompletedAt == null).ExecuteUpdateAsync(s => s.SetProperty(d => d.CompletedAt, now).SetProperty(d => d.LastPolledAt, now), ct) == 0)
        {
            return new DomainError(InvalidGrant, "Unknown or already used device code.");
        }

        var (token, secret) = PersonalAccessTokenService.Mint(found.UserId!, found.ClientId, now, PersonalAccessTokenService.DefaultLifetimeDays);
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        await authorizations.ExecuteUpdateAsync(s => s.SetProperty(d => d.TokenId, token.Id), ct);
        await tx.CommitAsync(ct);
        return new DeviceTokenResponse(secret, "Bearer", (long)(token.ExpiresAt - now).TotalSeconds);
    }

    /// <summary>The pending request behind a code the person typed, or a refusal (each lookup counts towards their limit).</summary>
    public async Task<Result<PendingDevice>> FindAsync(Actor actor, string userCode, CancellationToken ct = default)
    {
        if (MayApprove(actor) is { } refused)
        {
            return refused;
        }

        if (!await limits.TryAcquireAsync(ActionRateLimits.DeviceApprovals, actor.UserId!, ct: ct))
        {
            return limits.Refusal(ActionRateLimits.DeviceApprovals, "codes typed");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = await PendingAsync(db, userCode, ct);
        return pending is null
            ? new DomainError(ErrorCodes.NotFound, "This code is unknown, expired or already answered: check it, or start again in the program.")
            : new PendingDevice(Display(Normalise(userCode)), pending.ClientId, pending.ExpiresAt);
    }

    /// <summary>The person approves (or denies) the request: the program's next poll gets a token of theirs (or access_denied).</summary>
    public async Task<Result> AnswerAsync(Actor actor, string userCode, bool approve, CancellationToken ct = default)
    {
        if (MayApprove(actor) is { } refused)
        {
            return refused;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = await PendingAsync(db, userCode, ct);
        if (pending is null)
        {
            return new DomainError(ErrorCodes.NotFound, "This code is unknown, expired or already answered: check it, or start again in the program.");
        }

        pending.UserId = actor.UserId;
        if (approve)
        {
            pending.ApprovedAt = clock.GetUtcNow();
        }
        else
        {
            pending.DeniedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>As for creating a token on our pages: a person signed in here, with a password typed recently.</summary>
    private DomainError? MayApprove(Actor actor) =>
        actor.UserId is null ? new DomainError(ErrorCodes.Forbidden, "Sign in to approve a device.")
        : actor.ViaAccessToken ? new DomainError(ErrorCodes.InteractiveSessionRequired, "A device is approved by a person signed in on CommonsCall's pages.")
        : !RecentSignIn.IsRecent(actor.PasswordProvedAt, clock.GetUtcNow())
            ? new DomainError(ErrorCodes.RecentSignInRequired, $"Sign in again to approve a device: the password must have been typed within the last {RecentSignIn.Window.TotalMinutes} minutes.")
            : null;

    private async Task<DeviceAuthorization?> PendingAsync(AppDbContext db, string userCode, CancellationToken ct)
    {
        var hash = UserCodeHash(userCode);
        var now = clock.GetUtcNow();
        return await db.DeviceAuthorizations
            .Where(d => d.UserCodeHash == hash && d.ExpiresAt > now && d.ApprovedAt == null && d.DeniedAt == null)
            .OrderByDescending(d => d.CreatedAt)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Eight letters of twenty (about 34 bits), shown as XXXX-XXXX; lookups are limited per person.</summary>
    private static string NewUserCode() =>
        Display(new string([.. Enumerable.Range(0, 8).Select(_ => UserCodeAlphabet[RandomNumberGenerator.GetInt32(UserCodeAlphabet.Length)])]));

    /// <summary>What the person typed, without dashes or spaces, in capitals.</summary>
    public static string Normalise(string userCode) => new([.. userCode.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static string Display(string code) => code.Length == 8 ? $"{code[..4]}-{code[4..]}" : code;

    private static string UserCodeHash(string userCode) => SecretTokens.Hash(Normalise(userCode));
}
