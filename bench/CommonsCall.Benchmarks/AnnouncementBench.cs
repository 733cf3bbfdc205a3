using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Organisations;
using CommonsCall.Testing;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Conversation;
using CommonsCall.Web.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Benchmarks;

/// <summary>
/// One facilitator's announcement to a call of <see cref="BenchOptions.Organisations"/> organisations with
/// <see cref="BenchOptions.Representatives"/> representatives each (issue 13's bench): the time from publishing to
/// the last message accepted by smtp4dev, and the messages per second, through the real service, Notifier, outbox
/// and sender (default sender settings).
/// </summary>
public sealed class AnnouncementBench(BenchApp app, Smtp4dev smtp, BenchOptions options)
{
    public async Task<(string Table, bool Delivered)> RunAsync()
    {
        var (callId, facilitator, recipients) = await SeedAsync();
        var before = await smtp.CountAsync();
        Console.WriteLine($"Announcement: {options.Organisations} organisations x {options.Representatives} representatives = {recipients} recipients");

        var watch = Stopwatch.StartNew();
        var published = await app.Services.GetRequiredService<AnnouncementService>()
            .PublishAsync(facilitator, new PublishAnnouncement("Atelier du banc", "Rendez-vous **jeudi** : annonce du banc de mesure.") { CallId = callId });
        published.ThrowIfFailed();
        var committed = watch.Elapsed;
        var delivered = true;
        TimeSpan last;
        try
        {
            // smtp4dev counts what it accepted; polled every 100 ms, so the figure is at most that late.
            last = committed + await smtp.WaitForCountAsync(before + recipients, TimeSpan.FromMinutes(10));
        }
        catch (TimeoutException ex)
        {
            Console.Error.WriteLine(ex.Message);
            (delivered, last) = (false, watch.Elapsed);
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var states = await db.OutboxMessages.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var load = (await File.ReadAllTextAsync("/proc/loadavg")).Trim();
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"### Announcement to {options.Organisations} organisations x {options.Representatives} representatives")
            .AppendLine()
            .AppendLine("| recipients | publish (commit: rows + outbox) | publish to last message in smtp4dev | messages per second | outbox after |")
            .AppendLine("|---:|---:|---:|---:|---|")
            .AppendLine(CultureInfo.InvariantCulture,
                $"| {recipients} | {committed.TotalSeconds:0.00} s | {last.TotalSeconds:0.0} s | {recipients / last.TotalSeconds:0.0} | {string.Join(", ", states.Select(s => $"{s.Key} {s.Count}"))} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Load average at the end (/proc/loadavg): `{load}`; senders: {app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value.Senders}.");
        return (table.ToString(), delivered);
    }

    /// <summary>A public call with its facilitator and the organisations joined as members, their people added in bulk (no passwords: nobody signs in).</summary>
    private async Task<(Guid CallId, Actor Facilitator, int Recipients)> SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var token = Guid.NewGuid().ToString("N")[..8];
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var facilitator = Person($"animation-{token}", "Animation");
        db.Users.Add(facilitator);
        var call = new Call($"Appel annonce ({token})", $"annonce-{token}", "Appel semé par le banc de mesure.", "Banc", "EUR", CallVisibility.Public, now);
        call.AddFacilitator(facilitator.Id);
        db.Calls.Add(call);
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
                db.OrganisationMembers.Add(new OrganisationMember(org.Id, person.Id));
            }
        }

        await db.SaveChangesAsync();
        return (call.Id, new Actor(facilitator.Id, false, true), options.Organisations * options.Representatives);
    }

    private static AppUser Person(string name, string displayName)
    {
        var email = $"{name}@bench.example";
        return new AppUser { UserName = email, Email = email, NormalizedUserName = email.ToUpperInvariant(), NormalizedEmail = email.ToUpperInvariant(), DisplayName = displayName };
    }
}
