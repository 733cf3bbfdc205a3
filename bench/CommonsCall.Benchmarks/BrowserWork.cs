using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace CommonsCall.Benchmarks;

/// <summary>
/// What one page's renderer spends on a live update, from Chromium's own Performance metrics (DevTools protocol):
/// script, style recalculation, layout and all its main-thread tasks, summed from a mark before the change until the
/// browsers settled after it (the frames that paint it included). With many pages, several share the page's renderer
/// process, and these are that renderer's figures. It says where a browser's CPU per change goes, which the process
/// totals cannot.
/// </summary>
public sealed class BrowserWork
{
    private static readonly string[] Metrics = ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "Nodes", "LayoutCount", "RecalcStyleCount"];

    private readonly ICDPSession _session;
    private readonly Dictionary<string, double> _totals = [];
    private Dictionary<string, double> _mark = [];

    private BrowserWork(ICDPSession session) => _session = session;

    public static async Task<BrowserWork> StartAsync(IPage page)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("Performance.enable");
        return new BrowserWork(session);
    }

    public async Task MarkAsync() => _mark = await ReadAsync();

    public async Task AddSinceMarkAsync()
    {
        var now = await ReadAsync();
        foreach (var name in Metrics.Where(n => n != "Nodes"))
        {
            _totals[name] = _totals.GetValueOrDefault(name) + now.GetValueOrDefault(name) - _mark.GetValueOrDefault(name);
        }

        _totals["Nodes"] = now.GetValueOrDefault("Nodes");
    }

    public string Describe(int changes)
    {
        double Ms(string name) => _totals.GetValueOrDefault(name) * 1000 / Math.Max(1, changes);
        double Per(string name) => _totals.GetValueOrDefault(name) / Math.Max(1, changes);
        return string.Create(CultureInfo.InvariantCulture,
            $"main-thread tasks {Ms("TaskDuration"):0.0} ms, of which script {Ms("ScriptDuration"):0.0} ms, style {Ms("RecalcStyleDuration"):0.0} ms ({Per("RecalcStyleCount"):0.0} recalculations), " +
            $"layout {Ms("LayoutDuration"):0.0} ms ({Per("LayoutCount"):0.0} layouts); {_totals.GetValueOrDefault("Nodes"):N0} DOM nodes");
    }

    /// <summary>Starts a trace of this page (timeline, script and painting categories, as DevTools records them).</summary>
    public Task StartTraceAsync() => _session.SendAsync("Tracing.start", new()
    {
        ["transferMode"] = "ReturnAsStream",
        ["traceConfig"] = new Dictionary<string, object>
        {
            ["includedCategories"] = new[] { "devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink", "toplevel", "cc", "viz", "disabled-by-default-devtools.timeline.invalidationTracking" },
        },
    });

    /// <summary>Ends the trace, writes it to <paramref name="file"/> and says where the renderer's main thread spent its time.</summary>
    public async Task<string> StopTraceAsync(string file)
    {
        var complete = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _session.Event("Tracing.tracingComplete").OnEvent += (_, e) => complete.TrySetResult(e!.Value.GetProperty("stream").GetString()!);
        await _session.SendAsync("Tracing.end");
        var stream = await complete.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var json = new StringBuilder();
        while (true)
        {
            var chunk = (await _session.SendAsync("IO.read", new() { ["handle"] = stream }))!.Value;
            var data = chunk.GetProperty("data").GetString() ?? string.Empty;
            json.Append(chunk.TryGetProperty("base64Encoded", out var b) && b.GetBoolean() ? Encoding.UTF8.GetString(Convert.FromBase64String(data)) : data);
            if (chunk.GetProperty("eof").GetBoolean())
            {
                break;
            }
        }

        await _session.SendAsync("IO.close", new() { ["handle"] = stream });
        await File.WriteAllTextAsync(file, json.ToString());
        return Summarise(json.ToString());
    }

    /// <summary>The renderer main thread's complete events, summed by name (inclusive times, so nested kinds overlap).</summary>
    private static string Summarise(string trace)
    {
        using var document = JsonDocument.Parse(trace);
        var events = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : document.RootElement.GetProperty("traceEvents");
        var mainThreads = new HashSet<(long, long)>();
        foreach (var e in events.EnumerateArray())
        {
            if (e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "thread_name"
                && e.GetProperty("args").GetProperty("name").GetString() == "CrRendererMain")
            {
                mainThreads.Add((e.GetProperty("pid").GetInt64(), e.GetProperty("tid").GetInt64()));
            }
        }

        var byName = new Dictionary<string, (double Ms, int Count)>();
        foreach (var e in events.EnumerateArray())
        {
            if (e.GetProperty("ph").GetString() != "X" || !e.TryGetProperty("dur", out var dur)
                || !mainThreads.Contains((e.GetProperty("pid").GetInt64(), e.GetProperty("tid").GetInt64())))
            {
                continue;
            }

            var name = e.GetProperty("name").GetString()!;
            var (ms, count) = byName.GetValueOrDefault(name);
            byName[name] = (ms + dur.GetDouble() / 1000, count + 1);
        }

        return string.Join(", ", byName.OrderByDescending(p => p.Value.Ms).Take(25)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.Ms:0.0} ms x{p.Value.Count}")));
    }

    private async Task<Dictionary<string, double>> ReadAsync()
    {
        var answer = await _session.SendAsync("Performance.getMetrics");
        var values = new Dictionary<string, double>();
        foreach (var metric in answer!.Value.GetProperty("metrics").EnumerateArray())
        {
            values[metric.GetProperty("name").GetString()!] = metric.GetProperty("value").GetDouble();
        }

        return values;
    }
}
