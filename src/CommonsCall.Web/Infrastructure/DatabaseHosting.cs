using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommonsCall.Web.Infrastructure;

public static class DatabaseHosting
{
    public const string ConnectionStringName = "CommonsCall";

    public static IServiceCollection AddAppDatabase(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseConnection>();
        services.AddDbContextFactory<AppDbContext>((sp, o) => o
            .UseNpgsql(sp.GetRequiredService<DatabaseConnection>().ConnectionString)
            // Migrations are hand-written (no EF Design package here); the schema test that compares
            // MigrateAsync with EnsureCreatedAsync is what keeps them equal to the model.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));

        services.AddSingleton(sp => MoneyRows.From(sp.GetRequiredService<IDbContextFactory<AppDbContext>>()));
        services.AddSingleton(sp => SnapshotRows.From(sp.GetRequiredService<IDbContextFactory<AppDbContext>>()));

        // ASP.NET Core Identity's stores need a scoped context; they only run inside HTTP requests.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Uses <c>ConnectionStrings:CommonsCall</c> when set; otherwise starts the app's own PostgreSQL cluster
    /// (kept under the user's data folder, reused on the next run, stopped with the app). Then applies the
    /// migrations. Runs after the app is built so that test hosts' configuration is seen.
    /// </summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        var connection = app.Services.GetRequiredService<DatabaseConnection>();
        var configured = app.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            connection.ConnectionString = configured;
        }
        else
        {
            var directory = app.Configuration["LocalDatabase:Directory"] ?? DefaultLocalDirectory();
            var options = new LocalPostgresOptions(directory, Throwaway: false, app.Configuration["LocalDatabase:BinDirectory"]);
            var cluster = await LocalPostgres.StartAsync(options, app.Logger);
            app.Lifetime.ApplicationStopped.Register(() => cluster.StopAsync().GetAwaiter().GetResult());
            const string database = "commonscall";
            await CreateDatabaseIfMissingAsync(cluster.ConnectionString("postgres"), database);
            connection.ConnectionString = cluster.ConnectionString(database);
            connection.IsLocal = true;
        }

        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    private static string DefaultLocalDirectory()
    {
        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        var preferred = Path.Combine(userData, "CommonsCall", "postgres");

        // As root, the cluster runs as the postgres user, which cannot go through a private home (/root is 0700).
        return LocalPostgres.ParentsAreTraversable(preferred) ? preferred : "/var/lib/commonscall/postgres";
    }

    private static async Task CreateDatabaseIfMissingAsync(string adminConnectionString, string database)
    {
        await using var connection = new Npgsql.NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Readiness: the database answers.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}

/// <summary>The database the app talks to, known once <see cref="DatabaseHosting.InitialiseDatabaseAsync"/> ran.</summary>
public sealed class DatabaseConnection
{
    private string? _connectionString;
    private string? _moneyPath;

    /// <summary>
    /// The connection string, with Npgsql's automatic preparation of statements (a statement run a few times on a
    /// connection is parsed and planned once) unless the configured string says otherwise: the money path runs the
    /// same few statements thousands of times a second (bench/README.md).
    /// </summary>
    public string ConnectionString
    {
        get => _connectionString ?? throw new InvalidOperationException("The database is not initialised yet.");
        set
        {
            _connectionString = WithStatementPreparation(value);
            _moneyPath = new Npgsql.NpgsqlConnectionStringBuilder(_connectionString) { NoResetOnClose = true }.ConnectionString;
        }
    }

    /// <summary>
    /// The pool of the contribution path (contribution changes and their announcements): its connections are not reset
    /// when they go back to the pool. Each use of one is a single transaction that ends (commit or rollback) and leaves
    /// nothing behind it (SET LOCAL, transaction-level advisory locks, no LISTEN), while the reset cost PostgreSQL a
    /// seven-statement query per change and per announcement (bench/README.md, --sql-profile). Everything else uses
    /// <see cref="ConnectionString"/>.
    /// </summary>
    public string MoneyPathConnectionString => _moneyPath ?? throw new InvalidOperationException("The database is not initialised yet.");

    /// <summary>
    /// <paramref name="configured"/> with Npgsql's automatic preparation (64 statements per connection, prepared at
    /// their second run) unless it sets <c>Max Auto Prepare</c> itself. What the string says is read with a plain
    /// <see cref="System.Data.Common.DbConnectionStringBuilder"/>: Npgsql's own builder answers ContainsKey for every
    /// keyword it knows, set or not, which left preparation off until the bench's SQL profile showed every statement
    /// planned at every run (bench/README.md).
    /// </summary>
    public static string WithStatementPreparation(string configured)
    {
        var said = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!said.ContainsKey("Max Auto Prepare") && !said.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>Whether the app started its own local cluster (no connection string configured).</summary>
    public bool IsLocal { get; set; }
}
