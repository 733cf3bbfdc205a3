using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CommonsCall.Web.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CommonsCall.Web.Tests.Mail;

/// <summary>
/// The outbox against a real SMTP server that goes away, two app instances, and an app torn down mid-send:
/// every message arrives, none twice (counted by Message-Id and by subject and recipient).
/// </summary>
public sealed class OutboxFaultTests(Smtp4dev smtp, ITestOutputHelper output) : IClassFixture<Smtp4dev>
{
    private const int Burst = 200;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task A_burst_sent_through_an_SMTP_outage_arrives_complete_and_once()
    {
        var domain = Domain("outage");
        var app = new MailApp(smtp.SmtpPort);
        await app.InitializeAsync();
        try
        {
            var baseline = await smtp.CountAsync();
            var watch = Stopwatch.StartNew();
            await app.EnqueueAsync(domain, Burst);
            await smtp.WaitForCountAsync(baseline + 20, Generous);
            smtp.Stop();
            var beforeOutage = watch.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(3));
            await using (var db = await app.DbAsync())
            {
                var retrying = await db.OutboxMessages.CountAsync(m => m.To.EndsWith("@" + domain) && m.State == OutboxState.Queued && m.Attempts > 0);
                output.WriteLine($"outage after {beforeOutage.TotalSeconds:0.0} s; {retrying} messages waiting for a retry after a failed attempt");
                retrying.ShouldBeGreaterThan(0, "the outage should have been met");
            }

            await smtp.StartAsync();

            // The backoff is on the app's clock: move it past the longest delay instead of waiting.
            app.Clock.Advance(TimeSpan.FromHours(2));
            await app.WaitUntilSettledAsync(domain, Generous);
            output.WriteLine($"all {Burst} handed to SMTP {watch.Elapsed.TotalSeconds:0.0} s after queueing (3 s of outage included)");

            await using var check = await app.DbAsync();
            var outbox = await check.OutboxMessages.AsNoTracking().Where(m => m.To.EndsWith("@" + domain)).ToListAsync();
            outbox.ShouldAllBe(m => m.State == OutboxState.Sent);
            outbox.Count.ShouldBe(Burst);

            // smtp4dev answers 250 before it stores a message: one it accepted in the instant it was stopped can be
            // missing on its side, which no real mail server may do (RFC 5321, 6.1). Only such a message, accepted
            // before the outage (on the clock before it moved) by one of the two senders, may be absent; the rest
            // must all be there, and none twice.
            try
            {
                await smtp.WaitForCountAsync(baseline + Burst, TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException ex)
            {
                output.WriteLine(ex.Message);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            var received = await smtp.MessagesAsync();
            var arrived = received.Select(m => m.MessageId).ToHashSet();
            var missing = outbox.Where(m => !arrived.Contains(m.MessageId)).ToList();
            foreach (var lost in missing)
            {
                output.WriteLine($"accepted by smtp4dev as it stopped but not stored by it: {lost.Subject} (attempt {lost.Attempts}, sent at clock {lost.SentAt:O})");
            }

            missing.Count.ShouldBeLessThanOrEqualTo(2);
            missing.ShouldAllBe(m => m.Attempts == 1 && m.SentAt < app.Clock.GetUtcNow());
            received.ShouldBeEachExactlyOnce(domain, Burst - missing.Count);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_instances_sending_from_one_outbox_send_each_message_exactly_once()
    {
        var domain = Domain("two");
        var first = new MailApp(smtp.SmtpPort);
        await first.InitializeAsync();
        var second = new MailApp(smtp.SmtpPort, sharedWith: first);
        await second.InitializeAsync();
        try
        {
            // Both hosts running (and polling) before the burst is queued.
            _ = first.Services;
            _ = second.Services;
            var baseline = await smtp.CountAsync();
            var watch = Stopwatch.StartNew();
            await first.EnqueueAsync(domain, Burst);
            await first.WaitUntilSettledAsync(domain, Generous);
            output.WriteLine($"{Burst} messages sent by two instances in {watch.Elapsed.TotalSeconds:0.0} s");
            await ShouldArriveEachExactlyOnceAsync(domain, baseline);
        }
        finally
        {
            await second.DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    [Fact]
    public async Task An_app_torn_down_mid_send_and_restarted_sends_each_message_exactly_once()
    {
        // Three bursts: on a quiet machine one burst could all be sent while the app is being torn down.
        const int Messages = 3 * Burst;
        var domain = Domain("restart");
        var owner = new MailApp(smtpPort: null);
        await owner.InitializeAsync();
        try
        {
            await owner.EnqueueAsync(domain, Messages);
            var baseline = await smtp.CountAsync();
            var doomed = new MailApp(smtp.SmtpPort, sharedWith: owner, abrupt: true);
            await doomed.InitializeAsync();
            _ = doomed.Services;
            await smtp.WaitForCountAsync(baseline + 30, Generous);
            await doomed.DisposeAsync();
            var atTeardown = await smtp.CountAsync() - baseline;

            var restarted = new MailApp(smtp.SmtpPort, sharedWith: owner);
            await restarted.InitializeAsync();
            _ = restarted.Services;
            var settled = await owner.WaitUntilSettledAsync(domain, Generous);
            output.WriteLine($"{atTeardown} of {Messages} had arrived when the app was torn down; the rest {settled.TotalSeconds:0.0} s after the restart");
            atTeardown.ShouldBeLessThan(Messages, "the teardown should happen mid-burst");
            await ShouldArriveEachExactlyOnceAsync(domain, baseline, Messages);
            await restarted.DisposeAsync();
        }
        finally
        {
            await ((IAsyncLifetime)owner).DisposeAsync();
        }
    }

    [Fact]
    public async Task A_message_that_never_gets_through_ends_failed_with_the_reason()
    {
        var domain = Domain("failing");
        var app = new MailApp(ClosedPort(), settings: new Dictionary<string, string> { ["Mail:MaxAttempts"] = "3" });
        await app.InitializeAsync();
        try
        {
            await app.EnqueueAsync(domain, 1);
            var watch = Stopwatch.StartNew();
            OutboxMessage? message = null;
            while (watch.Elapsed < Generous)
            {
                await using var db = await app.DbAsync();
                message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To.EndsWith("@" + domain));
                if (message.State != OutboxState.Queued)
                {
                    break;
                }

                app.Clock.Advance(TimeSpan.FromHours(2));
                await Task.Delay(200);
            }

            message!.State.ShouldBe(OutboxState.Failed);
            message.Attempts.ShouldBe(3);
            message.LastError.ShouldNotBeNull();
            message.LastError.ShouldStartWith("Gave up after 3 attempts:");
            message.LastError.ShouldContain("Socket");
            message.SentAt.ShouldBeNull();
            output.WriteLine($"failed after {watch.Elapsed.TotalSeconds:0.0} s: {message.LastError}");
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    /// <summary>
    /// smtp4dev stores a message shortly after accepting it: wait until all arrived, give a late duplicate time to
    /// show up too, then count.
    /// </summary>
    private async Task ShouldArriveEachExactlyOnceAsync(string domain, int baseline, int count = Burst)
    {
        var waited = await smtp.WaitForCountAsync(baseline + count, Generous);
        await Task.Delay(TimeSpan.FromSeconds(2));
        output.WriteLine($"smtp4dev had stored them all {waited.TotalSeconds:0.0} s after the outbox said sent");
        (await smtp.MessagesAsync()).ShouldBeEachExactlyOnce(domain, count);
    }

    private static string Domain(string test) => $"{test}-{Guid.NewGuid():N}.example";

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
