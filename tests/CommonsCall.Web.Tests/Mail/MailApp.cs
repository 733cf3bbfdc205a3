using System.Diagnostics;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommonsCall.Web.Tests.Mail;

/// <summary>
/// The app sending through SMTP on <paramref name="smtpPort"/> (null: no SMTP configured, mail is kept), on a
/// database of its own or on <paramref name="sharedWith"/>'s. <paramref name="abrupt"/> stops it without any grace
/// period, as <c>Faults/AppRestartTests</c> does.
/// </summary>
public sealed class MailApp(int? smtpPort, AppFactory? sharedWith = null, bool abrupt = false, IReadOnlyDictionary<string, string>? settings = null) : AppFactory
{
    public const string PublicBaseUrl = "https://commonscall.test";

    protected override bool OwnsDatabase => sharedWith is null;

    public override async Task InitializeAsync()
    {
        if (sharedWith is null)
        {
            await base.InitializeAsync();
        }
        else
        {
            ConnectionString = sharedWith.ConnectionString;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(PublicLinks.BaseUrlKey, PublicBaseUrl);
        builder.UseSetting("Mail:PollInterval", "00:00:00.2");
        if (smtpPort is { } port)
        {
            builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Mail:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:Smtp:Security", "None");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (abrupt)
        {
            builder.ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.Zero));
        }
    }

    public async Task<AppDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>Queues <paramref name="count"/> plain notification-like mails in one transaction, to recipients at <paramref name="domain"/>.</summary>
    public async Task EnqueueAsync(string domain, int count, Unsubscribe? unsubscribe = null)
    {
        var composer = Services.GetRequiredService<MailComposer>();
        await using var db = await DbAsync();
        for (var i = 0; i < count; i++)
        {
            var text = new MailText($"Message {i} for {domain}", "Bonjour,", [$"Message number {i}."], null, null);
            Outbox.Enqueue(db, composer.Compose("test.burst", $"person-{i}@{domain}", "fr", text, unsubscribe), Clock.GetUtcNow());
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Waits until no message to <paramref name="domain"/> is queued any more.</summary>
    public async Task<TimeSpan> WaitUntilSettledAsync(string domain, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var db = await DbAsync();
            if (!await db.OutboxMessages.AnyAsync(m => m.To.EndsWith("@" + domain) && m.State == OutboxState.Queued))
            {
                return watch.Elapsed;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Messages to {domain} still queued after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }
    }
}
