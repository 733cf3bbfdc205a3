using System.Globalization;
using System.Text;
using CommonsCall.Testing;

namespace CommonsCall.Benchmarks;

/// <summary>Entry point: parses the options, starts PostgreSQL and the app, runs the parts asked for, prints tables.</summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [CircuitClientProcess.Flag, .. var clientArgs])
        {
            return await CircuitClientProcess.RunAsync(clientArgs);
        }

        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        if (options.Markdown is { } markdown)
        {
            options = options with { Markdown = Path.GetFullPath(markdown) };
        }

        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var report = new StringBuilder();
        report.AppendLine(Machine.Describe(options));
        Console.WriteLine(report);

        await using var database = await BenchDatabase.StartAsync(options.Durable, options.SqlProfile);
        var connectionString = await database.CreateDatabaseAsync("commonscall_bench");
        // The announcement part mails through a real smtp4dev (the tests' fixture); the other parts send no mail.
        await using var smtp = options.Parts.Contains("announcement") ? await StartSmtpAsync() : null;
        await using var app = new BenchApp(connectionString, smtp?.SmtpPort).Start();
        Console.WriteLine($"App on {app.BaseAddress}, PostgreSQL {(options.Durable ? "durable (fsync on)" : "fsync off")}");
        var failed = false;

        if (options.Parts.Contains("probe"))
        {
            var call = await new Seeder(app.Services).CallInOpenRoundAsync("probe", 4, 4, grant: 10_000_000);
            await Probe.RunAsync(app, call, 300);
        }

        if (options.Parts.Contains("contributions"))
        {
            var (table, ok) = await RunContributionsAsync(app, options);
            report.AppendLine(table);
            failed |= !ok;
            await SaveAsync(options, report);
        }

        if (options.Parts.Contains("dashboard") || options.Parts.Contains("signalr"))
        {
            var (table, ok) = await new DashboardBench(app, options).RunAsync();
            report.AppendLine(table);
            failed |= !ok;
        }

        if (smtp is not null)
        {
            var (table, delivered) = await new AnnouncementBench(app, smtp, options).RunAsync();
            report.AppendLine(table);
            failed |= !delivered;
        }

        Console.WriteLine();
        Console.WriteLine(report);
        await SaveAsync(options, report);
        return failed ? 1 : 0;
    }

    private static async Task<Smtp4dev> StartSmtpAsync()
    {
        var smtp = new Smtp4dev();
        await smtp.InitializeAsync();
        return smtp;
    }

    private static async Task SaveAsync(BenchOptions options, StringBuilder report)
    {
        if (options.Markdown is { } path)
        {
            await File.WriteAllTextAsync(path, report.ToString());
        }
    }

    private static async Task<(string Table, bool InvariantsHold)> RunContributionsAsync(BenchApp app, BenchOptions options)
    {
        Console.WriteLine($"Seeding a call of {options.Members} members and {options.Commons} commons...");
        var call = await new Seeder(app.Services).CallInOpenRoundAsync("contributions", options.Members, options.Commons, grant: 10_000_000);
        var bench = new ContributionBench(app, call, options);
        var results = options.Concurrency.ToDictionary(c => c, c => (Ours: new LoadResult("ours", c), Bare: new LoadResult("bare", c)));
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var level in options.Concurrency)
            {
                var (ours, bare) = await bench.RunLevelAsync(level, round);
                results[level].Ours.Add(ours);
                results[level].Bare.Add(bare);
            }
        }

        var t = new StringBuilder();
        t.AppendLine(CultureInfo.InvariantCulture, $"### Contribution changes ({options.Members} members, {options.Commons} commons, {options.Rounds} x {options.Seconds:0.#} s per side and level, PostgreSQL {(options.Durable ? "durable" : "fsync off")}, bare statements {(options.BarePrepared ? "prepared" : "not prepared")})");
        t.AppendLine();
        t.AppendLine("| concurrent members | ours /s | bare /s | ours/bare throughput (target >= 0.80) | ours p50 / p95 / p99 ms | bare p50 / p95 / p99 ms | ours/bare p95 (target <= 1.25) | CPU per change, app + PostgreSQL ms: ours / bare |");
        t.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (level, (ours, bare)) in results)
        {
            var throughput = ours.PerSecond / bare.PerSecond;
            var p95 = ours.Percentile(95) / bare.Percentile(95);
            var judged = level >= 8;
            t.AppendLine(CultureInfo.InvariantCulture,
                $"| {level} | {ours.PerSecond:0} | {bare.PerSecond:0} | {throughput:0.00}{Mark(judged, throughput >= 0.8)} | {ours.Percentile(50):0.0} / {ours.Percentile(95):0.0} / {ours.Percentile(99):0.0} | {bare.Percentile(50):0.0} / {bare.Percentile(95):0.0} / {bare.Percentile(99):0.0} | {p95:0.00}{Mark(judged, p95 <= 1.25)} | {ours.CpuMsPerChange:0.00} + {ours.DatabaseCpuMsPerChange:0.00} / {bare.CpuMsPerChange:0.00} + {bare.DatabaseCpuMsPerChange:0.00} |");
        }

        t.AppendLine();
        t.AppendLine(bench.InvariantProblems.Count == 0
            ? "Invariants (LedgerCheck) held after every run; refused changes: " + results.Values.Sum(r => r.Ours.Refused + r.Bare.Refused) + "."
            : "INVARIANTS BROKEN:" + Environment.NewLine + string.Join(Environment.NewLine, bench.InvariantProblems.Select(p => "- " + p)));
        return (t.ToString(), bench.InvariantProblems.Count == 0);
    }

    private static string Mark(bool judged, bool met) => judged ? (met ? " ok" : " **missed**") : string.Empty;
}

