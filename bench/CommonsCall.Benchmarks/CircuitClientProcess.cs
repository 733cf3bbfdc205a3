using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace CommonsCall.Benchmarks;

/// <summary>
/// The bench's circuit clients in a process of their own (this program started with <c>--circuit-client</c>), so that
/// what the clients hold is not counted in the app's managed heap. It talks with <see cref="SignalRCircuits"/> by lines
/// on its standard input and output: it opens one circuit and says "warm"; on "go" it opens the others and says
/// "ready OPENED FAILED SECONDS"; on "expect" it arms every circuit and says "armed"; on "commit TICKS" it waits (30 s at
/// most) for every circuit's next render batch and says "latencies" with each circuit's delay in ms (-1: none came),
/// then "bytes" with the mean and largest size of those batches;
/// "quit" ends it. The signed-in cookies come in the BENCH_COOKIES environment variable ("name=value; ...").
/// </summary>
public static class CircuitClientProcess
{
    public const string Flag = "--circuit-client";

    public static async Task<int> RunAsync(string[] args)
    {
        var baseAddress = new Uri(args[0]);
        var path = args[1];
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var cookies = new CookieContainer();
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_COOKIES") ?? string.Empty).Split("; ", StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            cookies.Add(new Cookie(pair[..at], pair[(at + 1)..], "/", baseAddress.Host));
        }

        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var circuits = new List<CircuitClient> { await CircuitClient.OpenAsync(http, cookies, path, CancellationToken.None) };
        Console.WriteLine("warm");
        if (Console.ReadLine() != "go")
        {
            return 1;
        }

        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            try
            {
                var circuit = await CircuitClient.OpenAsync(http, cookies, path, ct);
                lock (circuits)
                {
                    circuits.Add(circuit);
                    if (circuits.Count % 100 == 0)
                    {
                        Console.Error.WriteLine($"  {circuits.Count} circuits open after {clock.Elapsed.TotalSeconds:0} s");
                    }
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException or IOException or Microsoft.AspNetCore.SignalR.HubException)
            {
                if (Interlocked.Increment(ref failed) <= 5)
                {
                    Console.Error.WriteLine($"  a circuit failed: {ex.Message}");
                }
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {circuits.Count - 1} {failed} {clock.Elapsed.TotalSeconds:0.0}"));

        while (Console.ReadLine() is { } line)
        {
            if (line == "expect")
            {
                circuits.ForEach(c => c.Arm());
                Console.WriteLine("armed");
            }
            else if (line.StartsWith("commit ", StringComparison.Ordinal))
            {
                var committed = long.Parse(line["commit ".Length..], CultureInfo.InvariantCulture);
                var waited = Stopwatch.StartNew();
                while (circuits.Any(c => c.FirstBatchAfterArming == 0) && waited.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(20);
                }

                var latencies = circuits.Select(c => c.FirstBatchAfterArming is var at and > 0 ? Math.Max(0, (at - committed) / (double)TimeSpan.TicksPerMillisecond) : -1);
                Console.WriteLine("latencies " + string.Join(',', latencies.Select(l => l.ToString("0.0", CultureInfo.InvariantCulture))));
                var sizes = circuits.Select(c => c.FirstBatchBytes).Where(b => b > 0).DefaultIfEmpty(0).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes {sizes.Average():0} {sizes.Max()}"));
            }
            else if (line == "quit")
            {
                break;
            }
        }

        foreach (var circuit in circuits)
        {
            await circuit.DisposeAsync();
        }

        return 0;
    }
}
