using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>
/// The row locks that make the budget rules hold under any number of concurrent requests. Every money
/// operation takes them in the same order, so they never deadlock:
/// 1. the call (<see cref="CallLocks"/>): FOR SHARE of its row by own-funds changes and other readers, and its advisory lock in shared
///    mode by contribution changes (many at once); FOR UPDATE of its row and its advisory lock in exclusive mode
///    by pledges, grants, rule changes, phase moves and closing (which therefore wait for, and then exclude,
///    contributions). Contributions take the advisory lock rather than FOR SHARE because a row share-locked by
///    dozens of transactions at once makes PostgreSQL rewrite its lock list (a multixact) on the row for each
///    new one, and they queue on that row (bench/README.md);
/// 2. the member's budget row, FOR UPDATE: one member's requests run one at a time;
/// 3. the commons row, FOR UPDATE: a commons' total is read and written by one request at a time.
/// A contribution change takes the three in one batch (<see cref="ContributionRowsAsync"/>): the statements of a
/// batch run in order, each with a fresh snapshot in READ COMMITTED, so each reads what the locks before it protect.
/// </summary>
public static class RowLocks
{
    public static async Task<MemberBudget?> MemberBudgetAsync(AppDbContext db, Guid callId, Guid organisationId, CancellationToken ct) =>
        (await db.MemberBudgets
            .FromSql($"SELECT * FROM \"MemberBudgets\" WHERE \"CallId\" = {callId} AND \"OrganisationId\" = {organisationId} FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault();

    /// <summary>Creates the member's budget row if it does not exist yet (safe when two requests race), then locks it.</summary>
    public static async Task<MemberBudget> EnsureMemberBudgetAsync(AppDbContext db, Guid callId, Guid organisationId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"MemberBudgets\" (\"CallId\", \"OrganisationId\", \"Granted\", \"OwnFunds\", \"Contributed\") VALUES ({callId}, {organisationId}, 0, 0, 0) ON CONFLICT DO NOTHING",
            ct);
        return (await MemberBudgetAsync(db, callId, organisationId, ct))!;
    }

    /// <summary>
    /// Everything a contribution change decides on, in one round trip and in the lock order above: the call's
    /// version under its advisory lock in shared mode (null when the call does not exist), whether the actor represents the member and
    /// it has joined, whether it co-created the commons, its budget under FOR UPDATE, its current contribution
    /// (stable under the budget lock: only this member's requests change it), and the commons under FOR UPDATE.
    /// Begins the transaction (READ COMMITTED) on <paramref name="connection"/>: the caller ends it.
    /// </summary>
    public static async Task<ContributionRows> ContributionRowsAsync(NpgsqlConnection connection, SetContribution command, string userId, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED"),
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock_shared($1)") { Parameters = { new() { Value = CallLocks.AdvisoryKey(command.CallId) } } },
                new NpgsqlBatchCommand("""SELECT xmin FROM "Calls" WHERE "Id" = $1""") { Parameters = { new() { Value = command.CallId } } },
                new NpgsqlBatchCommand("""
                    SELECT count(p.*) > 0, COALESCE(bool_or(p."State" = $4), false),
                           EXISTS (SELECT 1 FROM "CommonsCoCreator" c WHERE c."CommonsId" = $5 AND c."OrganisationId" = $2)
                    FROM "Participants" p
                    WHERE p."CallId" = $1 AND p."OrganisationId" = $2 AND p."Role" = $6
                      AND EXISTS (SELECT 1 FROM "OrganisationMembers" m WHERE m."OrganisationId" = p."OrganisationId" AND m."UserId" = $3)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = command.CallId }, new() { Value = command.OrganisationId }, new() { Value = userId },
                        new() { Value = (int)InvitationState.Joined }, new() { Value = command.CommonsId }, new() { Value = (int)ParticipantRole.Member },
                    },
                },
                new NpgsqlBatchCommand("""SELECT "Granted", "OwnFunds", "Contributed" FROM "MemberBudgets" WHERE "CallId" = $1 AND "OrganisationId" = $2 FOR UPDATE""")
                {
                    Parameters = { new() { Value = command.CallId }, new() { Value = command.OrganisationId } },
                },
                new NpgsqlBatchCommand("""SELECT "Amount" FROM "Contributions" WHERE "CommonsId" = $1 AND "OrganisationId" = $2""")
                {
                    Parameters = { new() { Value = command.CommonsId }, new() { Value = command.OrganisationId } },
                },
                new NpgsqlBatchCommand("""SELECT "Total", "MaximumGoal", "Status" = $3 FROM "Commons" WHERE "Id" = $1 AND "CallId" = $2 FOR UPDATE""")
                {
                    Parameters = { new() { Value = command.CommonsId }, new() { Value = command.CallId }, new() { Value = (int)Domain.Commons.CommonsStatus.ApprovedForFunding } },
                },
            },
        };

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        uint? version = await reader.ReadAsync(ct) ? reader.GetFieldValue<uint>(0) : null;
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var (represents, joined, coCreator) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
        await reader.NextResultAsync(ct);
        LockedBudget? budget = await reader.ReadAsync(ct) ? new LockedBudget(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)) : null;
        await reader.NextResultAsync(ct);
        var current = await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
        await reader.NextResultAsync(ct);
        LockedCommons? commons = await reader.ReadAsync(ct) ? new LockedCommons(reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2)) : null;
        return new ContributionRows(version, represents, joined, coCreator, budget, current, commons);
    }
}

/// <summary>What <see cref="RowLocks.ContributionRowsAsync"/> read under its locks.</summary>
public sealed record ContributionRows(uint? CallVersion, bool Represents, bool Joined, bool IsCoCreator, LockedBudget? Budget, long CurrentAmount, LockedCommons? Commons);

public sealed record LockedBudget(long Granted, long OwnFunds, long Contributed)
{
    public long Balance => Granted + OwnFunds;
}

public sealed record LockedCommons(long Total, long MaximumGoal, bool IsApproved);
