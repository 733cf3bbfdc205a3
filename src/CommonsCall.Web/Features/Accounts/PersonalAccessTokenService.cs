using CommonsCall.Domain.Common;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>A token to create, valid for <paramref name="ExpiresInDays"/> days (<see cref="PersonalAccessTokenService.DefaultLifetimeDays"/> when left out).</summary>
public sealed record CreateAccessToken(string Name, int? ExpiresInDays = null);

/// <summary>A new token: <paramref name="Token"/> is the secret, returned this once and never again.</summary>
public sealed record CreatedAccessToken(Guid Id, string Name, string Token, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

public sealed record AccessTokenView(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;
}

public sealed class CreateAccessTokenValidator : AbstractValidator<CreateAccessToken>
{
    public CreateAccessTokenValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(SchemaConstants.NameLength);
        RuleFor(x => x.ExpiresInDays)
            .InclusiveBetween(1, PersonalAccessTokenService.MaxLifetimeDays)
            .WithMessage($"A token lives from 1 to {PersonalAccessTokenService.MaxLifetimeDays} days.");
    }
}

/// <summary>
/// Personal access tokens: each user creates, lists and revokes their own, to use the API as themselves. Only a
/// person signed in on our pages creates one (a token cannot mint others that would outlive its revocation), with a
/// password proved within <see cref="RecentSignIn.Window"/> (a stolen cookie or an unattended browser cannot either), and
/// every token expires.
/// </summary>
public sealed class PersonalAccessTokenService(
    IDbContextFactory<AppDbContext> factory,
    IValidator<CreateAccessToken> validator,
    TimeProvider clock)
{
    /// <summary>Makes tokens recognisable (in a config file, a log, a secret scanner); part of the hashed secret.</summary>
    public const string Prefix = "ccpat_";

    /// <summary>Last use is recorded at most this often, so that a busy integration does not write on every request.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>The longest life a token may be given: a forgotten token stops working within a year.</summary>
    public const int MaxLifetimeDays = 365;

    public const int DefaultLifetimeDays = 90;

    public async Task<Result<CreatedAccessToken>> CreateAsync(Actor actor, CreateAccessToken command, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return new DomainError(ErrorCodes.Forbidden, "Sign in to create an access token.");
        }

        if (actor.ViaAccessToken)
        {
            return new DomainError(ErrorCodes.InteractiveSessionRequired, "Access tokens are created by a person signed in on CommonsCall's pages, not with another token.");
        }

        if (!RecentSignIn.IsRecent(actor.PasswordProvedAt, clock.GetUtcNow()))
        {
            return new DomainError(ErrorCodes.RecentSignInRequired, $"Sign in again to create an access token: the password must have been typed within the last {RecentSignIn.Window.TotalMinutes} minutes.");
        }

        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        var (token, secret) = Mint(userId, command.Name.Trim(), clock.GetUtcNow(), command.ExpiresInDays ?? DefaultLifetimeDays);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedAccessToken(token.Id, token.Name, secret, token.CreatedAt, token.ExpiresAt);
    }

    /// <summary>
    /// A new token and its secret, for the caller to save: the one way a token is made (here, and by the device
    /// authorization grant once the person approved it on our pages, see <see cref="DeviceFlowService"/>).
    /// </summary>
    public static (PersonalAccessToken Token, string Secret) Mint(string userId, string name, DateTimeOffset now, int lifetimeDays)
    {
        var secret = Prefix + SecretTokens.Create();
        return (new PersonalAccessToken
        {
            UserId = userId,
            Name = name,
            TokenHash = SecretTokens.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now.AddDays(lifetimeDays),
        }, secret);
    }

    /// <summary>The actor's own tokens, newest first, revoked ones included.</summary>
    public async Task<Result<IReadOnlyList<AccessTokenView>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return new DomainError(ErrorCodes.Forbidden, "Sign in to see your access tokens.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var tokens = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new AccessTokenView(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);
        return tokens;
    }

    /// <summary>Revokes one of the actor's tokens; revoking it again changes nothing. Someone else's token is not found.</summary>
    public async Task<Result> RevokeAsync(Actor actor, Guid tokenId, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return new DomainError(ErrorCodes.Forbidden, "Sign in to revoke an access token.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null)
        {
            return new DomainError(ErrorCodes.NotFound, "No such access token.");
        }

        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Revokes every token of the actor at once (signing out everywhere).</summary>
    public async Task<Result> RevokeAllAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return new DomainError(ErrorCodes.Forbidden, "Sign in to revoke your access tokens.");
        }

        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.PersonalAccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        return Result.Ok();
    }

    /// <summary>The user a presented secret belongs to, or null when it is unknown, revoked or expired. Records its use.</summary>
    public async Task<string?> FindUserIdAsync(string secret, CancellationToken ct = default)
    {
        var hash = SecretTokens.Hash(secret);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now)
            .Select(t => new { t.Id, t.UserId, t.LastUsedAt })
            .FirstOrDefaultAsync(ct);
        if (token is null)
        {
            return null;
        }

        if (token.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return token.UserId;
    }
}
