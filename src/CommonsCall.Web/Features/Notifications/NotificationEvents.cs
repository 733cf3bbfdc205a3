using CommonsCall.Web.Infrastructure;
using Npgsql;

namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// Tells the open pages of THIS instance whose notifications changed (added, read), for the bells. A trigger on the
/// notifications table (migration 20261207100000_Notifications) sends a NOTIFY with the person's id whatever wrote
/// the rows, delivered by PostgreSQL only when that transaction commits, to every instance: each one's
/// <see cref="NotificationListener"/> raises <see cref="Changed"/> locally, so a second instance's bells follow too.
/// Subscribers must marshal to their own renderer.
/// </summary>
public sealed class NotificationEvents
{
    public const string Channel = Data.Migrations.Notifications.Channel;

    public event Action<string>? Changed;

    internal void Raise(string userId) => Changed?.Invoke(userId);
}

/// <summary>Listens on <see cref="NotificationEvents.Channel"/> with a dedicated connection; reconnects when the database comes back.</summary>
public sealed class NotificationListener(DatabaseConnection database, NotificationEvents events, ILogger<NotificationListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests wait for it).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { KeepAlive = 30, Pooling = false }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {NotificationEvents.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _listening.TrySetResult();
                delay = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
            {
                logger.LogWarning(ex, "Notification bells lost their database connection; retrying in {Delay}", delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private void Dispatch(string userId)
    {
        try
        {
            events.Raise(userId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One failing bell must not stop the others' updates.
            logger.LogError(ex, "A notification bell failed to update");
        }
    }
}
