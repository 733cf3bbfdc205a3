using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data;

/// <summary>
/// The raw SQL of the money path, the only SQL the app writes by hand. It exists for two reasons: the budget rules
/// hold under any number of concurrent requests only through row locks, which EF does not take; and a contribution
/// change, the hottest write of the app, must take two round trips, as the bare transaction it is measured against
/// does (bench/README.md). Table and column names come from the EF model: the statements are built once, from it,
/// by this singleton.
/// </summary>
/// <remarks>
/// Every money operation takes its locks in the same order, so they never deadlock:
/// 1. the call: FOR SHARE of its row by own-funds changes and other readers, and its advisory lock in shared
///    mode by contribution changes (many at once); FOR UPDATE of its row and its advisory lock in exclusive mode
///    by pledges, grants, rule changes, phase moves and closing (which therefore wait for, and then exclude,
///    contributions). Contributions take the advisory lock rather than FOR SHARE because a row share-locked by
///    dozens of transactions at once makes PostgreSQL rewrite its lock list (a multixact) on the row for each
///    new one, and they queue on that row (bench/README.md);
/// 2. the member's budget row, FOR UPDATE: one member's requests run one at a time;
/// 3. the commons row, FOR UPDATE: a commons' total is read and written by one request at a time;
/// 4. under proportional matching only, the call's matching pool: an advisory lock of its own (in the two-int key
///    space, apart from the call's), taken last by contribution changes and by nothing else, so that the gifts reserve
///    the pool one at a time, first come first served, and never more than it holds (<see cref="LockPoolAsync"/>).
/// A contribution change takes the three in one batch (<see cref="LockContributionAsync"/>): the statements of a
/// batch run in order, each with a fresh snapshot in READ COMMITTED, so each reads what the locks before it protect.
/// </remarks>
public sealed class MoneyRows
{
    private readonly string _callForShare;
    private readonly string _callForUpdate;
    private readonly string _createBudget;
    private readonly string _budgetForUpdate;
    private readonly string _callVersionAndIds;
    private readonly string _representation;
    private readonly string _budgetFigures;
    private readonly string _commonsAndContribution;
    private readonly string _poolFigures;
    private readonly string _writeContribution;
    private readonly string _writeContributionAndMatch;

