using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace CommonsCall.Web.Data;

/// <summary>Where a private PostgreSQL cluster lives and how it runs.</summary>
/// <param name="BinDirectory">Where initdb and pg_ctl are; null to look in the usual places.</param>
/// <param name="ServerSettings">More <c>-c name=value</c> server settings (the bench loads pg_stat_statements through it).</param>
public sealed record LocalPostgresOptions(string RootDirectory, bool Throwaway, string? BinDirectory = null, string? ServerSettings = null);

/// <summary>
/// A private PostgreSQL cluster started from the installed server binaries: the app's local database when
/// no connection string is configured, and every test run's throwaway cluster. PostgreSQL refuses to run
/// as root, so when the process is root the server commands run as the <c>postgres</c> user.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const string ServerUser = "postgres";
    private readonly string _binDirectory;
    private readonly ILogger _logger;
    private bool _stopped;

    private LocalPostgres(LocalPostgresOptions options, string binDirectory, int port, ILogger logger)
    {
        Options = options;
        _binDirectory = binDirectory;
        Port = port;
        _logger = logger;
    }

    public LocalPostgresOptions Options { get; }

    public int Port { get; }

    public string DataDirectory => Path.Combine(Options.RootDirectory, "data");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={ServerUser};Database={database};Include Error Detail=true";

    /// <summary>The directory holding initdb and pg_ctl, or null when no PostgreSQL server is installed.</summary>
    public static string? FindBinDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("POSTGRES_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "pg_ctl")))
        {
            return fromEnvironment;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var candidate = Directory.GetDirectories(debianRoot)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
            if (candidate is not null)
            {
                return candidate;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")));
    }

    public static async Task<LocalPostgres> StartAsync(LocalPostgresOptions options, ILogger logger, CancellationToken ct = default)
    {
        var bin = (options.BinDirectory is { } configured ? (File.Exists(Path.Combine(configured, "pg_ctl")) ? configured : null) : FindBinDirectory())
            ?? throw new LocalPostgresUnavailableException(
            $"No PostgreSQL server binaries were found (looked in {options.BinDirectory ?? "$POSTGRES_BIN, /usr/lib/postgresql/*/bin and PATH"}). " +
            "Install them (Debian/Ubuntu: apt-get install postgresql) or set ConnectionStrings__CommonsCall to an existing server, " +
            "e.g. \"Host=localhost;Username=postgres;Password=...;Database=commonscall\".");

        Directory.CreateDirectory(options.RootDirectory);
        await GiveToServerUserAsync(options.RootDirectory, ct);

        for (var attempt = 1; ; attempt++)
        {
            var cluster = new LocalPostgres(options, bin, FreePort(), logger);
            try
            {
                await cluster.InitialiseAndStartAsync(ct);
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process may have taken the port between our probe and the server's bind.
                logger.LogWarning("PostgreSQL did not start on port {Port}; retrying on another port", cluster.Port);
            }
        }
    }

    /// <summary>Stops clusters under <paramref name="parent"/> whose owning test process has died, and deletes them.</summary>
    public static async Task StopStaleClustersAsync(string parent, ILogger logger)
    {
        if (!Directory.Exists(parent) || FindBinDirectory() is not { } bin)
        {
            return;
        }

        foreach (var dir in Directory.GetDirectories(parent))
        {
            var ownerFile = Path.Combine(dir, "owner.pid");
            if (File.Exists(ownerFile) && int.TryParse(await File.ReadAllTextAsync(ownerFile), out var owner) && IsAlive(owner))
            {
                continue;
            }

            // A directory without its owner file may be one that another test run is creating right now.
            if (!File.Exists(ownerFile) && Directory.GetCreationTimeUtc(dir) > DateTime.UtcNow.AddMinutes(-10))
            {
                continue;
            }

            var stale = new LocalPostgres(new LocalPostgresOptions(dir, true), bin, 0, logger);
            await stale.StopAsync();
            TryDelete(dir);
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], CancellationToken.None, throwOnError: false);
        }

        if (Options.Throwaway)
        {
            TryDelete(Options.RootDirectory);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task InitialiseAndStartAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            _logger.LogInformation("Creating a PostgreSQL cluster in {Directory}", DataDirectory);
            await RunAsync("initdb", ["-D", DataDirectory, "-U", ServerUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], ct);
        }
        else if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            // Left by a process that was killed: stop whatever still runs there so we can start cleanly.
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], ct, throwOnError: false);
        }

        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -k {Options.RootDirectory} -c max_connections=300";
        if (Options.Throwaway)
        {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        if (Options.ServerSettings is { } more)
        {
            settings += " " + more;
        }

        var log = Path.Combine(Options.RootDirectory, "postgres.log");
        await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", log, "-w", "-t", "30", "-o", settings, "start"], ct);
        _logger.LogInformation("PostgreSQL started on 127.0.0.1:{Port} ({Directory})", Port, DataDirectory);
    }

    private async Task RunAsync(string tool, string[] args, CancellationToken ct, bool throwOnError = true)
    {
        var executable = Path.Combine(_binDirectory, tool);
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (IsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", ServerUser, "--", executable, .. args])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = executable;
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 && throwOnError)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }

    private static bool IsRoot => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && Environment.UserName == "root";

    /// <summary>The server user must own the cluster directory and reach it through every parent.</summary>
    private static async Task GiveToServerUserAsync(string directory, CancellationToken ct)
    {
        if (!IsRoot)
        {
            return;
        }

        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", $"{ServerUser}:{ServerUser}", directory]) { UseShellExecute = false })!;
        await chown.WaitForExitAsync(ct);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not give {directory} to the {ServerUser} user.");
        }
    }

    /// <summary>Whether every parent of <paramref name="directory"/> lets other users through (needed when root hands a cluster to postgres).</summary>
    public static bool ParentsAreTraversable(string directory)
    {
        if (!IsRoot)
        {
            return true;
        }

        for (var dir = new DirectoryInfo(directory).Parent; dir is not null; dir = dir.Parent)
        {
            if (dir.Exists && (dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

public sealed class LocalPostgresUnavailableException(string message) : Exception(message);