/// <summary>The machine the figures came from.</summary>
public static class Machine
{
    /// <summary>The bench cluster's postmaster (set when it starts): only its processes are counted.</summary>
    public static int PostmasterPid { get; set; }

    /// <summary>CPU time (user + system) of the bench cluster's postgres processes, from /proc (whole run, warm-up included).</summary>
    public static TimeSpan PostgresCpu() =>
        ProcessCpu("postgres", (pid, parent) => pid == PostmasterPid || parent == PostmasterPid);

    /// <summary>
    /// CPU time used so far by every Chromium process of the machine (the circuits part's browser is the only one while it
    /// runs), by kind of process (browser, renderer, gpu-process, utility: its --type).
    /// </summary>
    public static Dictionary<string, TimeSpan> ChromiumCpuByKind()
    {
        var kinds = new Dictionary<string, TimeSpan>();
        foreach (var (dir, cpu) in Processes("chrom", (_, _) => true))
        {
            var type = ReadOrEmpty(Path.Combine(dir, "cmdline")).Split('\0', ' ').FirstOrDefault(a => a.StartsWith("--type=", StringComparison.Ordinal))?["--type=".Length..] ?? "browser";
            kinds[type] = kinds.GetValueOrDefault(type) + cpu;
        }

        return kinds;
    }

    private static TimeSpan ProcessCpu(string name, Func<int, int, bool> include) =>
        Processes(name, include).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Cpu);

    /// <summary>The /proc directory and CPU time (user + system) of each process whose name starts with <paramref name="name"/> and that <paramref name="include"/> accepts (by pid and parent pid).</summary>
    private static List<(string Dir, TimeSpan Cpu)> Processes(string name, Func<int, int, bool> include)
    {
        var found = new List<(string, TimeSpan)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(dir, "comm")).StartsWith(name, StringComparison.Ordinal))
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (include(int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture)))
                {
                    var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                    found.Add((dir, TimeSpan.FromSeconds(ticks / 100.0)));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // A process that ended while it was read (DirectoryNotFoundException is an IOException).
            }
        }

        return found;
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    public static string Describe(BenchOptions options)
    {
        static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var cpu = Read("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = Read("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var load = Read("/proc/loadavg").Split(' ').Take(3);
        var tmp = new DriveInfo("/tmp");
        return $"""
            ## CommonsCall bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC
            Machine: {Environment.ProcessorCount} cores ({cpu}), memory {memKb}, /tmp on a {tmp.DriveFormat} volume of {tmp.TotalSize / (1L << 30)} GiB; .NET {Environment.Version}; load average at start {string.Join(' ', load)} (shared machine).
            Options: {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}
            """;
    }
}
