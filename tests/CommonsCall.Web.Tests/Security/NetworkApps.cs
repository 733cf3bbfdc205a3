using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Security;

/// <summary>
/// The app as a network shows it: a request names the address it arrives from (<see cref="PeerHeader"/>, what
/// Kestrel reads from the socket; the test server has none), <see cref="Proxy"/> is the configured known proxy,
/// and three sign-in attempts a minute are allowed per address.
/// </summary>
public class NetworkApp : AppFactory
{
    public const string PeerHeader = "X-Test-Peer";
    public const string Proxy = "10.0.0.9";
    public const int SignInAttempts = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        builder.UseSetting("RateLimiting:SignIn:PermitLimit", SignInAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
    }

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>Another instance of <paramref name="first"/>'s app on its database, as behind a load balancer.</summary>
public sealed class SecondNetworkApp(NetworkApp first) : NetworkApp
{
    protected override bool OwnsDatabase => false;

    public override Task InitializeAsync()
    {
        ConnectionString = first.ConnectionString;
        return Task.CompletedTask;
    }
}

/// <summary>The same, outside Development (as docker-compose runs it).</summary>
public sealed class ProductionApp : NetworkApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>The app with Identity's own password hashing cost (the other tests lower it to go fast): for timings.</summary>
public sealed class RealHashingApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = new PasswordHasherOptions().IterationCount));
    }
}
