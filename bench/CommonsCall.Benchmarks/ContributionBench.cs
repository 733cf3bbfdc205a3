using System.Diagnostics;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommonsCall.Benchmarks;

/// <summary>What one side did at one concurrency level: operations and their latencies (ms).</summary>
public sealed class LoadResult(string side, int concurrency)
{
    public string Side { get; } = side;

    public int Concurrency { get; } = concurrency;

    public List<double> Latencies { get; } = [];

    public double Seconds { get; set; }

    public int Refused { get; set; }

    /// <summary>CPU time this process (app and load driver) spent during the run.</summary>
    public TimeSpan Cpu { get; set; }

    /// <summary>CPU time PostgreSQL's processes spent during the run.</summary>
    public TimeSpan DatabaseCpu { get; set; }

    public double CpuMsPerChange => Cpu.TotalMilliseconds / Math.Max(1, Latencies.Count + Refused);

    public double DatabaseCpuMsPerChange => DatabaseCpu.TotalMilliseconds / Math.Max(1, Latencies.Count + Refused);

    public double PerSecond => Latencies.Count / Seconds;

    public double Percentile(double p)
    {
        if (Latencies.Count == 0)
        {
            return double.NaN;
        }

        var sorted = Latencies.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public void Add(LoadResult other)
    {
        Latencies.AddRange(other.Latencies);
        Seconds += other.Seconds;
        Refused += other.Refused;
        Cpu += other.Cpu;
        DatabaseCpu += other.DatabaseCpu;
    }
}

/// <summary>
/// Contribution changes under load, through the app's real <see cref="ContributionService"/> ("ours") and
/// through the bare minimum Npgsql transaction doing the same writes ("bare"): lock the member's budget row,
/// upsert the contribution, add the change to the commons total and the member's contributed amount, append
/// the ledger entry: one batch and the commit, two round trips. Each worker is one member organisation setting
/// its contribution to a random commons to a random amount that its grant always covers, so every change is
/// accepted. The invariants (<see cref="LedgerCheck"/>) are checked after every run.
/// </summary>
public sealed class ContributionBench(BenchApp app, BenchCall call, BenchOptions options)
{
    private const string BareWrite = """
        WITH old AS (
            SELECT COALESCE((SELECT "Amount" FROM "Contributions" WHERE "CommonsId" = $2 AND "OrganisationId" = $3), 0) AS amount
        ), upsert AS (
            INSERT INTO "Contributions" ("CommonsId", "OrganisationId", "CallId", "Amount", "UpdatedAt", "Match") VALUES ($2, $3, $1, $4, $5, 0)
            ON CONFLICT ("CommonsId", "OrganisationId") DO UPDATE SET "Amount" = EXCLUDED."Amount", "UpdatedAt" = EXCLUDED."UpdatedAt"
        ), total AS (
            UPDATE "Commons" SET "Total" = "Total" + ($4 - (SELECT amount FROM old)) WHERE "Id" = $2
        ), member AS (
            UPDATE "MemberBudgets" SET "Contributed" = "Contributed" + ($4 - (SELECT amount FROM old)) WHERE "CallId" = $1 AND "OrganisationId" = $3
        )
        INSERT INTO "Ledger" ("CallId", "Kind", "Amount", "Before", "After", "ActorUserId", "OrganisationId", "CommonsId", "At")
        SELECT $1, 3, $4 - amount, amount, $4, $6, $3, $2, $5 FROM old
        """;

    private readonly ContributionService _service = app.Services.GetRequiredService<ContributionService>();
    private readonly Seeder _seeder = new(app.Services);

    public List<string> InvariantProblems { get; } = [];

    public async Task<(LoadResult Ours, LoadResult Bare)> RunLevelAsync(int concurrency, int round)
    {
        await using var bare = NpgsqlDataSource.Create(options.BarePrepared ? DatabaseConnection.WithStatementPreparation(app.ConnectionString) : app.ConnectionString);
        LoadResult ours, bareResult;
        if (round % 2 == 0)
        {
            ours = await RunAsync("ours", concurrency, OursAsync);
            bareResult = await RunAsync("bare", concurrency, (m, c, a) => BareAsync(bare, m, c, a));
        }
        else
        {
            bareResult = await RunAsync("bare", concurrency, (m, c, a) => BareAsync(bare, m, c, a));
            ours = await RunAsync("ours", concurrency, OursAsync);
        }

        return (ours, bareResult);
    }

    private async Task<bool> OursAsync(BenchMember member, Guid commons, long amount)
    {
        var result = await _service.SetAsync(member.Actor, new SetContribution(call.Id, commons, member.OrganisationId, amount));
        return result.IsSuccess;
    }

