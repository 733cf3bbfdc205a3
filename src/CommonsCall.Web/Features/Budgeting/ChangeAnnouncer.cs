using System.Threading.Channels;
using CommonsCall.Web.Infrastructure;
using Npgsql;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>
/// Announces committed contribution changes to every app instance (<see cref="ContributionEvents"/>), many per
/// transaction and per notification: the changes committed while one announcement is on its way go in the next. A
/// NOTIFY sent with each change cost it a second transaction with its own commit, a turn on PostgreSQL's global
/// notification lock and a wake-up of every listening connection (bench/README.md); batched, that is paid once per
/// burst. An announcement lost to a crash or a failed connection is not retried: the pages that keep figures
/// (<c>CallSnapshots</c>) check them against the database and rebuild what they missed.
/// </summary>
public sealed class ChangeAnnouncer(DatabaseConnection database, ILogger<ChangeAnnouncer> logger) : BackgroundService
{
    /// <summary>At most this many changes per transaction.</summary>
    private const int PerTransaction = 400;

    /// <summary>
    /// How long the first change of an announcement waits for others: without it, at a few thousand changes a second each
    /// burst held two or three changes, so a third of the changes paid a transaction of their own (bench/README.md).
    /// Nothing against the second within which every open page shows a change.
    /// </summary>
    private static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(5);

    private readonly Channel<ContributionChanged> _waiting = Channel.CreateUnbounded<ContributionChanged>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues <paramref name="change"/>, already committed, for the next announcement.</summary>
    public void Announce(ContributionChanged change) => _waiting.Writer.TryWrite(change);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = new List<ContributionChanged>();
        while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
        {
            await Task.Delay(Gathering, stoppingToken);
            changes.Clear();
            while (changes.Count < PerTransaction && _waiting.Reader.TryRead(out var change))
            {
                changes.Add(change);
            }

            try
            {
                await using var connection = new NpgsqlConnection(database.MoneyPathConnectionString);
                await connection.OpenAsync(stoppingToken);
                await using var batch = new NpgsqlBatch(connection);
                batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
                foreach (var notify in ContributionEvents.NotifyCommands(changes))
                {
                    batch.BatchCommands.Add(notify);
                }

                batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
                await batch.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
            {
                logger.LogWarning(ex, "{Count} contribution changes could not be announced; open pages will find them by their version check", changes.Count);
            }
        }
    }
}
