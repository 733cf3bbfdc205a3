using System.Diagnostics.Metrics;
using System.Net.Sockets;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;

namespace CommonsCall.Web.Features.Mail;

/// <summary>
/// Delivers the outbox. Each of <see cref="MailOptions.Senders"/> loops takes one due message at a time in its
/// own transaction (<see cref="OutboxClaims"/>: locked, skipped by every other sender of every instance), hands
/// it to SMTP, and commits it sent, rescheduled with backoff, or failed with the reason. With no SMTP host
/// configured it does nothing: mail stays queued and readable on /admin/mailbox.
/// </summary>
public sealed partial class MailSender(
    IDbContextFactory<AppDbContext> factory,
    IOptions<MailOptions> options,
    TimeProvider clock,
    AppMetrics metrics,
    ILogger<MailSender> logger) : BackgroundService
{
    private readonly MailOptions _options = options.Value;

    // Parsed once: a malformed Mail:From stops the app at start instead of failing every message.
    private readonly MailboxAddress _from = MailboxAddress.Parse(options.Value.From);

    /// <summary>
    /// Waits for the messages being handed to SMTP, however impatient the host: abandoning one after the server
    /// accepted it but before the commit would send it again on the next start.
    /// </summary>
    public override Task StopAsync(CancellationToken cancellationToken) => base.StopAsync(CancellationToken.None);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.Gauge("commonscall.mail.outbox.queued", "{message}", "Mails waiting in the outbox (queued, due or retrying).", CountQueued);
        if (!_options.DeliversMail)
        {
            LogKept(logger);
            return;
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, _options.Senders)).Select(_ => Task.Run(() => RunSenderAsync(stoppingToken), CancellationToken.None)));
    }

    private async Task RunSenderAsync(CancellationToken stoppingToken)
    {
        using var smtp = new SmtpClient { Timeout = (int)_options.Smtp.Timeout.TotalMilliseconds };
        while (!stoppingToken.IsCancellationRequested)
        {
            bool more;
            try
            {
                more = await SendNextAsync(smtp, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or TimeoutException or InvalidOperationException)
            {
                // The database is away: the message stays queued (its transaction is rolled back) until it returns.
                LogDatabaseUnavailable(logger, ex.Message);
                more = false;
            }

            if (!more)
            {
                try
                {
                    await Task.Delay(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (smtp.IsConnected)
        {
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await smtp.DisconnectAsync(true, quit.Token);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                LogSmtpQuitFailed(logger, ex.Message);
            }
        }
    }

    /// <summary>The outbox depth, read when the metrics are collected; none while the database is away.</summary>
    // The outbox depth as last counted, and when: every scraper and exporter of this instance reads it at most once
    // per QueuedCountAge (a count by the (State, NextAttemptAt) index, run on the collecting thread).
    private static readonly TimeSpan QueuedCountAge = TimeSpan.FromSeconds(5);
    private (long Count, long At)? _queued;

    private IEnumerable<Measurement<long>> CountQueued()
    {
        try
        {
            if (_queued is not { } last || Environment.TickCount64 - last.At > QueuedCountAge.TotalMilliseconds)
            {
                using var db = factory.CreateDbContext();
                last = (db.OutboxMessages.LongCount(m => m.State == OutboxState.Queued), Environment.TickCount64);
                _queued = last;
            }

            return [new Measurement<long>(last.Count)];
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return [];
        }
    }

    /// <summary>Sends the next due message; false when there was none or SMTP is unreachable (wait before the next).</summary>
    private async Task<bool> SendNextAsync(SmtpClient smtp, CancellationToken stoppingToken)
    {
        await using var db = await factory.CreateDbContextAsync(stoppingToken);
        await using var transaction = await db.Database.BeginTransactionAsync(stoppingToken);
        var message = await OutboxClaims.NextDueAsync(db, clock.GetUtcNow(), stoppingToken);
        if (message is null)
        {
            return false;
        }

        message.Attempts++;
        message.LastAttemptAt = clock.GetUtcNow();
        var delivered = true;
        try
        {
            // Never cancelled by the host's stop: a message is handed to SMTP whole, then recorded.
            await DeliverAsync(smtp, message);
            message.MarkSent(clock.GetUtcNow());
            LogSent(logger, message.Id, message.Kind, message.Attempts);
        }
        catch (Exception ex) when (IsPermanent(ex))
        {
            message.Fail(Describe(ex));
            LogFailed(logger, message.Id, message.Kind, message.LastError);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            delivered = false;
            await ResetAsync(smtp);
            message.MarkAttemptFailed(clock.GetUtcNow(), Describe(ex), _options.Retry);
            if (message.State == OutboxState.Failed)
            {
                LogFailed(logger, message.Id, message.Kind, message.LastError);
            }
            else
            {
                LogRetry(logger, message.Id, message.Kind, message.Attempts, message.NextAttemptAt, message.LastError);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return delivered;
    }

    private async Task DeliverAsync(SmtpClient smtp, OutboxMessage message)
    {
        using var mime = ToMime(message, _from);
        if (smtp.IsConnected)
        {
            try
            {
                // A kept connection may have been closed by the server since the last message.
                await smtp.NoOpAsync();
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                await ResetAsync(smtp);
            }
        }

        if (!smtp.IsConnected)
        {
            await smtp.ConnectAsync(_options.Smtp.Host!, _options.Smtp.Port, _options.Smtp.Security);
            if (!string.IsNullOrEmpty(_options.Smtp.Username))
            {
                await smtp.AuthenticateAsync(_options.Smtp.Username, _options.Smtp.Password ?? string.Empty);
            }
        }

        await smtp.SendAsync(mime);
    }

    /// <summary>The MIME message of <paramref name="message"/>: text and HTML alternatives, its fixed Message-Id and, for notifications, RFC 8058 one-click unsubscribe.</summary>
    public static MimeMessage ToMime(OutboxMessage message, MailboxAddress from)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = message.MessageId, Date = message.CreatedAt };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Headers.Add(HeaderId.ContentLanguage, message.Language);
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mime.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        else
        {
            // RFC 3834: replies from vacation responders are not wanted for account mail.
            mime.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        }

        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private static async Task ResetAsync(SmtpClient smtp)
    {
        try
        {
            await smtp.DisconnectAsync(false);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            // Already broken: the next message connects afresh.
        }
    }

    /// <summary>The server refused this message or its recipient for good (5xx), or the address cannot be parsed.</summary>
    private static bool IsPermanent(Exception ex) =>
        ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } command && (int)command.StatusCode >= 500
        || ex is ParseException;

    private static bool IsTransient(Exception ex) =>
        ex is SmtpCommandException or SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
            or ServiceNotAuthenticatedException or AuthenticationException or SslHandshakeException or TimeoutException
            or OperationCanceledException or InvalidOperationException;

    private static string Describe(Exception ex) => ex is SmtpCommandException command
        ? $"SMTP {(int)command.StatusCode} ({command.ErrorCode}): {command.Message}"
        : $"{ex.GetType().Name}: {ex.Message}";

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server configured (Mail:Smtp:Host): mail is kept in the outbox, see /admin/mailbox")]
    private static partial void LogKept(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {Id} ({Kind}) sent, attempt {Attempts}")]
    private static partial void LogSent(ILogger logger, Guid id, string kind, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Id} ({Kind}) attempt {Attempts} failed, next at {NextAttemptAt:O}: {Error}")]
    private static partial void LogRetry(ILogger logger, Guid id, string kind, int attempts, DateTimeOffset nextAttemptAt, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {Id} ({Kind}) failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid id, string kind, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail sender paused, the database is unavailable: {Error}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMTP QUIT failed: {Error}")]
    private static partial void LogSmtpQuitFailed(ILogger logger, string error);
}