    private async Task<bool> BareAsync(NpgsqlDataSource dataSource, BenchMember member, Guid commons, long amount)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""SELECT 1 FROM "MemberBudgets" WHERE "CallId" = $1 AND "OrganisationId" = $2 FOR UPDATE""")
                {
                    Parameters = { new() { Value = call.Id }, new() { Value = member.OrganisationId } },
                },
                new NpgsqlBatchCommand(BareWrite)
                {
                    Parameters =
                    {
                        new() { Value = call.Id }, new() { Value = commons }, new() { Value = member.OrganisationId },
                        new() { Value = amount }, new() { Value = DateTimeOffset.UtcNow }, new() { Value = member.Actor.UserId! },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return true;
    }

    private async Task<LoadResult> RunAsync(string side, int concurrency, Func<BenchMember, Guid, long, Task<bool>> operation)
    {
        var result = new LoadResult(side, concurrency);
        var perCommons = call.Grant / call.Commons.Count;
        var clock = Stopwatch.StartNew();
        var measureFrom = TimeSpan.FromSeconds(options.Warmup);
        var stopAt = measureFrom + TimeSpan.FromSeconds(options.Seconds);
        using var sampling = new CancellationTokenSource();
        var waits = options.SampleWaits ? SampleWaitsAsync(sampling.Token) : Task.FromResult(string.Empty);
        if (options.SqlProfile)
        {
            await SqlProfile.ResetAsync(app.ConnectionString);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var dbCpuBefore = Machine.PostgresCpu();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            await Task.Yield();
            var member = call.Members[w];
            var random = new Random(w * 7919 + concurrency);
            var latencies = new List<double>();
            var refused = 0;
            while (clock.Elapsed < stopAt)
            {
                var commons = call.Commons[random.Next(call.Commons.Count)];
                var amount = random.NextInt64(0, perCommons + 1);
                var started = clock.Elapsed;
                var accepted = await operation(member, commons, amount);
                var ended = clock.Elapsed;
                if (started >= measureFrom && ended <= stopAt)
                {
                    if (accepted)
                    {
                        latencies.Add((ended - started).TotalMilliseconds);
                    }
                    else
                    {
                        refused++;
                    }
                }
            }

            return (latencies, refused);
        }).ToArray();
        foreach (var (latencies, refused) in await Task.WhenAll(workers))
        {
            result.Latencies.AddRange(latencies);
            result.Refused += refused;
        }

        result.Cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        result.DatabaseCpu = Machine.PostgresCpu() - dbCpuBefore;
        await sampling.CancelAsync();
        var waitSummary = await waits;
        result.Seconds = options.Seconds;
        var problems = await _seeder.VerifyAsync(call.Id);
        InvariantProblems.AddRange(problems.Select(p => $"{side} x{concurrency}: {p}"));
        Console.WriteLine($"  {side,-4} x{concurrency,-3}: {result.PerSecond,7:0.0}/s  p50 {result.Percentile(50),6:0.0} ms  p95 {result.Percentile(95),6:0.0} ms  p99 {result.Percentile(99),6:0.0} ms  cpu/change app {result.CpuMsPerChange:0.00} ms db {result.DatabaseCpuMsPerChange:0.00} ms  refused {result.Refused}  invariants {(problems.Count == 0 ? "ok" : $"{problems.Count} BROKEN")}");
        if (waitSummary.Length > 0)
        {
            Console.WriteLine($"        waits of active backends: {waitSummary}");
        }

        if (options.SqlProfile)
        {
            Console.Write(await SqlProfile.ReportAsync(app.ConnectionString, $"{side} x{concurrency}"));
        }

        return result;
    }

    /// <summary>What PostgreSQL's busy backends wait for, sampled every 100 ms (--waits): where the time goes.</summary>
    private async Task<string> SampleWaitsAsync(CancellationToken ct)
    {
        var counts = new Dictionary<string, int>();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await using var command = new NpgsqlCommand("""
                    SELECT COALESCE(wait_event_type || ':' || wait_event, 'CPU') AS w, state, count(*) FROM pg_stat_activity
                    WHERE backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid() GROUP BY 1, 2
                    """, connection);
                await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
                {
                    while (await reader.ReadAsync(CancellationToken.None))
                    {
                        var key = $"{reader.GetString(0)} ({reader.GetString(1)})";
                        counts[key] = counts.GetValueOrDefault(key) + (int)reader.GetInt64(2);
                    }
                }

                await Task.Delay(100, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return string.Join(", ", counts.OrderByDescending(c => c.Value).Take(8).Select(c => $"{c.Key} {c.Value}"));
    }
}