    public MoneyRows(IModel model)
    {
        var calls = new ModelTable<Call>(model);
        var budgets = new ModelTable<MemberBudget>(model);
        var participants = new ModelTable<Participant>(model);
        var members = new ModelTable<OrganisationMember>(model);
        var coCreators = new ModelTable<CommonsCoCreator>(model);
        var contributions = new ModelTable<Contribution>(model);
        var commons = new ModelTable<CommonsEntity>(model);
        var ledger = new ModelTable<LedgerEntry>(model);
        var receipts = new ModelTable<PendingReceipt>(model);
        var pledges = new ModelTable<Pledge>(model);

        var callById = $"SELECT *, {calls[nameof(Call.Version)]} FROM {calls} WHERE {calls[nameof(Call.Id)]} = {{0}}";
        _callForShare = callById + " FOR SHARE";
        _callForUpdate = callById + " FOR UPDATE";
        _createBudget = $"INSERT INTO {budgets} ({budgets[nameof(MemberBudget.CallId)]}, {budgets[nameof(MemberBudget.OrganisationId)]}, "
            + $"{budgets[nameof(MemberBudget.Granted)]}, {budgets[nameof(MemberBudget.OwnFunds)]}, {budgets[nameof(MemberBudget.Contributed)]}) "
            + "VALUES ({0}, {1}, 0, 0, 0) ON CONFLICT DO NOTHING";
        _budgetForUpdate = $"SELECT * FROM {budgets} WHERE {budgets[nameof(MemberBudget.CallId)]} = {{0}} AND {budgets[nameof(MemberBudget.OrganisationId)]} = {{1}} FOR UPDATE";
        var budgetKey = $"{budgets[nameof(MemberBudget.CallId)]} = $1 AND {budgets[nameof(MemberBudget.OrganisationId)]} = $2";

        // The call's version, read once its advisory lock is held (a statement of its own, so its snapshot comes after the
        // lock), with the transaction's id and the id its ledger entry will have (see LedgerWrite): no row, no call.
        var nextLedgerId = $"nextval(pg_get_serial_sequence('{ledger.ToString().Replace("'", "''", StringComparison.Ordinal)}', '{ledger.ColumnName(nameof(LedgerEntry.Id))}'))";
        _callVersionAndIds = $"SELECT {calls[nameof(Call.Version)]}, pg_current_xact_id()::text::bigint, {nextLedgerId} FROM {calls} WHERE {calls[nameof(Call.Id)]} = $1";
        _representation = $"""
            SELECT count(p.*) > 0, COALESCE(bool_or(p.{participants[nameof(Participant.State)]} = $4), false),
                   EXISTS (SELECT 1 FROM {coCreators} c WHERE c.{coCreators[nameof(CommonsCoCreator.CommonsId)]} = $5 AND c.{coCreators[nameof(CommonsCoCreator.OrganisationId)]} = $2)
            FROM {participants} p
            WHERE p.{participants[nameof(Participant.CallId)]} = $1 AND p.{participants[nameof(Participant.OrganisationId)]} = $2 AND p.{participants[nameof(Participant.Role)]} = $6
              AND EXISTS (SELECT 1 FROM {members} m WHERE m.{members[nameof(OrganisationMember.OrganisationId)]} = p.{participants[nameof(Participant.OrganisationId)]} AND m.{members[nameof(OrganisationMember.UserId)]} = $3)
            """;
        _budgetFigures = $"SELECT {budgets[nameof(MemberBudget.Granted)]}, {budgets[nameof(MemberBudget.OwnFunds)]}, {budgets[nameof(MemberBudget.Contributed)]} FROM {budgets} WHERE {budgetKey} FOR UPDATE";
        var contribution = (Commons: contributions[nameof(Contribution.CommonsId)], Organisation: contributions[nameof(Contribution.OrganisationId)], Amount: contributions[nameof(Contribution.Amount)], Match: contributions[nameof(Contribution.Match)], UpdatedAt: contributions[nameof(Contribution.UpdatedAt)]);
        // The contribution is read in the commons' statement, after the budget's: only this member's requests change it,
        // and they wait for the budget lock, so the statement's snapshot (taken once that lock is held) sees its latest value.
        _commonsAndContribution = $"""
            SELECT co.{commons[nameof(CommonsEntity.Total)]}, co.{commons[nameof(CommonsEntity.MaximumGoal)]}, co.{commons[nameof(CommonsEntity.Status)]}, co.{commons[nameof(CommonsEntity.Match)]},
                   COALESCE(c.{contribution.Amount}, 0), COALESCE(c.{contribution.Match}, 0)
            FROM {commons} co LEFT JOIN {contributions} c ON c.{contribution.Commons} = co.{commons[nameof(CommonsEntity.Id)]} AND c.{contribution.Organisation} = $3
            WHERE co.{commons[nameof(CommonsEntity.Id)]} = $1 AND co.{commons[nameof(CommonsEntity.CallId)]} = $2
            FOR UPDATE OF co
            """;
        _poolFigures = $"""
            SELECT COALESCE((SELECT sum({commons[nameof(CommonsEntity.Match)]}) FROM {commons} WHERE {commons[nameof(CommonsEntity.CallId)]} = $1), 0)::bigint,
                   COALESCE((SELECT sum({pledges[nameof(Pledge.Amount)]}) FROM {pledges} WHERE {pledges[nameof(Pledge.CallId)]} = $1 AND {pledges[nameof(Pledge.IsMatching)]}), 0)::bigint
            """;

        // Every write of a change in one statement (the rows are all under this transaction's locks, so one snapshot
        // serves them): $1 commons, $2 member, $3 call, $4 amount after, $5 time, $6 match after, $7 delta, $8 match
        // delta, $9 amount before, $10 user, $11 ledger id, $12 contribution kind, $13 receipt due, $14 receipt's
        // longest delay; with a proportional reservation's entry, $15 match kind, $16 match before, $17 mode.
        var ledgerColumns = $"{ledger[nameof(LedgerEntry.CallId)]}, {ledger[nameof(LedgerEntry.Kind)]}, {ledger[nameof(LedgerEntry.Amount)]}, {ledger[nameof(LedgerEntry.Before)]}, {ledger[nameof(LedgerEntry.After)]}, {ledger[nameof(LedgerEntry.ActorUserId)]}, {ledger[nameof(LedgerEntry.OrganisationId)]}, {ledger[nameof(LedgerEntry.CommonsId)]}, {ledger[nameof(LedgerEntry.At)]}";
        _writeContribution = $"""
            WITH contribution AS (
                INSERT INTO {contributions} ({contribution.Commons}, {contribution.Organisation}, {contributions[nameof(Contribution.CallId)]}, {contribution.Amount}, {contribution.UpdatedAt}, {contribution.Match}) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT ({contribution.Commons}, {contribution.Organisation}) DO UPDATE SET {contribution.Amount} = EXCLUDED.{contribution.Amount}, {contribution.UpdatedAt} = EXCLUDED.{contribution.UpdatedAt}, {contribution.Match} = EXCLUDED.{contribution.Match}
            ), contributed AS (
                UPDATE {budgets} SET {budgets[nameof(MemberBudget.Contributed)]} = {budgets[nameof(MemberBudget.Contributed)]} + $7 WHERE {budgets[nameof(MemberBudget.CallId)]} = $3 AND {budgets[nameof(MemberBudget.OrganisationId)]} = $2
            ), total AS (
                UPDATE {commons} SET {commons[nameof(CommonsEntity.Total)]} = {commons[nameof(CommonsEntity.Total)]} + $7, {commons[nameof(CommonsEntity.Match)]} = {commons[nameof(CommonsEntity.Match)]} + $8 WHERE {commons[nameof(CommonsEntity.Id)]} = $1
            ), entry AS (
                INSERT INTO {ledger} ({ledger[nameof(LedgerEntry.Id)]}, {ledgerColumns}) OVERRIDING SYSTEM VALUE VALUES ($11, $3, $12, $7, $9, $4, $10, $2, $1, $5)
            ), receipt AS (
                INSERT INTO {receipts} AS r ({receipts[nameof(PendingReceipt.CallId)]}, {receipts[nameof(PendingReceipt.OrganisationId)]}, {receipts[nameof(PendingReceipt.FirstChangeAt)]}, {receipts[nameof(PendingReceipt.DueAt)]}) VALUES ($3, $2, $5, $13)
                ON CONFLICT ({receipts[nameof(PendingReceipt.CallId)]}, {receipts[nameof(PendingReceipt.OrganisationId)]})
                DO UPDATE SET {receipts[nameof(PendingReceipt.DueAt)]} = LEAST(EXCLUDED.{receipts[nameof(PendingReceipt.DueAt)]}, r.{receipts[nameof(PendingReceipt.FirstChangeAt)]} + $14)
            )
            """;
        _writeContributionAndMatch = _writeContribution + $"""
            , reservation AS (
                INSERT INTO {ledger} ({ledgerColumns}, {ledger[nameof(LedgerEntry.MatchingMode)]}) VALUES ($3, $15, $8, $16, $6, $10, $2, $1, $5, $17)
            )
            SELECT 1
            """;
        _writeContribution += Environment.NewLine + "SELECT 1";
    }

    /// <summary>Built from the model of the app's <see cref="AppDbContext"/>.</summary>
    public static MoneyRows From(IDbContextFactory<AppDbContext> factory)
    {
        using var db = factory.CreateDbContext();
        return new MoneyRows(db.Model);
    }

    /// <summary>Locks the call (step 1, in shared or exclusive mode) and loads it, tracked; null when there is no such call.</summary>
    public async Task<Call?> LockCallAsync(AppDbContext db, Guid callId, bool exclusive, CancellationToken ct)
    {
        if (exclusive)
        {
            // Contribution changes share the call through its advisory lock (see LockContributionAsync).
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [CallLockKey(callId)], ct);
        }

        return (await db.Calls.FromSqlRaw(exclusive ? _callForUpdate : _callForShare, callId).ToListAsync(ct)).SingleOrDefault();
    }

    /// <summary>Creates the member's budget row if it does not exist yet (safe when two requests race), then locks it (step 2).</summary>
    public async Task<MemberBudget> LockMemberBudgetAsync(AppDbContext db, Guid callId, Guid organisationId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(_createBudget, [callId, organisationId], ct);
        return (await db.MemberBudgets.FromSqlRaw(_budgetForUpdate, callId, organisationId).ToListAsync(ct)).Single();
    }

    /// <summary>
    /// Everything a contribution change decides on, in one round trip and in the lock order: the call's version under
    /// its advisory lock in shared mode (null when the call does not exist), whether the user represents the member and
    /// whether it has joined (<see cref="ContributionRows.Represents"/>), whether it co-created the commons, its budget
    /// under FOR UPDATE, its current contribution (stable under the budget lock: only this member's requests change it),
    /// and the commons under FOR UPDATE; with <paramref name="lockPool"/> (proportional matching), then the matching pool
    /// (<see cref="LockPoolAsync"/>). Begins the transaction (READ COMMITTED) on <paramref name="connection"/>: the
    /// caller ends it, with <see cref="WriteContributionAsync"/> or a rollback.
    /// </summary>
    public async Task<ContributionRows> LockContributionAsync(NpgsqlConnection connection, ContributionKey key, string userId, bool lockPool, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED"),
                Command("SELECT pg_advisory_xact_lock_shared($1)", CallLockKey(key.CallId)),
                Command(_callVersionAndIds, key.CallId),
                Command(_representation, key.CallId, key.OrganisationId, userId, (int)InvitationState.Joined, key.CommonsId, (int)ParticipantRole.Member),
                Command(_budgetFigures, key.CallId, key.OrganisationId),
                Command(_commonsAndContribution, key.CommonsId, key.CallId, key.OrganisationId),
            },
        };
        if (lockPool)
        {
            batch.BatchCommands.Add(PoolLock(key.CallId));
            batch.BatchCommands.Add(Command(_poolFigures, key.CallId));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        var callFound = await reader.ReadAsync(ct);
        uint? version = callFound ? reader.GetFieldValue<uint>(0) : null;
        var written = callFound ? new LedgerWrite(reader.GetInt64(1), reader.GetInt64(2)) : default;
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var (represents, joined, coCreator) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
        await reader.NextResultAsync(ct);
        BudgetFigures? budget = await reader.ReadAsync(ct) ? new BudgetFigures(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)) : null;
        await reader.NextResultAsync(ct);
        var found = await reader.ReadAsync(ct);
        LockedCommons? commons = found ? new LockedCommons(reader.GetInt64(0), reader.GetInt64(1), (CommonsStatus)reader.GetInt32(2), reader.GetInt64(3)) : null;
        var (current, currentMatch) = found ? (reader.GetInt64(4), reader.GetInt64(5)) : (0L, 0L);
        PoolFigures? pool = null;
        if (lockPool)
        {
            await reader.NextResultAsync(ct);
            await reader.NextResultAsync(ct);
            pool = await ReadPoolAsync(reader, ct);
        }

        return new ContributionRows(version, new Representation(represents, joined), coCreator, budget, current, currentMatch, commons, written, pool);
    }

    /// <summary>
    /// Takes the matching pool's lock (step 4) and reads, after it, what the pool holds and what gifts reserved of it: a
    /// statement of its own, so that its snapshot is taken once the lock is held. For a contribution change that learnt
    /// only after <see cref="LockContributionAsync"/> that its call matches proportionally.
    /// </summary>
    public async Task<PoolFigures> LockPoolAsync(NpgsqlConnection connection, Guid callId, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { PoolLock(callId), Command(_poolFigures, callId) } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return await ReadPoolAsync(reader, ct);
    }

    private static async Task<PoolFigures> ReadPoolAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        await reader.ReadAsync(ct);
        return new PoolFigures(reader.GetInt64(1), reader.GetInt64(0));
    }

    /// <summary>The pool's advisory lock: the two-int key space never meets the call's one-bigint key (<see cref="CallLockKey"/>).</summary>
    private static NpgsqlBatchCommand PoolLock(Guid callId)
    {
        var key = CallLockKey(callId);
        return Command("SELECT pg_advisory_xact_lock($1, $2)", MatchingPoolLockClass, (int)(key ^ (key >> 32)));
    }

    /// <summary>
    /// One round trip and one statement (each statement of a batch costs PostgreSQL its own snapshot and executor start,
    /// which the bench's SQL profile showed; bench/README.md): the contribution, the member's contributed amount, the commons total and the ledger entry (the
    /// same deltas as <see cref="MemberBudget.ApplyContributionDelta"/> and <see cref="CommonsEntity.ApplyContributionDelta"/>;
    /// the database's check constraints still refuse an overspent budget), the member's pending receipt, due at
    /// <paramref name="receipt"/>'s time or pushed back to it (one statement on a row that only this member's changes,
    /// already serialised by its budget lock, write), and the commit. The change is announced
    /// afterwards, by the caller: a NOTIFY sent inside this transaction would serialise every commit on PostgreSQL's
    /// global notification lock, held until the commit is flushed, which halved the throughput (bench/README.md).
    /// </summary>
    public async Task WriteContributionAsync(NpgsqlConnection connection, ContributionKey key, ContributionChange change, MatchChange match, string userId, DateTimeOffset at, LedgerWrite written, ReceiptTiming receipt, CancellationToken ct)
    {
        var write = match.Delta == 0
            ? Command(_writeContribution, key.CommonsId, key.OrganisationId, key.CallId, change.After, at, match.After, change.Delta, match.Delta, change.Before, userId, written.LedgerId, (int)LedgerEntryKind.Contribution, at + receipt.Delay, receipt.MaxDelay)
            // A proportional reservation moved (quadratic matching never moves before settlement): its ledger entry too.
            : Command(_writeContributionAndMatch, key.CommonsId, key.OrganisationId, key.CallId, change.After, at, match.After, change.Delta, match.Delta, change.Before, userId, written.LedgerId, (int)LedgerEntryKind.Contribution, at + receipt.Delay, receipt.MaxDelay, (int)LedgerEntryKind.Match, match.Before, (int)MatchingMode.Proportional);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { write, new NpgsqlBatchCommand("COMMIT") } };
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Ends the transaction <see cref="LockContributionAsync"/> began when the change is refused or failed: nothing changes.</summary>
    public static async Task RollbackContributionAsync(NpgsqlConnection connection)
    {
        await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
        await rollback.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>The key of a call's advisory lock: a hash of its id (two calls sharing a key only wait for each other's closing).</summary>
    public static long CallLockKey(Guid callId)
    {
        Span<byte> bytes = stackalloc byte[16];
        callId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }

    /// <summary>The first half of the matching pool's advisory key ("MTCH").</summary>
    private const int MatchingPoolLockClass = 0x4D54_4348;

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

