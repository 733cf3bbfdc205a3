using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Benchmarks;

/// <summary>
/// Many live dashboard pages without browsers (issue 17): <see cref="BenchOptions.SignalRCircuits"/> circuits opened by
/// <see cref="CircuitClient"/> in a child process (<see cref="CircuitClientProcess"/>), the app's managed heap per
/// circuit (after full collections, before and after, divided by the count), then <see cref="BenchOptions.Updates"/>
/// contribution changes, each timed from the commit to every circuit's next render batch.
/// </summary>
public static class SignalRCircuits
{
    public static async Task<string> MeasureAsync(BenchApp app, BenchCall call, CookieContainer cookies, BenchOptions options)
    {
        var n = options.SignalRCircuits;
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            Environment = { ["BENCH_COOKIES"] = string.Join("; ", cookies.GetAllCookies().Select(c => $"{c.Name}={c.Value}")) },
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var arg in new[] { CircuitClientProcess.Flag, app.BaseAddress.ToString(), $"/calls/{call.Slug}/dashboard", n.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var clients = Process.Start(start) ?? throw new InvalidOperationException("Could not start the circuit clients.");
        async Task<string> ReadAsync(string expected)
        {
            var line = await clients.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The circuit clients ended early.");
            return line.StartsWith(expected, StringComparison.Ordinal) ? line : throw new InvalidOperationException($"The circuit clients said '{line}', not '{expected}'.");
        }

        try
        {
            await ReadAsync("warm");
            var (heapBefore, setBefore) = DashboardBench.Measure();
            await clients.StandardInput.WriteLineAsync("go");
            var ready = (await ReadAsync("ready")).Split(' ');
            var (opened, failed, seconds) = (int.Parse(ready[1], CultureInfo.InvariantCulture), int.Parse(ready[2], CultureInfo.InvariantCulture), ready[3]);
            await Task.Delay(2_000);
            var (heapAfter, setAfter) = DashboardBench.Measure();

            var service = app.Services.GetRequiredService<ContributionService>();
            var member = call.Members[0];
            var latencies = new List<double>();
            var missed = 0;
            var batchBytes = new List<(double Mean, long Max)>();
            for (var i = 1; i <= options.Updates; i++)
            {
                await clients.StandardInput.WriteLineAsync("expect");
                await ReadAsync("armed");
                var result = await service.SetAsync(member.Actor, new SetContribution(call.Id, call.Commons[0], member.OrganisationId, 100_000 + i * 100L));
                var committed = DateTime.UtcNow.Ticks;
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException($"The measured contribution was refused: {result.Error}");
                }

                await clients.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"commit {committed}"));
                foreach (var value in (await ReadAsync("latencies"))["latencies ".Length..].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)))
                {
                    if (value < 0)
                    {
                        missed++;
                    }
                    else
                    {
                        latencies.Add(value);
                    }
                }

                var bytes = (await ReadAsync("bytes")).Split(' ');
                batchBytes.Add((double.Parse(bytes[1], CultureInfo.InvariantCulture), long.Parse(bytes[2], CultureInfo.InvariantCulture)));
            }

            await clients.StandardInput.WriteLineAsync("quit");
            await clients.WaitForExitAsync();
            latencies.Sort();
            double P(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Count) - 1, 0, latencies.Count - 1)];
            var line = string.Create(CultureInfo.InvariantCulture,
                $"### Blazor circuits without a browser ({options.Changes.Max():N0}-change call, SignalR-level client)\n\n" +
                $"{opened} circuits opened ({failed} failed) in {seconds} s by the SignalR-level client in a child process (plus one before the baseline): " +
                $"app managed heap {heapBefore / 1048576.0:0.0} -> {heapAfter / 1048576.0:0.0} MiB, **{(heapAfter - heapBefore) / (double)Math.Max(1, opened) / 1024:0} KiB per circuit** (target <= 500); " +
                $"working set {setBefore / 1048576.0:0} -> {setAfter / 1048576.0:0} MiB. " +
                $"Update latency, commit to each circuit's next render batch ({options.Updates} changes x {opened + 1} circuits = {latencies.Count} observations{(missed > 0 ? $", **{missed} not seen within 30 s**" : string.Empty)}): " +
                $"**p50 {P(50):0} ms, p95 {P(95):0} ms, max {(latencies.Count == 0 ? double.NaN : latencies[^1]):0} ms** (target: every page within 1,000 ms). " +
                $"Each circuit's first render batch after a change: {batchBytes.DefaultIfEmpty().Average(b => b.Mean):0} bytes on average, {batchBytes.DefaultIfEmpty().Max(b => b.Max)} at most.");
            Console.WriteLine(line);
            return line;
        }
        finally
        {
            if (!clients.HasExited)
            {
                clients.Kill();
            }
        }
    }
}
