using System.Data;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
/// This is the hottest write of the app (every member during the round, live), so it is written for as few
/// round trips as possible while locks are held (bench/README.md measures it against the bare transaction):
/// the call is read before the transaction and proved unchanged by its version once locked; all locks and
/// figures come in one batch (<see cref="RowLocks.ContributionRowsAsync"/>); the writes (contribution,
/// member budget, commons total, ledger entry) and the NOTIFY go in a second batch; then the commit. The
/// writes apply the same deltas as <see cref="MemberBudget.ApplyContributionDelta"/> and
/// <see cref="Domain.Commons.Commons.ApplyContributionDelta"/>, and the database's check constraints still
/// refuse an overspent budget.
/// </remarks>
public sealed class ContributionService(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    public async Task<Result<ContributionResult>> SetAsync(Actor actor, SetContribution command, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return new DomainError(ErrorCodes.Forbidden, "Sign in to contribute.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);

        // No lock yet: RowLocks.ContributionRowsAsync proves this version is still the call's once it is locked.
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CallId, ct);
        if (call is null)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown call.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var rows = await RowLocks.ContributionRowsAsync(db, command, userId, ct);
        if (rows.CallVersion is null)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown call.");
        }

        if (rows.CallVersion != call.Version)
        {
            // The call changed between the read and the lock (rules, phase): read it again, now that it is locked.
            call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == command.CallId, ct);
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
                Rules = call.BudgetRules,
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
            await tx.CommitAsync(ct);
            return new ContributionResult(change.Before, change.After, available, commons.Total);
        }

        // A raise was accepted, so rule 4 proved the member has a budget row with room for it.
        var total = checked(commons.Total + change.Delta);
        await WriteAsync(db, command, userId, change, now, new ContributionChanged(call.Id, command.CommonsId, command.OrganisationId, change.Before, change.After, total, now), ct);
        await tx.CommitAsync(ct);
        return new ContributionResult(change.Before, change.After, checked(available - change.Delta), total);
    }

    /// <summary>The contribution, the member's contributed amount, the commons total and the ledger entry, and the NOTIFY (delivered only if the transaction commits): one round trip.</summary>
    private static async Task WriteAsync(AppDbContext db, SetContribution command, string userId, ContributionChange change, DateTimeOffset now, ContributionChanged announced, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction())
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
                ContributionEvents.NotifyCommand(announced),
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }
}
