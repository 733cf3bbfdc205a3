using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CommonsCall.Testing;

/// <summary>
/// A real SMTP server for tests: Rnwood.Smtp4dev, the local dotnet tool of <c>.config/dotnet-tools.json</c>,
/// started on free ports with its messages in a SQLite file of its own (so that a stop and restart, the outage
/// tests, keeps what it received). Tests read what really arrived through its HTTP API. Servers left behind by
/// killed test runs are stopped at the next start.
/// </summary>
public sealed class Smtp4dev : IAsyncLifetime
{
    private const string StateDirectory = "/tmp/commonscall-smtp4dev";
    private static readonly Lazy<Task> ToolRestored = new(RestoreToolAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _directory = Path.Combine(StateDirectory, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
    private Process? _process;
    private int _webPort;
    private int _imapPort;
    private int _pop3Port;

    public int SmtpPort { get; private set; }

    public async Task InitializeAsync()
    {
        StopStale();
        await ToolRestored.Value;
        Directory.CreateDirectory(_directory);
        var ports = FreePorts(4);
        (_webPort, SmtpPort, _imapPort, _pop3Port) = (ports[0], ports[1], ports[2], ports[3]);
        _http.BaseAddress = new Uri($"http://127.0.0.1:{_webPort}/");
        await StartAsync();
    }

    public Task DisposeAsync()
    {
        Stop();
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the next run's stale clean-up removes it.
        }

        return Task.CompletedTask;
    }

    /// <summary>Starts the server (again, on the same ports and messages) and waits for its API.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "tool", "run", "smtp4dev",
            $"--urls=http://127.0.0.1:{_webPort}", $"--smtpport={SmtpPort}", $"--imapport={_imapPort}", $"--pop3port={_pop3Port}",
            $"--db={Path.Combine(_directory, "smtp4dev.db")}", "--messagestokeep=100000", "--sessionstokeep=10",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start smtp4dev.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await File.WriteAllTextAsync(Path.Combine(_directory, "server.pid"), $"{_process.Id} {Environment.ProcessId}");

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("api/messages?pageSize=1");
                if (response.IsSuccessStatusCode && await SmtpAnswersAsync())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new InvalidOperationException($"smtp4dev did not start on port {_webPort} (exited: {_process.HasExited}).");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Stops the server (an SMTP outage); <see cref="StartAsync"/> brings it back. It is asked to stop (SIGTERM to
    /// smtp4dev and its launcher) and killed only if it does not: smtp4dev answers 250 before it stores a message,
    /// so a SIGKILL can lose a message it accepted, which no real mail server may do (RFC 5321, 6.1).
    /// </summary>
    public void Stop()
    {
        if (_process is { } process)
        {
            try
            {
                Signal("-TERM", "-P", process.Id.ToString(CultureInfo.InvariantCulture));
                Signal("-TERM", process.Id.ToString(CultureInfo.InvariantCulture));
                if (!process.WaitForExit(30_000))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(30_000);
                }

                // The launcher may exit before smtp4dev itself has: wait until its SMTP port is free.
                var deadline = Stopwatch.StartNew();
                while (SmtpAnswersAsync().GetAwaiter().GetResult() && deadline.Elapsed < TimeSpan.FromSeconds(30))
                {
                    Thread.Sleep(100);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Every message received so far, with its headers.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MessagesAsync()
    {
        using var list = JsonDocument.Parse(await _http.GetStringAsync("api/messages?pageSize=100000"));
        var summaries = list.RootElement.GetProperty("results").EnumerateArray()
            .Select(m => (Id: m.GetProperty("id").GetString()!, To: m.GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToList(), Subject: m.GetProperty("subject").GetString() ?? string.Empty))
            .ToList();
        var mails = new List<ReceivedMail>();
        foreach (var summary in summaries)
        {
            using var detail = JsonDocument.Parse(await _http.GetStringAsync($"api/messages/{summary.Id}"));
            var headers = detail.RootElement.GetProperty("headers").EnumerateArray()
                .GroupBy(h => h.GetProperty("name").GetString()!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().GetProperty("value").GetString() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            mails.Add(new ReceivedMail(summary.Id, summary.To, summary.Subject, headers,
                detail.RootElement.GetProperty("hasHtmlBody").GetBoolean(), detail.RootElement.GetProperty("hasPlainTextBody").GetBoolean()));
        }

        return mails;
    }

    /// <summary>How many messages arrived, without reading each one.</summary>
    public async Task<int> CountAsync()
    {
        using var list = JsonDocument.Parse(await _http.GetStringAsync("api/messages?pageSize=1"));
        return list.RootElement.GetProperty("rowCount").GetInt32();
    }

    public Task<string> PlainTextAsync(ReceivedMail mail) => _http.GetStringAsync($"api/messages/{mail.Id}/plaintext");

    public Task<string> HtmlAsync(ReceivedMail mail) => _http.GetStringAsync($"api/messages/{mail.Id}/html");

    /// <summary>Waits (generously: the machine may be busy) until <paramref name="count"/> messages arrived.</summary>
    public async Task<TimeSpan> WaitForCountAsync(int count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (await CountAsync() < count)
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{await CountAsync()} of {count} messages arrived in {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }

        return watch.Elapsed;
    }

    /// <summary>kill(1) or, with -P, pkill(1) on the children of one process id: never by name.</summary>
    private static void Signal(string signal, params string[] target)
    {
        var command = target[0] == "-P" ? "pkill" : "kill";
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(signal);
        foreach (var argument in target)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        process?.WaitForExit(10_000);
    }

    private async Task<bool> SmtpAnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, SmtpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ".config", "dotnet-tools.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No .config/dotnet-tools.json above " + AppContext.BaseDirectory);
    }

    private static async Task RestoreToolAsync()
    {
        using var restore = Process.Start(new ProcessStartInfo("dotnet", "tool restore") { WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await restore.StandardOutput.ReadToEndAsync();
        await restore.WaitForExitAsync();
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet tool restore failed: " + output);
        }
    }

    /// <summary>Kills the servers of test processes that no longer run (their pid files name both).</summary>
    private static void StopStale()
    {
        if (!Directory.Exists(StateDirectory))
        {
            return;
        }

        foreach (var directory in Directory.GetDirectories(StateDirectory))
        {
            var pidFile = Path.Combine(directory, "server.pid");
            var parts = File.Exists(pidFile) ? File.ReadAllText(pidFile).Split(' ') : [];
            if (parts.Length == 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var owner) && IsRunning(owner))
            {
                continue;
            }

            if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var server) && IsRunning(server)
                && File.ReadAllText($"/proc/{server}/cmdline").Contains("smtp4dev", StringComparison.Ordinal))
            {
                try
                {
                    using var stale = Process.GetProcessById(server);
                    stale.Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                }
                catch (InvalidOperationException)
                {
                }
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static bool IsRunning(int pid) => File.Exists($"/proc/{pid}/cmdline");
}

/// <summary>A message as smtp4dev received it.</summary>
public sealed record ReceivedMail(string Id, IReadOnlyList<string> To, string Subject, IReadOnlyDictionary<string, string> Headers, bool HasHtml, bool HasText)
{
    public string MessageId => Headers.TryGetValue("Message-Id", out var id) ? id.Trim().Trim('<', '>') : string.Empty;
}
