using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommonsCall.Testing;

/// <summary>
/// The real app (same Program, same services) on a fresh database of its own. <see cref="SeedDemo"/> seeds
/// the demo call; <see cref="Clock"/> replaces the system clock.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; protected set; } = string.Empty;

    public TestClock Clock { get; } = new();

    protected virtual bool SeedDemo => false;

    public virtual async Task InitializeAsync() => ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);

    /// <summary>Whether this factory created its database (and drops it when disposed).</summary>
    protected virtual bool OwnsDatabase => true;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (OwnsDatabase)
        {
            await TestPostgres.DropDatabaseAsync(ConnectionString);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:CommonsCall", ConnectionString);
        builder.UseSetting("Demo:Seed", SeedDemo ? "true" : "false");

        // Reminders, digests and receipts are sent when a test runs the scheduler after moving the clock, never behind its back.
        builder.UseSetting("Notifications:RunScheduler", "false");

        // Every test request comes from one address: sign-ins are throttled only where a test sets a limit itself.
        builder.UseSetting("RateLimiting:SignIn:PermitLimit", "1000000");
        builder.UseSetting("Conversation:CommentsPerWindow", "1000000");
        foreach (var policy in new[] { "Invitations", "PasswordResetPerAddress", "PasswordResetPerClient", "DeviceCodes", "DeviceApprovals" })
        {
            builder.UseSetting($"RateLimiting:{policy}:PermitLimit", "1000000");
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);

            // Tests create many accounts: a cheap hash keeps them fast (production keeps Identity's default).
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }
}

/// <summary>The app with the demo call seeded.</summary>
public class DemoAppFactory : AppFactory
{
    protected override bool SeedDemo => true;
}

/// <summary>Another instance of the app on the database of <paramref name="first"/>, as behind a load balancer.</summary>
public sealed class SecondInstance(AppFactory first) : AppFactory
{
    protected override bool OwnsDatabase => false;

    public override Task InitializeAsync()
    {
        ConnectionString = first.ConnectionString;
        return Task.CompletedTask;
    }
}
