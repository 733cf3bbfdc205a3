using System.Diagnostics;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.EntityFrameworkCore;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommonsCall.Benchmarks;

/// <summary>CPU per step of a contribution change, sequentially (--probe): where the app's time goes.</summary>
public static class Probe
{
    public static async Task RunAsync(BenchApp app, BenchCall call, int n)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var service = app.Services.GetRequiredService<ContributionService>();
        async Task Measure(string what, Func<int, Task> step)
        {
            for (var i = 0; i < 20; i++)
            {
                await step(i);
            }

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                await step(i);
            }

            Console.WriteLine($"  probe {what,-40} cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / n:0.000} ms  wall {wall.Elapsed.TotalMilliseconds / n:0.000} ms");
        }

        await Measure("idle 1 ms delay", _ => Task.Delay(1));
        await Measure("context create+dispose", async _ => { await using var db = await factory.CreateDbContextAsync(); });
        await Measure("context + SELECT 1", async _ => { await using var db = await factory.CreateDbContextAsync(); await db.Database.ExecuteSqlRawAsync("SELECT 1"); });
        await Measure("context + call projection", async _ =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Calls.AsNoTracking().Where(c => c.Id == call.Id).Select(c => new { c.Version, c.Phase, c.BudgetRules }).SingleOrDefaultAsync();
        });
        var rows = app.Services.GetRequiredService<MoneyRows>();
        var connectionString = app.Services.GetRequiredService<DatabaseConnection>().ConnectionString;
        var member = call.Members[0];
        await Measure("Npgsql open + close (pooled)", async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
        });
        await Measure("context + open connection (as SetAsync)", async _ =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
        });
        await Measure("lock batch + rollback (permission, rules, figures)", async i =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await rows.LockContributionAsync(connection, new ContributionKey(call.Id, call.Commons[i % call.Commons.Count], member.OrganisationId), member.Actor.UserId!, lockPool: false, CancellationToken.None);
            await MoneyRows.RollbackContributionAsync(connection);
        });
        await Measure("one NOTIFY in a transaction of its own", async i =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("BEGIN"),
                    new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"),
                    new NpgsqlBatchCommand("SELECT pg_notify('commonscall_probe', $1)") { Parameters = { new() { Value = new string('x', 330) } } },
                    new NpgsqlBatchCommand("COMMIT"),
                },
            };
            await batch.ExecuteNonQueryAsync();
        });
        await Measure("ContributionService.SetAsync", i => service.SetAsync(call.Members[0].Actor, new SetContribution(call.Id, call.Commons[i % call.Commons.Count], call.Members[0].OrganisationId, i % 1000)));

        // Npgsql prepares a statement once a connection ran it twice (DatabaseConnection): how many a pooled connection holds now.
        await using var pooled = new NpgsqlConnection(connectionString);
        await pooled.OpenAsync();
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements", pooled);
        Console.WriteLine($"  probe prepared statements on a pooled connection: {await prepared.ExecuteScalarAsync()} ({connectionString})");
    }
}
