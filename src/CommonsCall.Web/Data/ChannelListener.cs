using CommonsCall.Web.Infrastructure;
using Npgsql;

namespace CommonsCall.Web.Data;

/// <summary>
/// Listens on one PostgreSQL NOTIFY channel with a dedicated connection and hands each payload to
/// <see cref="Dispatch"/>; reconnects by itself, with a growing delay, when the database goes away and comes back.
/// The live pages (contribution changes) and the bells (notifications) each derive one.
/// </summary>
public abstract class ChannelListener(DatabaseConnection database, string channel, ILogger logger) : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests and health wait for it).</summary>
    public Task Listening => _listening.Task;

    protected ILogger Logger { get; } = logger;

    /// <summary>What stops working while the connection is lost, for the log ("Live updates", "Notification bells").</summary>
    protected abstract string Listeners { get; }

    /// <summary>Raises the instance's events for one payload; must not throw for one bad payload or subscriber.</summary>
    protected abstract void Dispatch(string payload);

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
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
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
                Logger.LogWarning(ex, "{Listeners} lost their database connection; retrying in {Delay}", Listeners, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }
}
