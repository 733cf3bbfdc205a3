using CommonsCall.Domain.Budgeting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data;

/// <summary>
/// The hand-written SQL of the per-call snapshots the live pages read (<c>Features/Dashboard/CallSnapshots</c>): the
/// database snapshot a build reads in, the net contributed per minute, and the version check that tells whether a
/// snapshot still holds everything the database holds. Names come from the EF model, as in <see cref="MoneyRows"/>.
/// </summary>
public sealed class SnapshotRows
{
    private readonly string _start;
    private readonly string _version;
    private readonly string _minutes;

    public SnapshotRows(IModel model)
    {
        var ledger = new ModelTable<LedgerEntry>(model);
        var commons = new ModelTable<CommonsEntity>(model);

        // What a commons shows that no ledger entry records (its title, status, goals, settled figures): edited without
        // a change event, so the version check compares this print.
        var commonsPrint = $"""
            SELECT COALESCE(bit_xor(hashtextextended(concat_ws('|', {commons[nameof(CommonsEntity.Id)]}, {commons[nameof(CommonsEntity.Title)]}, {commons[nameof(CommonsEntity.Status)]},
                {commons[nameof(CommonsEntity.MinimumGoal)]}, {commons[nameof(CommonsEntity.MaximumGoal)]}, {commons[nameof(CommonsEntity.Released)]}, {commons[nameof(CommonsEntity.Match)]}), 0)), 0)
            FROM {commons} WHERE {commons[nameof(CommonsEntity.CallId)]} = $1
            """;
        _start = $"""
            SELECT pg_current_snapshot()::text,
                   (SELECT COALESCE(max({ledger[nameof(LedgerEntry.Id)]}), 0) FROM {ledger} WHERE {ledger[nameof(LedgerEntry.CallId)]} = $1),
                   ({commonsPrint})
            """;
        _version = $"""
            SELECT (SELECT count(*) FROM {ledger} WHERE {ledger[nameof(LedgerEntry.CallId)]} = $1 AND {ledger[nameof(LedgerEntry.Id)]} > $2),
                   ({commonsPrint})
            """;
        _minutes = $"""
            SELECT date_trunc('minute', {ledger[nameof(LedgerEntry.At)]}), sum({ledger[nameof(LedgerEntry.Amount)]})::bigint
            FROM {ledger}
            WHERE {ledger[nameof(LedgerEntry.CallId)]} = $1 AND {ledger[nameof(LedgerEntry.Kind)]} = {(int)LedgerEntryKind.Contribution}
            GROUP BY 1
            """;
    }

    /// <summary>Built from the model of the app's <see cref="AppDbContext"/>.</summary>
    public static SnapshotRows From(IDbContextFactory<AppDbContext> factory)
    {
        using var db = factory.CreateDbContext();
        return new SnapshotRows(db.Model);
    }

    /// <summary>
    /// The first statement of a snapshot build, in a REPEATABLE READ transaction (so every later read of the build sees
    /// the same committed data): PostgreSQL's snapshot of that data, the call's last ledger id in it, and its commons print.
    /// </summary>
    public async Task<SnapshotStart> StartAsync(NpgsqlConnection connection, Guid callId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(_start, connection) { Parameters = { new() { Value = callId } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new SnapshotStart(DatabaseSnapshot.Parse(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>One round trip: how many ledger entries of the call come after <paramref name="afterLedgerId"/>, and its commons print.</summary>
    public async Task<SnapshotVersion> VersionAsync(NpgsqlConnection connection, Guid callId, long afterLedgerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(_version, connection) { Parameters = { new() { Value = callId }, new() { Value = afterLedgerId } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new SnapshotVersion(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The net contributed per minute (UTC) over the call's whole ledger.</summary>
    public async Task<Dictionary<DateTimeOffset, long>> MinutesAsync(NpgsqlConnection connection, Guid callId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(_minutes, connection) { Parameters = { new() { Value = callId } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var minutes = new Dictionary<DateTimeOffset, long>();
        while (await reader.ReadAsync(ct))
        {
            minutes[reader.GetFieldValue<DateTimeOffset>(0)] = reader.GetInt64(1);
        }

        return minutes;
    }
}

/// <summary>Where a snapshot build starts: what it can see, the call's last ledger id and its commons print.</summary>
public sealed record SnapshotStart(DatabaseSnapshot Visible, long LastLedgerId, long CommonsPrint);

/// <summary>What the version check reads: ledger entries after a snapshot's last one, and the commons print.</summary>
public readonly record struct SnapshotVersion(long LedgerEntriesAfter, long CommonsPrint);

/// <summary>
/// A PostgreSQL snapshot (<c>pg_current_snapshot()</c>, "xmin:xmax:xip,..."): which transactions' writes a read in it
/// sees. A transaction is seen when it ended before the snapshot was taken: below xmin, or below xmax and not in progress.
/// </summary>
public sealed record DatabaseSnapshot(long Xmin, long Xmax, IReadOnlySet<long> InProgress)
{
    public static DatabaseSnapshot Parse(string text)
    {
        var parts = text.Split(':');
        var inProgress = parts[2].Length == 0 ? new HashSet<long>() : parts[2].Split(',').Select(x => long.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        return new DatabaseSnapshot(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), inProgress);
    }

    /// <summary>Whether what transaction <paramref name="transactionId"/> committed is visible in this snapshot.</summary>
    public bool Sees(long transactionId) => transactionId < Xmin || (transactionId < Xmax && !InProgress.Contains(transactionId));
}
