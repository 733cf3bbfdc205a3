using System.Diagnostics;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommonsCall.Testing;

/// <summary>
/// A PostgreSQL cluster of one test class's own, which the test may stop and start again on the same port
/// (the shared <see cref="TestPostgres"/> cluster must never stop under the other tests). Started only by the
/// tests that need it, with a migrated database; removed when disposed, or by the next run if the process dies.
/// </summary>
public sealed class DedicatedPostgres : IAsyncDisposable
{
    private const string Database = "commonscall";
    private readonly LocalPostgres _cluster;
    private readonly string _bin;

    private DedicatedPostgres(LocalPostgres cluster, string bin)
    {
        _cluster = cluster;
        _bin = bin;
    }

    public string ConnectionString => _cluster.ConnectionString(Database);

    public static async Task<DedicatedPostgres> StartAsync()
    {
        await LocalPostgres.StopStaleClustersAsync(TestPostgres.ClustersDirectory, NullLogger.Instance);
        var directory = Path.Combine(TestPostgres.ClustersDirectory, $"{Environment.ProcessId}-dedicated-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Not throwaway: fsync stays on (what a stop must not lose is the point), and stopping keeps the data.
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, Throwaway: false), NullLogger.Instance);
        var postgres = new DedicatedPostgres(cluster, LocalPostgres.FindBinDirectory()!);
        await TestPostgres.ExecuteAsync(cluster.ConnectionString("postgres"), $"CREATE DATABASE {Database}");
        await using (var db = TestPostgres.CreateContext(postgres.ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        return postgres;
    }

    /// <summary>Stops the server the way an operator does (<c>pg_ctl stop -m fast</c>): open sessions are cut, open transactions rolled back.</summary>
    public Task StopAsync() => PgCtlAsync("-m", "fast", "-w", "-t", "30", "stop");

    /// <summary>Starts the stopped server again on the same port, so the app's connection string still holds.</summary>
    public Task StartAgainAsync() => PgCtlAsync(
        "-l", Path.Combine(_cluster.Options.RootDirectory, "postgres.log"), "-w", "-t", "30",
        "-o", $"-p {_cluster.Port} -c listen_addresses=127.0.0.1 -k {_cluster.Options.RootDirectory} -c max_connections=300", "start");

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
            // Removed by the next run's stale-cluster sweep.
        }
    }

    private async Task PgCtlAsync(params string[] args)
    {
        var pgCtl = Path.Combine(_bin, "pg_ctl");
        var root = Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? "runuser" : pgCtl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[.. root ? ["-u", "postgres", "--", pgCtl] : Array.Empty<string>(), "-D", _cluster.DataDirectory, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', args)} failed: {await error}{await output}");
        }
    }
}
