using CommonsCall.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommonsCall.Web.Tests.Infrastructure;

public sealed class LocalPostgresTests
{
    [Fact]
    public async Task A_local_cluster_keeps_its_data_across_restarts()
    {
        var directory = Path.Combine(TestPostgres.ClustersDirectory, "persist-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(Path.Combine(Directory.CreateDirectory(directory).FullName, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var first = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, Throwaway: false), NullLogger.Instance);
            await TestPostgres.ExecuteAsync(first.ConnectionString("postgres"), "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
            await first.StopAsync();

            var second = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, Throwaway: false), NullLogger.Instance);
            try
            {
                await using var connection = new NpgsqlConnection(second.ConnectionString("postgres"));
                await connection.OpenAsync();
                await using var read = new NpgsqlCommand("SELECT v FROM kept", connection);
                (await read.ExecuteScalarAsync()).ShouldBe("still here");
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await second.StopAsync();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_cluster_left_running_by_a_killed_process_is_stopped_and_removed()
    {
        var directory = Path.Combine(TestPostgres.ClustersDirectory, "stale-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        // A process id that cannot be alive: the owner of this cluster is "dead".
        await File.WriteAllTextAsync(Path.Combine(directory, "owner.pid"), int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stale = await LocalPostgres.StartAsync(new LocalPostgresOptions(directory, Throwaway: false), NullLogger.Instance);
        File.Exists(Path.Combine(stale.DataDirectory, "postmaster.pid")).ShouldBeTrue();

        await LocalPostgres.StopStaleClustersAsync(TestPostgres.ClustersDirectory, NullLogger.Instance);

        Directory.Exists(directory).ShouldBeFalse();
        await Should.ThrowAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection(stale.ConnectionString("postgres") + ";Timeout=2");
            await connection.OpenAsync();
        });
    }

    [Fact]
    public async Task Without_server_binaries_the_error_says_how_to_install_them_or_which_connection_string_to_set()
    {
        var options = new LocalPostgresOptions(Path.Combine(TestPostgres.ClustersDirectory, "nobin-" + Guid.NewGuid().ToString("N")), Throwaway: true, BinDirectory: "/nonexistent/bin");

        var error = await Should.ThrowAsync<LocalPostgresUnavailableException>(() => LocalPostgres.StartAsync(options, NullLogger.Instance));

        error.Message.ShouldContain("apt-get install postgresql");
        error.Message.ShouldContain("ConnectionStrings__CommonsCall");
        Directory.Exists(options.RootDirectory).ShouldBeFalse();
    }

    [Fact]
    public void The_installed_server_binaries_are_found()
    {
        var bin = LocalPostgres.FindBinDirectory();
        bin.ShouldNotBeNull();
        File.Exists(Path.Combine(bin, "initdb")).ShouldBeTrue();
    }
}
