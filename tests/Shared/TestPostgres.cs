using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommonsCall.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (started from the installed binaries, fsync off), with a
/// migrated template database that every test class copies into a fresh database of its own. Clusters left
/// behind by killed runs are stopped at the next start; ours is stopped when the process exits.
/// </summary>
public static class TestPostgres
{
    public const string ClustersDirectory = "/tmp/commonscall-tests";
    private const string TemplateDatabase = "cc_template";

    private static readonly Lazy<Task<LocalPostgres>> Cluster = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SemaphoreSlim CreateLock = new(1, 1);

    public static Task<LocalPostgres> GetClusterAsync() => Cluster.Value;

    /// <summary>A new database, a copy of the migrated template; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var cluster = await Cluster.Value;
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        // CREATE DATABASE ... TEMPLATE fails when two run against the same template at once.
        await CreateLock.WaitAsync();
        try
        {
            await ExecuteAsync(cluster.ConnectionString("postgres"), $"CREATE DATABASE \"{name}\" TEMPLATE {TemplateDatabase}");
        }
        finally
        {
            CreateLock.Release();
        }

        return cluster.ConnectionString(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var cluster = await Cluster.Value;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(cluster.ConnectionString("postgres"), $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<LocalPostgres> StartAsync()
    {
        await LocalPostgres.StopStaleClustersAsync(ClustersDirectory, NullLogger.Instance);
        var directory = Path.Combine(ClustersDirectory, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var cluster = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, Throwaway: true), NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAsync().GetAwaiter().GetResult();

        await ExecuteAsync(cluster.ConnectionString("postgres"), $"CREATE DATABASE {TemplateDatabase}");
        await using (var db = CreateContext(cluster.ConnectionString(TemplateDatabase)))
        {
            await db.Database.MigrateAsync();
        }

        NpgsqlConnection.ClearAllPools();
        return cluster;
    }

    public static AppDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(connectionString)
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .Options);
}
