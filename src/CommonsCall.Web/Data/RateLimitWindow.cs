namespace CommonsCall.Web.Data;

/// <summary>
/// How many times one key (a person, an email, a client address) used one limit in one fixed window: the count every
/// app instance reads and writes (<see cref="Features.Accounts.ActionRateLimits"/>). A row outlives its window by at
/// most a few minutes.
/// </summary>
public sealed class RateLimitWindow
{
    public const int KeyHashLength = 64;

    public string Policy { get; set; } = string.Empty;

    /// <summary>
    /// The key's SHA-256 in hexadecimal: no email or address in clear. A hash of an address can be reversed by trying
    /// every address, so what protects them is that a row lives only for its window and a few minutes more.
    /// </summary>
    public string KeyHash { get; set; } = string.Empty;

    public DateTimeOffset WindowStart { get; set; }

    /// <summary>When the window ends: from then on the row counts nothing and may be deleted.</summary>
    public DateTimeOffset Ends { get; set; }

    public int Count { get; set; }
}
