using System.Globalization;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommonsCall.Benchmarks;

/// <summary>
/// The "every open page shows a contribution within a second" promise, measured instead of asserted in a test:
/// with N dashboard pages open, one member changes its contribution N times; each page records (in the browser,
/// with a MutationObserver) when its "contributed" figure changed, and the latency is that moment minus the
/// moment the service returned (after the commit). Both clocks are this machine's wall clock.
/// </summary>
public static class LiveUpdateLatency
{
    private const string Watch = """
        () => {
          window.__changedAt = null;
          const figure = () => document.querySelector('[data-testid=dashboard-contributed]')?.textContent ?? '';
          const before = figure();
          const observer = new MutationObserver(() => {
            if (window.__changedAt === null && figure() !== before) {
              window.__changedAt = Date.now();
              observer.disconnect();
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    public static async Task<string> MeasureAsync(BenchApp app, BenchCall call, IReadOnlyList<IPage> pages, int changes)
    {
        var service = app.Services.GetRequiredService<ContributionService>();
        var member = call.Members[0];
        var latencies = new List<double>();
        var missed = 0;
        var browsers = TimeSpan.Zero;
        for (var i = 1; i <= changes; i++)
        {
            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(Watch)));
            var browsersBefore = Machine.ChromiumCpu();
            var result = await service.SetAsync(member.Actor, new SetContribution(call.Id, call.Commons[0], member.OrganisationId, i * 100L));
            var committed = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"The measured contribution was refused: {result.Error}");
            }

            foreach (var page in pages)
            {
                try
                {
                    var seen = await page.WaitForFunctionAsync("() => window.__changedAt", null, new() { Timeout = 30_000, PollingInterval = 50 });
                    latencies.Add(Math.Max(0, await seen.JsonValueAsync<double>() - committed));
                }
                catch (TimeoutException)
                {
                    missed++;
                }
            }

            // Until every page showed the change: what the browsers spent applying it (and the harness's polling of one page at a time).
            browsers += Machine.ChromiumCpu() - browsersBefore;
        }

        latencies.Sort();
        double P(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Count) - 1, 0, latencies.Count - 1)];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Update latency, commit to figure changed on the page ({changes} changes x {pages.Count} open pages = {latencies.Count} observations{(missed > 0 ? $", **{missed} not seen within 30 s**" : string.Empty)}): " +
            $"**p50 {P(50):0} ms, p95 {P(95):0} ms, max {(latencies.Count == 0 ? double.NaN : latencies[^1]):0} ms** (target: every page within 1,000 ms). " +
            $"Chromium's CPU from each change to the last page showing it: {browsers.TotalMilliseconds / Math.Max(1, changes):0} ms per change, {browsers.TotalMilliseconds / Math.Max(1, changes) / Math.Max(1, pages.Count):0.0} ms per page.");
        Console.WriteLine(line);
        return line;
    }
}
