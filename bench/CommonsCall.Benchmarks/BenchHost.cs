using System.Globalization;
using CommonsCall.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommonsCall.Benchmarks;

/// <summary>
/// The bench's own PostgreSQL cluster, started by the app's launcher (<see cref="LocalPostgres"/>) under
/// /tmp/commonscall-bench: durable by default (fsync and synchronous_commit on, as the app's own local
/// database runs), fsync off with --no-fsync. Deleted when the bench ends; clusters of killed runs are stopped
/// at the next start.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private const string ClustersDirectory = "/tmp/commonscall-bench";
    private readonly LocalPostgres _cluster;

    private BenchDatabase(LocalPostgres cluster) => _cluster = cluster;

    public string AdminConnectionString => _cluster.ConnectionString("postgres");

    public static async Task<BenchDatabase> StartAsync(bool durable, bool sqlProfile = false)
    {
        await LocalPostgres.StopStaleClustersAsync(ClustersDirectory, NullLogger.Instance);
        var directory = Path.Combine(ClustersDirectory, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        // Throwaway clusters run with fsync off; a durable one is started as the app's persistent database is.
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, Throwaway: !durable, ServerSettings: sqlProfile ? SqlProfile.ServerSettings : null), NullLogger.Instance);
        var pidFile = Path.Combine(cluster.DataDirectory, "postmaster.pid");
        Machine.PostmasterPid = File.Exists(pidFile) ? int.Parse((await File.ReadAllLinesAsync(pidFile))[0], CultureInfo.InvariantCulture) : 0;
        return new BenchDatabase(cluster);
    }

    /// <summary>A new empty database; the app applies the migrations when it starts on it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return _cluster.ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _cluster.StopAsync();
        try
        {
            Directory.Delete(_cluster.Options.RootDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// The real app (same Program, same services, Production environment, demo seed off) on the bench database,
/// served by Kestrel on a free loopback port in this process, on a <see cref="BenchClock"/> (the real time until the
/// digest part moves it).
/// </summary>
public sealed class BenchApp(string connectionString, int? smtpPort = null) : WebApplicationFactory<global::Program>
{
    public Uri BaseAddress { get; private set; } = null!;

    public string ConnectionString => connectionString;

    public BenchClock Clock { get; } = new();

    public BenchApp Start()
    {
        // One log line per request would cost as much as some of what is measured (read when the app's builder starts).
        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");
        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime", "Warning");
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:CommonsCall", connectionString);
        builder.UseSetting("Demo:Seed", "false");
        if (smtpPort is { } port)
        {
            builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Mail:Smtp:Port", port.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:Smtp:Security", "None");

            // The digest part runs the scheduler's passes itself after moving the clock (as the tests do), so that
            // no pass of the app's own starts behind its back and races it for the same digests.
            builder.UseSetting("Notifications:RunScheduler", "false");
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
