namespace CommonsCall.Web.Features.Accounts;

/// <summary>
/// A token a user creates to call the API as themselves (<c>Authorization: Bearer ...</c>). The secret is
/// shown once at creation; only its SHA-256 hash is stored. A revoked token stays listed, for the record.
/// </summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string UserId { get; set; }

    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this instant the token is refused: chosen at creation, at most <see cref="PersonalAccessTokenService.MaxLifetimeDays"/> days.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
