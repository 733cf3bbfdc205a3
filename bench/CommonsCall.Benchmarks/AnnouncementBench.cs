using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Notifications;
using CommonsCall.Domain.Organisations;
using CommonsCall.Testing;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Conversation;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommonsCall.Benchmarks;

/// <summary>
/// Issue 13's bench: one facilitator's announcement to a call of <see cref="BenchOptions.Organisations"/>
/// organisations with <see cref="BenchOptions.Representatives"/> representatives each, then the daily digests.
/// First the people get announcements at once (the default): the time from publishing to the last message accepted
/// by smtp4dev. Then they all choose the daily digest for announcements, a second announcement is published (rows
/// only, no mail), the app's clock is moved to their digest hour and the scheduler's pass is run as the app's own
/// timer would: the time from that move to the last digest accepted. Real services, Notifier, outbox and sender
/// (default sender settings).
/// </summary>
public sealed class AnnouncementBench(BenchApp app, Smtp4dev smtp, BenchOptions options)
{
    /// <summary>The people's digest hour (local time of <see cref="NotificationOptions.TimeZone"/>).</summary>
    private const int DigestHour = 7;

    public async Task<(string Table, bool Delivered)> RunAsync()
    {
        var (callId, facilitator, people) = await SeedAsync();
        var recipients = people.Count;
        Console.WriteLine($"Announcement: {options.Organisations} organisations x {options.Representatives} representatives = {recipients} recipients");

        var before = await smtp.CountAsync();
        var watch = Stopwatch.StartNew();
        await PublishAsync(callId, facilitator, "Atelier du banc", "Rendez-vous **jeudi** : annonce du banc de mesure.");
        var committed = watch.Elapsed;
        var (delivered, last) = await WaitForMailsAsync(before + recipients, watch, committed);
        Console.WriteLine($"Announcement: {recipients} mails in {last.TotalSeconds:0.0} s");

        await ChooseDigestAsync(people);
        before = await smtp.CountAsync();
        watch.Restart();
        await PublishAsync(callId, facilitator, "Atelier du banc, suite", "Le compte rendu arrive **demain** dans le résumé du jour.");
        var digestCommitted = watch.Elapsed;
        var immediate = await smtp.CountAsync() - before;

        // The app's clock to one minute past the people's next digest hour; the passes are timed from there.
        var clock = app.Clock;
        var zone = app.Services.GetRequiredService<IOptions<NotificationOptions>>().Value.Zone();
        clock.Advance(DigestSchedule.NextAt(clock.GetUtcNow(), DigestHour, zone) + TimeSpan.FromMinutes(1) - clock.GetUtcNow());
        var scheduler = app.Services.GetRequiredService<NotificationScheduler>();
        watch.Restart();
        var passes = 0;
        do
        {
            await scheduler.RunDueAsync();
            passes++;
        }
        while (await DigestsQueuedAsync() < recipients && passes < 3);
        var passTime = watch.Elapsed;
        var (digestsDelivered, digestLast) = await WaitForMailsAsync(before + immediate + recipients, watch, passTime);
        Console.WriteLine($"Digests: {recipients} mails in {digestLast.TotalSeconds:0.0} s ({passes} pass(es), {passTime.TotalSeconds:0.0} s)");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var states = await db.OutboxMessages.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var load = (await File.ReadAllTextAsync("/proc/loadavg")).Trim();
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"### Announcement to {options.Organisations} organisations x {options.Representatives} representatives, then the daily digests")
            .AppendLine()
            .AppendLine("| mails | recipients | publish (commit: rows + outbox) | digest pass(es) after the clock's move | to the last message in smtp4dev | messages per second |")
            .AppendLine("|---|---:|---:|---:|---:|---:|")
            .AppendLine(CultureInfo.InvariantCulture,
                $"| announcement, at once | {recipients} | {committed.TotalSeconds:0.00} s | | {last.TotalSeconds:0.0} s from publishing | {recipients / last.TotalSeconds:0.0} |")
            .AppendLine(CultureInfo.InvariantCulture,
                $"| daily digest | {recipients} | {digestCommitted.TotalSeconds:0.00} s (rows only, {immediate} mails at once) | {passTime.TotalSeconds:0.0} s ({passes} pass(es)) | {digestLast.TotalSeconds:0.0} s from the clock's move | {recipients / digestLast.TotalSeconds:0.0} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Outbox after: {string.Join(", ", states.Select(s => $"{s.Key} {s.Count}"))}. Load average at the end (/proc/loadavg): `{load}`; senders: {app.Services.GetRequiredService<IOptions<MailOptions>>().Value.Senders}.");
        return (table.ToString(), delivered && digestsDelivered);
    }

    private async Task PublishAsync(Guid callId, Actor facilitator, string title, string body)
    {
        var published = await app.Services.GetRequiredService<AnnouncementService>()
            .PublishAsync(facilitator, new PublishAnnouncement(title, body) { CallId = callId });
        published.ThrowIfFailed();
    }

    /// <summary>The time when smtp4dev held <paramref name="count"/> messages (polled every 100 ms, so at most that late), or false at 10 minutes.</summary>
    private async Task<(bool Delivered, TimeSpan Last)> WaitForMailsAsync(int count, Stopwatch watch, TimeSpan waitStart)
    {
        try
        {
            return (true, waitStart + await smtp.WaitForCountAsync(count, TimeSpan.FromMinutes(10)));
        }
        catch (TimeoutException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return (false, watch.Elapsed);
        }
    }

    /// <summary>Every person chooses the daily digest for announcements, at <see cref="DigestHour"/>, in bulk (what the preferences page saves per person).</summary>
    private async Task ChooseDigestAsync(IReadOnlyList<string> people)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        foreach (var id in people)
        {
            db.NotificationPreferences.Add(new NotificationPreference { UserId = id, Type = NotificationType.Announcement, Delivery = NotificationDelivery.DailyDigest });
            db.NotificationSettings.Add(new NotificationSettings { UserId = id, Language = "fr", DigestHour = DigestHour });
        }

        await db.SaveChangesAsync();
    }

    private async Task<int> DigestsQueuedAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.CountAsync(m => m.Kind == Digests.MailKind);
    }

    /// <summary>A public call with its facilitator and the organisations joined as members, their people added in bulk (no passwords: nobody signs in).</summary>
    private async Task<(Guid CallId, Actor Facilitator, IReadOnlyList<string> People)> SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var token = Guid.NewGuid().ToString("N")[..8];
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var facilitator = Person($"animation-{token}", "Animation");
        db.Users.Add(facilitator);
        var call = new Call($"Appel annonce ({token})", $"annonce-{token}", "Appel semé par le banc de mesure.", "Banc", "EUR", CallVisibility.Public, now);
        call.AddFacilitator(facilitator.Id);
        db.Calls.Add(call);
        var people = new List<string>(options.Organisations * options.Representatives);
        for (var i = 0; i < options.Organisations; i++)
        {
            var org = new Organisation($"Organisation {i:D4} {token}", OrganisationKind.Sme, SizeBand.Small, DevelopmentStage.Development, now);
            db.Organisations.Add(org);
            var participant = new Participant(call.Id, org.Id, ParticipantRole.Member, now);
            participant.Join(now);
            db.Participants.Add(participant);
            for (var r = 0; r < options.Representatives; r++)
            {
                var person = Person($"personne-{i}-{r}-{token}", $"Personne {i}.{r}");
                db.Users.Add(person);
                people.Add(person.Id);
                db.OrganisationMembers.Add(new OrganisationMember(org.Id, person.Id));
            }
        }

        await db.SaveChangesAsync();
        return (call.Id, new Actor(facilitator.Id, false, true), people);
    }

    private static AppUser Person(string name, string displayName)
    {
        var email = $"{name}@bench.example";
        return new AppUser { UserName = email, Email = email, NormalizedUserName = email.ToUpperInvariant(), NormalizedEmail = email.ToUpperInvariant(), DisplayName = displayName };
    }
}
