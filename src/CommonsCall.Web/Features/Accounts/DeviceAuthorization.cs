namespace CommonsCall.Web.Features.Accounts;

/// <summary>
/// One run of the OAuth 2.0 Device Authorization Grant (RFC 8628): a program asked for a token, showed its user code,
/// and polls while the person approves or denies it on <c>/device</c>. Both codes are stored as SHA-256 hashes; a
/// token is issued once, and the authorisation then stays as a record.
/// </summary>
public sealed class DeviceAuthorization
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string DeviceCodeHash { get; set; }

    /// <summary>The hash of the user code without its dash, in capitals (what the person types, normalised).</summary>
    public required string UserCodeHash { get; set; }

    /// <summary>The program's own name (RFC 8628 <c>client_id</c>); the token is named after it.</summary>
    public required string ClientId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The least time between two polls; raised by 5 seconds at each <c>slow_down</c>.</summary>
    public int IntervalSeconds { get; set; }

    public DateTimeOffset? LastPolledAt { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? DeniedAt { get; set; }

    /// <summary>When the token was handed to the program: the device code is spent.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    public Guid? TokenId { get; set; }
}
