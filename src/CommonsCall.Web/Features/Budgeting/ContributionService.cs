using System.Collections.Concurrent;
using System.Data;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>Member organisation <paramref name="OrganisationId"/> sets what it gives to a commons to an absolute amount (minor units).</summary>
public sealed record SetContribution(Guid CallId, Guid CommonsId, Guid OrganisationId, long Amount);

/// <summary>The accepted change and the figures a member sees right after it.</summary>
public sealed record ContributionResult(long Before, long After, long MemberAvailable, long CommonsTotal)
{
    public bool Changed => Before != After;
}

/// <summary>
/// Contribution changes: DESIGN.md's rules 1-7 (in <see cref="ContributionPolicy"/>), applied in one
/// transaction under the row locks of <see cref="RowLocks"/>, written to the ledger, then announced.
/// </summary>
/// <remarks>
/// This is the hottest write of the app (every member during the round, live), so it takes two round trips,
/// as the bare transaction it is measured against does (bench/README.md): one batch begins the transaction
/// and takes every lock and figure (<see cref="RowLocks.ContributionRowsAsync"/>); after the decision, one
/// batch writes, commits and announces. The call's phase and rules come from a cache checked against the
/// version read under the call's lock (read again whenever it changed). The writes apply the same deltas as
/// <see cref="MemberBudget.ApplyContributionDelta"/> and <see cref="Domain.Commons.Commons.ApplyContributionDelta"/>,
/// and the database's check constraints still refuse an overspent budget.
/// </remarks>
public sealed class ContributionService(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>What contribution changes last read of each call (per database), with the version it was read at.</summary>
    private static readonly ConcurrentDictionary<(string Database, Guid CallId), CallRound> Rounds = new();

    public async Task<Result<ContributionResult>> SetAsync(Actor actor, SetContribution command, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return new DomainError(ErrorCodes.Forbidden, "Sign in to contribute.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var ended = false;
        try
        {
            var rows = await RowLocks.ContributionRowsAsync(connection, command, userId, ct);
            if (rows.CallVersion is not { } version)
            {
                return new DomainError(ErrorCodes.NotFound, "Unknown call.");
            }

            // The call is locked: the rounds cache serves it while its version is the one read with it.
            var key = ($"{connection.Host}:{connection.Port}/{connection.Database}", command.CallId);
            if (!Rounds.TryGetValue(key, out var call) || call.Version != version)
            {
                call = await db.Calls.AsNoTracking().Where(c => c.Id == command.CallId)
                    .Select(c => new CallRound(c.Version, c.Phase, c.BudgetRules)).SingleAsync(ct);
                Rounds[key] = call;
            }

            if (rows.Commons is not { } commons)
            {
                return new DomainError(ErrorCodes.NotFound, "Unknown commons in this call.");
            }

            var now = clock.GetUtcNow();
            var budget = rows.Budget;
            var decision = ContributionPolicy.Decide(
                new ContributionContext
                {
                    UserRepresentsMember = rows.Represents,
                    MemberHasJoined = rows.Joined,
                    RoundIsOpen = call.IsRoundOpen(now),
                    CommonsIsApproved = commons.IsApproved,
                    MemberIsCoCreator = rows.IsCoCreator,
                    Rules = call.Rules,
                    MemberBalance = budget?.Balance ?? 0,
                    MemberContributed = budget?.Contributed ?? 0,
                    CurrentAmount = rows.CurrentAmount,
                    CommonsTotal = commons.Total,
                    CommonsMaximumGoal = commons.MaximumGoal,
                },
                command.Amount);
            if (!decision.IsSuccess)
            {
                return decision.Error!;
            }

            var change = decision.Value;
            var available = (budget?.Balance ?? 0) - (budget?.Contributed ?? 0);
            if (change.IsNoOp)
            {
                return new ContributionResult(change.Before, change.After, available, commons.Total);
            }

            // A raise was accepted, so rule 4 proved the member has a budget row with room for it.
            var total = checked(commons.Total + change.Delta);
            var announced = new ContributionChanged(command.CallId, command.CommonsId, command.OrganisationId, change.Before, change.After, total, now);
            await WriteCommitAndAnnounceAsync(connection, command, userId, change, now, announced, ct);
            ended = true;
            return new ContributionResult(change.Before, change.After, checked(available - change.Delta), total);
        }
        finally
        {
            if (!ended && connection.FullState == ConnectionState.Open)
            {
                // Refusals and failures change nothing (a failed write already aborted the transaction).
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// One round trip: the contribution, the member's contributed amount, the commons total and the ledger
    /// entry; the commit; then the announcement in a transaction of its own that does not wait for the disk.
    /// PostgreSQL serialises the commits of every transaction that sent a NOTIFY on one global lock held until
    /// its commit is flushed, which halved the throughput when the NOTIFY went with the change (bench/README.md).
    /// The statements of a batch run in order and stop at the first error, so only a committed change is
    /// announced; two changes of one commons committed at nearly the same time may be announced in either
    /// order, so listeners reload what they show rather than trust the order of <see cref="ContributionChanged.CommonsTotal"/>.
    /// </summary>
    private static async Task WriteCommitAndAnnounceAsync(NpgsqlConnection connection, SetContribution command, string userId, ContributionChange change, DateTimeOffset now, ContributionChanged announced, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    INSERT INTO "Contributions" ("CommonsId", "OrganisationId", "CallId", "Amount", "UpdatedAt") VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT ("CommonsId", "OrganisationId") DO UPDATE SET "Amount" = EXCLUDED."Amount", "UpdatedAt" = EXCLUDED."UpdatedAt"
                    """)
                {
                    Parameters = { new() { Value = command.CommonsId }, new() { Value = command.OrganisationId }, new() { Value = command.CallId }, new() { Value = change.After }, new() { Value = now } },
                },
                new NpgsqlBatchCommand("""UPDATE "MemberBudgets" SET "Contributed" = "Contributed" + $1 WHERE "CallId" = $2 AND "OrganisationId" = $3""")
                {
                    Parameters = { new() { Value = change.Delta }, new() { Value = command.CallId }, new() { Value = command.OrganisationId } },
                },
                new NpgsqlBatchCommand("""UPDATE "Commons" SET "Total" = "Total" + $1 WHERE "Id" = $2""")
                {
                    Parameters = { new() { Value = change.Delta }, new() { Value = command.CommonsId } },
                },
                new NpgsqlBatchCommand("""
                    INSERT INTO "Ledger" ("CallId", "Kind", "Amount", "Before", "After", "ActorUserId", "OrganisationId", "CommonsId", "At")
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = command.CallId }, new() { Value = (int)LedgerEntryKind.Contribution }, new() { Value = change.Delta },
                        new() { Value = change.Before }, new() { Value = change.After }, new() { Value = userId },
                        new() { Value = command.OrganisationId }, new() { Value = command.CommonsId }, new() { Value = now },
                    },
                },
                new NpgsqlBatchCommand("COMMIT"),
                new NpgsqlBatchCommand("BEGIN"),
                new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"),
                ContributionEvents.NotifyCommand(announced),
                new NpgsqlBatchCommand("COMMIT"),
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>What a contribution change needs of its call.</summary>
internal sealed record CallRound(uint Version, CallPhase Phase, BudgetRules Rules)
{
    /// <summary>As <see cref="Call.IsRoundOpen"/>.</summary>
    public bool IsRoundOpen(DateTimeOffset now) => Phase == CallPhase.Budgeting && Rules.IsInsideWindow(now);
}
