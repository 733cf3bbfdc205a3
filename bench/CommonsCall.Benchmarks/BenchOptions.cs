using System.Globalization;

namespace CommonsCall.Benchmarks;

/// <summary>Command-line options (see ../README.md); every run is bounded by these counts and durations.</summary>
public sealed record BenchOptions
{
    /// <summary>What to run: contributions, dashboard, circuits, signalr (not by default), probe (not by default).</summary>
    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string>(["contributions", "dashboard", "circuits"], StringComparer.OrdinalIgnoreCase);

    public int[] Concurrency { get; init; } = [1, 8, 32, 128];

    /// <summary>Member organisations of the contribution call (at least the highest concurrency: one member per worker).</summary>
    public int Members { get; init; } = 128;

    /// <summary>Approved commons of the contribution call.</summary>
    public int Commons { get; init; } = 20;

    /// <summary>Measured seconds per load run (one run per concurrency level and per side).</summary>
    public double Seconds { get; init; } = 5;

    /// <summary>Unmeasured seconds before each load run.</summary>
    public double Warmup { get; init; } = 1;

    /// <summary>Load rounds: each round runs ours then bare at every level (more rounds average out a shared machine's noise).</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Durable PostgreSQL (fsync and synchronous_commit on, as in production); --no-fsync turns them off.</summary>
    public bool Durable { get; init; } = true;

    public int Organisations { get; init; } = 500;

    public int DashboardCommons { get; init; } = 200;

    public int[] Changes { get; init; } = [20_000, 200_000];

    /// <summary>Timed repetitions of each dashboard read and render.</summary>
    public int Repeats { get; init; } = 30;

    /// <summary>Blazor circuits (headless Chromium pages) opened on the dashboard page.</summary>
    public int Circuits { get; init; } = 40;

    /// <summary>Circuits opened by the SignalR-level client (part "signalr", no browser).</summary>
    public int SignalRCircuits { get; init; } = 2_000;

    /// <summary>Contribution changes made while the circuits are open, each timed until every page shows it.</summary>
    public int Updates { get; init; } = 10;

    /// <summary>People representing each organisation of the announcement call.</summary>
    public int Representatives { get; init; } = 3;

    public string? Markdown { get; init; }

    /// <summary>Samples what PostgreSQL's busy backends wait for during each load run.</summary>
    public bool SampleWaits { get; init; }

    /// <summary>Loads pg_stat_statements and prints, after each contribution load run, what each statement cost PostgreSQL per change.</summary>
    public bool SqlProfile { get; init; }

    /// <summary>The bare side's connections prepare their statements as the app's do (off by default: the bare transaction of every earlier run).</summary>
    public bool BarePrepared { get; init; }

    /// <summary>Records a Chromium trace of one page during the first live update, writes it to this file and prints its main thread's time by kind of work.</summary>
    public string? BrowserTrace { get; init; }

    public static string Usage => """
        dotnet run -c Release --project bench/CommonsCall.Benchmarks -- [options]
          --only contributions,dashboard,circuits   parts to run (default: these three; also signalr, probe)
          --concurrency 1,8,32,128                  concurrent members per load run
          --members 128 --commons 20                size of the contribution call
          --seconds 5 --warmup 1 --rounds 1         length of each load run
          --no-fsync                                fsync/synchronous_commit off (default: durable, as in production)
          --orgs 500 --dashboard-commons 200        size of the dashboard call
          --changes 20000,200000                    contribution changes in the dashboard call's ledger
          --repeats 30                              timed repetitions of each dashboard read and render
          --circuits 40                             Blazor circuits opened (headless Chromium pages)
          --signalr-circuits 2000                   circuits opened by the SignalR-level client (part signalr)
          --updates 10                              contributions timed until every open page shows them (0: none)
          --only announcement --orgs 500 --representatives 3
                                                    one announcement mailed to every representative, through smtp4dev
          --markdown FILE                           also write the tables to FILE
          --waits                                   sample what PostgreSQL's busy backends wait for (profiling)
          --sql-profile                             PostgreSQL's time per statement of each contribution run (pg_stat_statements)
          --bare-prepared                           the bare transaction's statements prepared too, as the app's are
          --browser-trace FILE                      a Chromium trace of one page during the first live update (and where its time went)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int[] Ints() => Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--only" => o with { Parts = new HashSet<string>(Next().Split(','), StringComparer.OrdinalIgnoreCase) },
                "--concurrency" => o with { Concurrency = Ints() },
                "--members" => o with { Members = Int() },
                "--commons" => o with { Commons = Int() },
                "--seconds" => o with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--warmup" => o with { Warmup = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rounds" => o with { Rounds = Int() },
                "--no-fsync" => o with { Durable = false },
                "--orgs" => o with { Organisations = Int() },
                "--dashboard-commons" => o with { DashboardCommons = Int() },
                "--changes" => o with { Changes = Ints() },
                "--repeats" => o with { Repeats = Int() },
                "--circuits" => o with { Circuits = Int() },
                "--signalr-circuits" => o with { SignalRCircuits = Int() },
                "--updates" => o with { Updates = Int() },
                "--representatives" => o with { Representatives = Int() },
                "--markdown" => o with { Markdown = Next() },
                "--waits" => o with { SampleWaits = true },
                "--sql-profile" => o with { SqlProfile = true },
                "--bare-prepared" => o with { BarePrepared = true },
                "--browser-trace" => o with { BrowserTrace = Next() },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option {args[i]}{Environment.NewLine}{Usage}"),
            };
        }

        if (o.Members < o.Concurrency.Max())
        {
            o = o with { Members = o.Concurrency.Max() };
        }

        return o;
    }
}
