using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>How many times something may be done per key in each window (<c>RateLimiting:&lt;policy&gt;</c>), as for <see cref="SignInRateLimitOptions"/>.</summary>
public sealed class FixedWindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>
/// The limits on what one person or one address may do repeatedly, checked in the services (so the pages, the API
/// and Blazor events alike): the same fixed windows of System.Threading.RateLimiting as the sign-in limit, which
/// ASP.NET Core's middleware applies to its form posts only. Each key (a user, an email, a client address) has its
/// own window; the counts live in this instance's memory, like the sign-in limit's (with several instances each
/// allows its own count).
/// </summary>
public sealed class ActionRateLimits(IOptionsMonitor<FixedWindowLimit> options) : IDisposable
{
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
        [Invitations] = (300, TimeSpan.FromHours(1)),
        [PasswordResetPerAddress] = (3, TimeSpan.FromMinutes(15)),
        [PasswordResetPerClient] = (20, TimeSpan.FromMinutes(15)),
        [DeviceCodes] = (20, TimeSpan.FromMinutes(10)),
        [DeviceApprovals] = (10, TimeSpan.FromMinutes(10)),
    };

    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _limiters = new();

    /// <summary>Counts <paramref name="permits"/> uses for <paramref name="key"/>, or none and false when they would go beyond the limit.</summary>
    public bool TryAcquire(string policy, string key, int permits = 1)
    {
        var limit = options.Get(policy);
        if (permits > limit.PermitLimit)
        {
            return false;
        }

        var limiter = _limiters.GetOrAdd(policy, _ => PartitionedRateLimiter.Create<string, string>(k => RateLimitPartition.GetFixedWindowLimiter(
            k, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 })));
        using var lease = limiter.AttemptAcquire(key, permits);
        return lease.IsAcquired;
    }

    /// <summary>The refusal: 429 in the API, a sentence on the pages; <paramref name="what"/> says what was limited.</summary>
    public DomainError Refusal(string policy, string what)
    {
        var limit = options.Get(policy);
        return new DomainError(ErrorCodes.RateLimited, $"Too many {what}: at most {limit.PermitLimit} every {limit.Window.TotalMinutes:0} minutes. Try again later.");
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
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

        return services.AddSingleton<ActionRateLimits>();
    }
}
