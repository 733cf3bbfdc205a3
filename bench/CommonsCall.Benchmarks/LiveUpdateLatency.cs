using System.Collections.Concurrent;
using System.Globalization;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommonsCall.Benchmarks;

/// <summary>
/// The "every open page shows a contribution within a second" promise, measured instead of asserted in a test:
/// with N dashboard pages open, one member changes its contribution N times; each page records (in the browser,
/// with a MutationObserver) when its "contributed" figure changed, and the latency is that moment minus the
/// moment the service returned (after the commit). Both clocks are this machine's wall clock. The pages report through
/// a binding: polling 200 pages from the harness cost the browsers as much CPU as the updates did.
/// </summary>
public static class LiveUpdateLatency
{
    /// <summary>
    /// Run in every page before each change: when the "contributed" figure changes, the page reports the moment and the
    /// nodes the update inserted through a binding, once. Nothing polls a page while the browsers apply the update.
    /// </summary>
    private const string Watch = """
        () => {
          const figure = () => document.querySelector('[data-testid=dashboard-contributed]')?.textContent ?? '';
          const before = figure();
          let added = 0;
          const count = n => n.nodeType === 1 ? 1 + n.getElementsByTagName('*').length : 1;
          const observer = new MutationObserver(records => {
            for (const r of records) r.addedNodes.forEach(n => added += count(n));
            if (figure() !== before) {
              observer.disconnect();
              window.__changeSeen(`${Date.now()} ${added}`);
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    /// <summary>
    /// Changes made first and not counted: a page's first updates run Blazor's script before V8 has compiled it (each
    /// renderer process compiles its own) and cost its browser twice what the following ones do; a page open during a
    /// round receives hundreds. They are reported apart.
    /// </summary>
    private const int WarmUpdates = 2;

    /// <summary>After the last page reported, how long the browsers are left to paint before their CPU is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    public static async Task<string> MeasureAsync(BenchApp app, BenchCall call, IReadOnlyList<IPage> pages, int changes, string? traceFile = null)
    {
        var service = app.Services.GetRequiredService<ContributionService>();
        var member = call.Members[0];
        var latencies = new List<double>();
        var missed = 0;
        var byKind = new Dictionary<string, TimeSpan>();
        var perChange = new List<double>();
        var cold = new List<string>();
        var maxPerChange = new List<double>();
        long added = 0;
        var reports = new ConcurrentQueue<(double At, long Added)>();
        var everyPage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await pages[0].Context.ExposeFunctionAsync("__changeSeen", (string report) =>
        {
            var parts = report.Split(' ');
            reports.Enqueue((double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture)));
            if (reports.Count >= pages.Count)
            {
                everyPage.TrySetResult();
            }
        });
        var onePage = await BrowserWork.StartAsync(pages[^1]);
        for (var i = 1 - WarmUpdates; i <= changes; i++)
        {
            reports.Clear();
            everyPage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(Watch)));
            await onePage.MarkAsync();
            if (i == 1 && traceFile is not null)
            {
                await onePage.StartTraceAsync();
            }

            var browsersBefore = Machine.ChromiumCpuByKind();
            var result = await service.SetAsync(member.Actor, new SetContribution(call.Id, call.Commons[0], member.OrganisationId, (i + WarmUpdates) * 100L));
            var committed = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"The measured contribution was refused: {result.Error}");
            }

            await Task.WhenAny(everyPage.Task, Task.Delay(TimeSpan.FromSeconds(30)));
            await Task.Delay(Settle);

            // From the commit until every page showed the change and painted it: what the browsers spent on it.
            var seen = reports.ToArray();
            var spent = Machine.ChromiumCpuByKind().ToDictionary(k => k.Key, k => k.Value - browsersBefore.GetValueOrDefault(k.Key));
            var thisChange = spent.Values.Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu);

            var last = seen.Length == 0 ? double.NaN : seen.Max(r => r.At) - committed;
            if (i < 1)
            {
                cold.Add(string.Create(CultureInfo.InvariantCulture, $"{last:0} ms for the last page ({pages.Count - seen.Length} pages missed it), {thisChange.TotalMilliseconds:0} ms of browser CPU"));
                continue;
            }

            foreach (var (kind, cpu) in spent)
            {
                byKind[kind] = byKind.GetValueOrDefault(kind) + cpu;
            }

            perChange.Add(thisChange.TotalMilliseconds);
            maxPerChange.Add(last);
            missed += pages.Count - seen.Length;
            latencies.AddRange(seen.Select(r => Math.Max(0, r.At - committed)));
            added += seen.Sum(r => r.Added);
            await onePage.AddSinceMarkAsync();
            if (i == 1 && traceFile is not null)
            {
                Console.WriteLine($"One page's main thread during the first update (trace in {traceFile}): {await onePage.StopTraceAsync(traceFile)}");
            }
        }

        var browsers = byKind.Values.Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu);
        latencies.Sort();
        double P(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Count) - 1, 0, latencies.Count - 1)];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Update latency, commit to figure changed on the page ({changes} changes x {pages.Count} open pages = {latencies.Count} observations{(missed > 0 ? $", **{missed} not seen within 30 s**" : string.Empty)}): " +
            $"**p50 {P(50):0} ms, p95 {P(95):0} ms, max {(latencies.Count == 0 ? double.NaN : latencies[^1]):0} ms** (target: every page within 1,000 ms). " +
            $"Chromium's CPU from each change until every page showed it and {Settle.TotalMilliseconds:0} ms more: {browsers.TotalMilliseconds / Math.Max(1, changes):0} ms per change, {browsers.TotalMilliseconds / Math.Max(1, changes) / Math.Max(1, pages.Count):0.0} ms per page (by process: {string.Join(", ", byKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value.TotalMilliseconds / Math.Max(1, changes):0}"))} ms); " +
            $"{added / (double)Math.Max(1, latencies.Count):N0} nodes inserted per page and change; change by change, the browsers' CPU {string.Join(" / ", perChange.Select(c => c.ToString("0", CultureInfo.InvariantCulture)))} ms and the last page's latency {string.Join(" / ", maxPerChange.Select(c => c.ToString("0", CultureInfo.InvariantCulture)))} ms; " +
            $"the {WarmUpdates} first changes, not counted: {string.Join("; ", cold)}. " +
            $"One page's own work per change (Chromium's Performance metrics, averaged): {onePage.Describe(changes)}.");
        Console.WriteLine(line);
        return line;
    }
}
