using Microsoft.Extensions.Options;
using Npgsql;

namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// Sends what is due on the app's clock (<see cref="TimeProvider"/>): contribution receipts, reminders, daily digests.
/// It looks every <see cref="NotificationOptions.PollInterval"/> of real time; tests move the clock and call
/// <see cref="RunDueAsync"/>. Every instance runs one: each thing is sent once whatever runs it (see each service).
/// </summary>
public sealed partial class NotificationScheduler(
    ContributionReceipts receipts,
    Reminders reminders,
    Digests digests,
    IOptions<NotificationOptions> options,
    ILogger<NotificationScheduler> logger) : BackgroundService
{
    /// <summary>One pass: the receipts first (they may feed a digest), then reminders, then digests.</summary>
    public async Task RunDueAsync(CancellationToken ct = default)
    {
        await receipts.SendDueAsync(ct);
        await reminders.SendDueAsync(ct);
        await digests.SendDueAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunScheduler)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // The database is away or a pass conflicted: nothing was half-sent, the next pass tries again.
                LogPassFailed(logger, ex.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification scheduler pass failed, retrying at the next: {Error}")]
    private static partial void LogPassFailed(ILogger logger, string error);
}
