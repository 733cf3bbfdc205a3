using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Another instance of the app, in Kestrel on a loopback port of its own, on the database of <paramref name="first"/>:
/// two instances behind a load balancer, as docker-compose.yml runs them. It seeds nothing and leaves the
/// database to <paramref name="first"/>.
/// </summary>
public sealed class KestrelSecondInstance(AppFactory first) : AppFactory
{
    public Uri BaseAddress { get; private set; } = null!;

    protected override bool OwnsDatabase => false;

    public override Task InitializeAsync()
    {
        ConnectionString = first.ConnectionString;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        return Task.CompletedTask;
    }

    /// <summary>The absolute address of <paramref name="path"/> on this instance.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();
}
