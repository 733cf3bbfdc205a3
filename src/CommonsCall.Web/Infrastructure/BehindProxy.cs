using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy (Caddy in docker-compose) the app sees the proxy's plain HTTP request: the client's address
/// and scheme come from <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, believed only when the proxy is one the
/// configuration names (<c>ForwardedHeaders:KnownProxies</c>, addresses, and <c>ForwardedHeaders:KnownNetworks</c>,
/// CIDR ranges); from anyone else they are ignored. With none configured, nothing is believed.
/// </summary>
public static class BehindProxy
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // The defaults trust loopback; only what is configured is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}

/// <summary>Which cookies are sent over HTTPS only: all of them outside Development, and in Development those set over HTTPS.</summary>
public static class CookieSecurity
{
    public static CookieSecurePolicy Policy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public static bool IsSecure(IHostEnvironment environment, HttpRequest request) =>
        !environment.IsDevelopment() || request.IsHttps;
}