/// <summary>How long a contribution receipt waits after a change (<see cref="NotificationOptions.ReceiptDelay"/>), and at most after the first.</summary>
public readonly record struct ReceiptTiming(TimeSpan Delay, TimeSpan MaxDelay);

/// <summary>The contribution a change is about: one member's to one commons of one call.</summary>
public readonly record struct ContributionKey(Guid CallId, Guid CommonsId, Guid OrganisationId);

/// <summary>
/// Whether the user represents the member organisation (is one of its people and the organisation is a member
/// participant of the call) and whether that participant has joined. <see cref="RepresentsJoined"/> is the SQL
/// mirror of <c>CallAccess.Represents</c>; a test holds the two to agreement.
/// </summary>
public readonly record struct Representation(bool Represents, bool Joined)
{
    public bool RepresentsJoined => Represents && Joined;
}

/// <summary>What <see cref="MoneyRows.LockContributionAsync"/> read under its locks; <see cref="Pool"/> only when it locked the matching pool.</summary>
public sealed record ContributionRows(uint? CallVersion, Representation Member, bool IsCoCreator, BudgetFigures? Budget, long CurrentAmount, long CurrentMatch, LockedCommons? Commons, LedgerWrite Written, PoolFigures? Pool);

/// <summary>The matching pool (what funders pledged to it) and what proportional gifts reserved of it, read under its lock.</summary>
public readonly record struct PoolFigures(long Pool, long Reserved);

/// <summary>
/// The transaction of a contribution change (its PostgreSQL id) and the id its ledger entry will have, both known
/// before the write so that its announcement can carry them: a listener that read the call's figures in a database
/// snapshot tells from the transaction id whether that snapshot already holds the change (<c>CallSnapshots</c>).
/// </summary>
public readonly record struct LedgerWrite(long TransactionId, long LedgerId);

/// <summary>The commons of a contribution change; <see cref="Match"/> is what proportional gifts reserved for it.</summary>
public sealed record LockedCommons(long Total, long MaximumGoal, CommonsStatus Status, long Match)
{
    public bool IsApproved => CommonsEntity.IsApprovedStatus(Status);
}
