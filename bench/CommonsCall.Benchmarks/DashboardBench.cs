using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CommonsCall.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommonsCall.Benchmarks;

/// <summary>
/// The dashboard of issue 5 on seeded calls of realistic size: the data read (<see cref="DashboardQueries"/>),
/// the page's server-side (prerendered) render fetched over HTTP from Kestrel, and the memory each open Blazor
/// circuit on the page costs (headless Chromium pages, the app's GC heap and working set before and after).
/// </summary>
public sealed partial class DashboardBench(BenchApp app, BenchOptions options)
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly Seeder _seeder = new(app.Services);

    public async Task<(string Table, bool InvariantsHold)> RunAsync()
    {
        var t = new StringBuilder();
        var ok = true;
        BenchCall? largest = null;
        t.AppendLine(CultureInfo.InvariantCulture, $"### Dashboard ({options.Organisations} member organisations, {options.DashboardCommons} commons; {options.Repeats} timed repetitions after one cold read)");
        t.AppendLine();
        t.AppendLine("| contribution changes in the ledger | contributions rows | data read cold ms | data read p50 / p95 ms (target < 5 at 200,000) | a live page's update p50 ms (projection of a fresh snapshot, no database) | page server render p50 / p95 ms (target < 300 at 20,000) | HTML KiB | invariants |");
        t.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var changes in options.Changes)
        {
            Console.WriteLine($"Seeding a call of {options.Organisations} members, {options.DashboardCommons} commons and {changes} contribution changes...");
            var seedClock = Stopwatch.StartNew();
            var call = await _seeder.CallInOpenRoundAsync($"tableau-{changes}", options.Organisations, options.DashboardCommons, grant: 100_000_000);
            await _seeder.AddContributionHistoryAsync(call, changes);
            var problems = await _seeder.VerifyAsync(call.Id);
            ok &= problems.Count == 0;
            Console.WriteLine($"  seeded in {seedClock.Elapsed.TotalSeconds:0.0} s; invariants {(problems.Count == 0 ? "ok" : string.Join("; ", problems.Take(5)))}");

            var (cold, read) = await DataReadAsync(call);
            var projection = await ProjectionAsync(call);
            var rows = await ContributionRowsAsync(call);
            var (render, size) = await RenderAsync(call);
            Console.WriteLine($"  data read cold {cold:0.0} ms, p50 {Percentile(read, 50):0.00} ms p95 {Percentile(read, 95):0.00} ms; page render p50 {Percentile(render, 50):0.0} ms p95 {Percentile(render, 95):0.0} ms ({size / 1024} KiB)");
            t.AppendLine(CultureInfo.InvariantCulture,
                $"| {changes:N0} | {rows:N0} | {cold:0.0} | {Percentile(read, 50):0.00} / {Percentile(read, 95):0.00} | {Percentile(projection, 50):0.00} | {Percentile(render, 50):0.0} / {Percentile(render, 95):0.0} | {size / 1024} | {(problems.Count == 0 ? "ok" : "**BROKEN**")} |");
            largest = call;
        }

        if (options.Parts.Contains("circuits") && largest is not null && options.Circuits > 0)
        {
            t.AppendLine();
            t.AppendLine(await CircuitsAsync(largest));
        }

        if (options.Parts.Contains("signalr") && largest is not null && options.SignalRCircuits > 0)
        {
            var (client, cookies) = await SignInAsync(largest);
            client.Dispose();
            t.AppendLine();
            t.AppendLine(await SignalRCircuits.MeasureAsync(app, largest, cookies, options));
        }

        // The live-update parts change contributions through the real service: the ledger must still add up after them.
        if (largest is not null && (options.Parts.Contains("circuits") || options.Parts.Contains("signalr")) && options.Updates > 0)
        {
            var after = await _seeder.VerifyAsync(largest.Id);
            ok &= after.Count == 0;
            t.AppendLine();
            t.AppendLine(after.Count == 0 ? "Invariants (LedgerCheck) held after the live updates." : "INVARIANTS BROKEN after the live updates: " + string.Join("; ", after.Take(5)));
        }

        return (t.ToString(), ok);
    }

    /// <summary>DashboardQueries as the page calls it, for the call's facilitator: one cold read, then the timed ones.</summary>
    private async Task<(double Cold, List<double> Timed)> DataReadAsync(BenchCall call)
    {
        var queries = app.Services.GetRequiredService<DashboardQueries>();
        var clock = Stopwatch.StartNew();
        var first = await queries.DashboardAsync(call.Facilitator, call.Slug, DashboardQueries.OrganisationsShown);
        var cold = clock.Elapsed.TotalMilliseconds;
        if (!first.IsSuccess || first.Value!.OrganisationCount != options.Organisations || first.Value.Commons.Count != options.DashboardCommons)
        {
            throw new InvalidOperationException($"The dashboard did not show the seeded call: {first.Error}");
        }

        var timed = new List<double>();
        for (var i = 0; i < options.Repeats; i++)
        {
            clock.Restart();
            (await queries.DashboardAsync(call.Facilitator, call.Slug, DashboardQueries.OrganisationsShown)).IsSuccess.ToString();
            timed.Add(clock.Elapsed.TotalMilliseconds);
        }

        return (cold, timed);
    }

    /// <summary>
    /// What an open page does on a live update: project the call's shared snapshot for its viewer, without the
    /// database (each projection on a new snapshot, so nothing a snapshot caches for its viewers is reused).
    /// </summary>
    private async Task<List<double>> ProjectionAsync(BenchCall call)
    {
        var queries = app.Services.GetRequiredService<DashboardQueries>();
        var sight = (await queries.SightAsync(call.Facilitator, call.Slug)).Value ?? throw new InvalidOperationException("No dashboard for the facilitator.");
        var snapshots = app.Services.GetRequiredService<CallSnapshots>();
        var timed = new List<double>();
        var clock = new Stopwatch();
        for (var i = 0; i < options.Repeats; i++)
        {
            var snapshot = await snapshots.BuildAsync(call.Id);
            clock.Restart();
            snapshot.ViewFor(sight.Access, DashboardQueries.OrganisationsShown, snapshot.AsOf).Organisations.Count.ToString(CultureInfo.InvariantCulture);
            timed.Add(clock.Elapsed.TotalMilliseconds);
        }

        return timed;
    }

    private async Task<long> ContributionRowsAsync(BenchCall call)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("""SELECT count(*) FROM "Contributions" WHERE "CallId" = $1 AND "Amount" > 0""", connection) { Parameters = { new() { Value = call.Id } } };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The prerendered page, fetched whole over HTTP with the facilitator's cookie.</summary>
    private async Task<(List<double> Timed, int Bytes)> RenderAsync(BenchCall call)
    {
        var (client, _) = await SignInAsync(call);
        using var __ = client;
        var path = $"/calls/{call.Slug}/dashboard";
        var html = await client.GetStringAsync(path);
        if (!html.Contains("data-testid=\"dashboard-totals\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The prerendered dashboard page has no totals: not signed in, or the page changed.");
        }

        var timed = new List<double>();
        var clock = new Stopwatch();
        for (var i = 0; i < options.Repeats; i++)
        {
            clock.Restart();
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            timed.Add(clock.Elapsed.TotalMilliseconds);
        }

        return (timed, Encoding.UTF8.GetByteCount(html));
    }

    /// <summary>
    /// Opens <see cref="BenchOptions.Circuits"/> dashboard pages in headless Chromium (one circuit each) and
    /// reports what the app process holds per circuit: managed heap after a full collection, and working set.
    /// </summary>
    private async Task<string> CircuitsAsync(BenchCall call)
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            return "Circuits not measured: Debian's Chromium is missing (apt-get install -y chromium).";
        }

        var (client, cookies) = await SignInAsync(call);
        using var _ = client;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        await context.AddCookiesAsync(cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = app.BaseAddress.Host, Path = "/",
        }));

        // One page first, so that what every page shares (compiled components, caches) is in the baseline.
        var warm = await OpenDashboardAsync(context, call);
        var (heapBefore, setBefore) = Measure();
        var pages = new List<IPage>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Circuits; i++)
        {
            pages.Add(await OpenDashboardAsync(context, call));
        }

        var opening = clock.Elapsed.TotalSeconds;
        await Task.Delay(2_000);
        var (heapAfter, setAfter) = Measure();
        var n = options.Circuits;
        var line = string.Concat(
            $"### Blazor circuits on the dashboard page ({options.Changes.Max():N0}-change call)\n\n{n} circuits opened in {opening:0.0} s (headless Chromium pages, one circuit each, in this process's app): " +
            $"managed heap {heapBefore / 1048576.0:0.0} -> {heapAfter / 1048576.0:0.0} MiB, **{(heapAfter - heapBefore) / (double)n / 1024:0} KiB per circuit**; " +
            $"working set {setBefore / 1048576.0:0} -> {setAfter / 1048576.0:0} MiB, **{(setAfter - setBefore) / (double)n / 1024:0} KiB per circuit** " +
            "(the working set also holds what the heap grew into and the Playwright client's share).");
        Console.WriteLine(line);
        if (options.Updates > 0)
        {
            line += "\n\n" + await LiveUpdateLatency.MeasureAsync(app, call, [.. pages, warm], options.Updates, options.BrowserTrace);
        }

        foreach (var page in pages.Append(warm))
        {
            await page.CloseAsync();
        }

        await context.CloseAsync();
        return line;
    }

    private async Task<IPage> OpenDashboardAsync(IBrowserContext context, BenchCall call)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/calls/{call.Slug}/dashboard");
        await page.Locator(".shell[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        return page;
    }

    /// <summary>This process's managed heap after full collections, and its working set.</summary>
    internal static (long Heap, long WorkingSet) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    /// <summary>Signs the facilitator in through the real sign-in form (antiforgery token included).</summary>
    private async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync(BenchCall call)
    {
        var jar = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = call.FacilitatorEmail,
            ["Input.Password"] = Seeder.Password,
        }));
        if (!jar.GetAllCookies().Any(c => c.Name == "CommonsCall.Auth"))
        {
            client.Dispose();
            throw new InvalidOperationException($"Signing in failed ({(int)response.StatusCode} to {response.Headers.Location}; cookies {string.Join(", ", jar.GetAllCookies().Select(c => c.Name))}; token found: {token.Length > 0}).");
        }

        // The app marks its cookies Secure; browsers send them to http://127.0.0.1 (a trustworthy origin), .NET's
        // cookie container does not, so this client keeps copies without the flag.
        client.Dispose();
        var plain = new CookieContainer();
        foreach (var cookie in jar.GetAllCookies().Cast<System.Net.Cookie>())
        {
            plain.Add(new System.Net.Cookie(cookie.Name, cookie.Value, "/", app.BaseAddress.Host));
        }

        return (new HttpClient(new HttpClientHandler { CookieContainer = plain, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress }, plain);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
