using System.Security.Cryptography;
using System.Text;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>How many times something may be done per key in each window (<c>RateLimiting:&lt;policy&gt;</c>).</summary>
public sealed class FixedWindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>
/// The limits on what one person or one address may do repeatedly, checked in the services (so the pages, the API
/// and Blazor events alike). Each key (a user, an email, a client address) has a fixed window per limit, aligned on
/// the clock (a one-minute window runs from one minute to the next). The counts live in PostgreSQL
/// (<see cref="RateLimitWindow"/>), so that several instances behind a load balancer allow the limit once between
/// them, not once each; the key is stored hashed.
/// </summary>
public sealed class ActionRateLimits(IOptionsMonitor<FixedWindowLimit> options, DatabaseConnection database, RateLimitRows rows, TimeProvider clock)
{
    /// <summary>Sign-in attempts per client address (the lockout limits them per account, this across accounts).</summary>
    public const string SignIn = "SignIn";

    /// <summary>Invitations sent per inviting user (one each, an import counts every mail it sends).</summary>
    public const string Invitations = "Invitations";

    /// <summary>"Mot de passe oublié" requests per email address.</summary>
    public const string PasswordResetPerAddress = "PasswordResetPerAddress";

    /// <summary>"Mot de passe oublié" requests per client address.</summary>
    public const string PasswordResetPerClient = "PasswordResetPerClient";

    /// <summary>Device authorizations started per client address (an anonymous endpoint that writes a row).</summary>
    public const string DeviceCodes = "DeviceCodes";

    /// <summary>User codes typed per signed-in person on <c>/device</c>.</summary>
    public const string DeviceApprovals = "DeviceApprovals";

    public static readonly IReadOnlyDictionary<string, (int PermitLimit, TimeSpan Window)> Defaults = new Dictionary<string, (int, TimeSpan)>
    {
        [SignIn] = (10, TimeSpan.FromMinutes(1)),
        [Invitations] = (300, TimeSpan.FromHours(1)),
        [PasswordResetPerAddress] = (3, TimeSpan.FromMinutes(15)),
        [PasswordResetPerClient] = (20, TimeSpan.FromMinutes(15)),
        [DeviceCodes] = (20, TimeSpan.FromMinutes(10)),
        [DeviceApprovals] = (10, TimeSpan.FromMinutes(10)),
    };

    /// <summary>How often an instance deletes the windows that have ended (while it counts uses).</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(5);

    private long _nextSweepTicks;

    /// <summary>Counts <paramref name="permits"/> uses for <paramref name="key"/>, or none and false when they would go beyond the limit.</summary>
    public async Task<bool> TryAcquireAsync(string policy, string key, int permits = 1, CancellationToken ct = default)
    {
        var limit = options.Get(policy);
        if (permits > limit.PermitLimit)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var start = WindowStart(limit.Window, now);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        var counted = await rows.TryCountAsync(connection, policy, Hash(key), start, start + limit.Window, permits, limit.PermitLimit, ct);

        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks >= next && Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepEvery).UtcTicks, next) == next)
        {
            await rows.SweepAsync(connection, now, ct);
        }

        return counted;
    }

    /// <summary>How long until the current window of <paramref name="policy"/> ends (a refused request's <c>Retry-After</c>).</summary>
    public TimeSpan RetryAfter(string policy)
    {
        var window = options.Get(policy).Window;
        var now = clock.GetUtcNow();
        return WindowStart(window, now) + window - now;
    }

    /// <summary>
    /// The refusal: 429 in the API, a sentence on the pages; <paramref name="what"/> says what was limited. It says when
    /// to try again (the window's end), unless the request asked more <paramref name="permits"/> than any window allows.
    /// </summary>
    public DomainError Refusal(string policy, string what, int permits = 1)
    {
        var limit = options.Get(policy);
        return new DomainError(ErrorCodes.RateLimited, $"Too many {what}: at most {limit.PermitLimit} every {limit.Window.TotalMinutes:0} minutes. Try again later.")
        {
            RetryAfter = permits <= limit.PermitLimit ? RetryAfter(policy) : null,
        };
    }

    /// <summary>The window holding <paramref name="now"/>: windows follow each other from the Unix epoch, the same on every instance.</summary>
    private static DateTimeOffset WindowStart(TimeSpan window, DateTimeOffset now)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch - (sinceEpoch % window.Ticks));
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public static class ActionRateLimitsSetup
{
    public static IServiceCollection AddActionRateLimits(this IServiceCollection services)
    {
        foreach (var (policy, (limit, window)) in ActionRateLimits.Defaults)
        {
            services.AddOptions<FixedWindowLimit>(policy)
                .Configure(o => (o.PermitLimit, o.Window) = (limit, window))
                .BindConfiguration("RateLimiting:" + policy);
        }

        services.AddSingleton(sp => RateLimitRows.From(sp.GetRequiredService<IDbContextFactory<AppDbContext>>()));
        return services.AddSingleton<ActionRateLimits>();
    }
}
