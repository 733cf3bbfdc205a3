using System.Collections.Concurrent;
using System.Data;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>Member organisation <paramref name="OrganisationId"/> sets what it gives to a commons to an absolute amount (minor units).</summary>
public sealed record SetContribution(Guid CallId, Guid CommonsId, Guid OrganisationId, long Amount);

/// <summary>The accepted change and the figures a member sees right after it.</summary>
public sealed record ContributionResult(long Before, long After, long MemberAvailable, long CommonsTotal)
{
    public bool Changed => Before != After;

    /// <summary>The commons' total as this viewer may see it now (the visibility rule: <see cref="CallAccess.SeesCommonsTotals"/>); null when hidden.</summary>
    public long? CommonsTotalSeenBy(CallAccess access, Call call) => access.SeesCommonsTotals(call) ? CommonsTotal : null;
}

/// <summary>
/// Contribution changes: DESIGN.md's rules 1-7 (in <see cref="ContributionPolicy"/>), applied in one
/// transaction under the row locks of <see cref="MoneyRows"/>, written to the ledger, then announced (after the commit,
/// by <see cref="ChangeAnnouncer"/>, many changes at once).
/// </summary>
/// <remarks>
/// This is the hottest write of the app (every member during the round, live), so it takes two round trips,
/// as the bare transaction it is measured against does (bench/README.md): one batch begins the transaction
/// and takes every lock and figure (<see cref="MoneyRows.LockContributionAsync"/>); after the decision, one
/// batch writes (with the member's pending receipt, <see cref="ContributionReceipts"/>) and commits (<see cref="MoneyRows.WriteContributionAsync"/>). The call's phase and
/// rules come from a cache checked against the version read under the call's lock (read again whenever it changed).
/// </remarks>
public sealed class ContributionService(IDbContextFactory<AppDbContext> factory, DatabaseConnection database, MoneyRows rows, ChangeAnnouncer announcer, TimeProvider clock, AppMetrics metrics, IOptions<NotificationOptions> notifications)
{
    private readonly ReceiptTiming _receipt = new(notifications.Value.ReceiptDelay, notifications.Value.ReceiptMaxDelay);

    /// <summary>What contribution changes last read of each call, with the version it was read at (the service is a singleton of one app, so of one database).</summary>
    private readonly ConcurrentDictionary<Guid, CallRound> _rounds = new();

    public async Task<Result<ContributionResult>> SetAsync(Actor actor, SetContribution command, CancellationToken ct = default)
    {
        var result = await DecideAndWriteAsync(actor, command, ct);
        metrics.Contribution(result.Error, result.IsSuccess && result.Value!.Changed);
        return result;
    }

    private async Task<Result<ContributionResult>> DecideAndWriteAsync(Actor actor, SetContribution command, CancellationToken ct)
    {
        if (actor.UserId is not { } userId)
        {
            return new DomainError(ErrorCodes.Forbidden, "Sign in to contribute.");
        }

        // A connection of the contribution path's pool (not reset between uses): a DbContext is made on it only when the call's rules must be read.
        await using var connection = new NpgsqlConnection(database.MoneyPathConnectionString);
        await connection.OpenAsync(ct);
        var key = new ContributionKey(command.CallId, command.CommonsId, command.OrganisationId);
        var ended = false;
        try
        {
            // Proportional matching locks the pool with the rest, when the cache knows the call uses it (rules are locked while the round is open).
            var lockPool = _rounds.TryGetValue(command.CallId, out var known) && known.Rules.MatchingMode == MatchingMode.Proportional;
            var locked = await rows.LockContributionAsync(connection, key, userId, lockPool, ct);
            if (locked.CallVersion is not { } version)
            {
                return new DomainError(ErrorCodes.NotFound, "Unknown call.");
            }

            // The call is locked: the rounds cache serves it while its version is the one read with it.
            if (!_rounds.TryGetValue(command.CallId, out var call) || call.Version != version)
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                db.Database.SetDbConnection(connection, contextOwnsConnection: false);
                call = await db.Calls.AsNoTracking().Where(c => c.Id == command.CallId)
                    .Select(c => new CallRound(c.Version, c.Phase, c.BudgetRules)).SingleAsync(ct);
                _rounds[command.CallId] = call;
            }

            if (locked.Commons is not { } commons)
            {
                return new DomainError(ErrorCodes.NotFound, "Unknown commons in this call.");
            }

            var now = clock.GetUtcNow();
            var budget = locked.Budget ?? default;
            var decision = ContributionPolicy.Decide(
                new ContributionContext
                {
                    UserRepresentsMember = locked.Member.Represents,
                    MemberHasJoined = locked.Member.Joined,
                    RoundIsOpen = Call.IsRoundOpenAt(call.Phase, call.Rules, now),
                    CommonsIsApproved = commons.IsApproved,
                    MemberIsCoCreator = locked.IsCoCreator,
                    Rules = call.Rules,
                    MemberBalance = budget.Balance,
                    MemberContributed = budget.Contributed,
                    CurrentAmount = locked.CurrentAmount,
                    CommonsTotal = commons.Total,
                    CommonsMaximumGoal = commons.MaximumGoal,
                },
                command.Amount);
            if (!decision.IsSuccess)
            {
                return decision.Error!;
            }

            var change = decision.Value;
            if (change.IsNoOp)
            {
                return new ContributionResult(change.Before, change.After, budget.Available, commons.Total);
            }

            // A raise was accepted, so rule 4 proved the member has a budget row with room for it. Listeners reload
            // what they show rather than trust the order of announcements (two changes of one commons committed at
            // nearly the same time may be announced in either order).
            var total = checked(commons.Total + change.Delta);
            var written = locked.Written;
            var match = await MatchAsync(connection, call.Rules, locked, key, change, ct);
            var announced = new ContributionChanged(command.CallId, command.CommonsId, command.OrganisationId, change.Before, change.After, total, now, written.TransactionId, written.LedgerId, match.Delta);
            await rows.WriteContributionAsync(connection, key, change, match, userId, now, written, _receipt, ct);
            ended = true;
            announcer.Announce(announced);
            return new ContributionResult(change.Before, change.After, checked(budget.Available - change.Delta), total);
        }
        finally
        {
            if (!ended && connection.FullState == ConnectionState.Open)
            {
                // Refusals and failures change nothing (a failed write already aborted the transaction).
                await MoneyRows.RollbackContributionAsync(connection);
            }
        }
    }

    /// <summary>
    /// Under proportional matching, the contribution's reservation after the change, decided under the pool's lock (taken
    /// now if the call's rules were not cached when the locks were taken); under quadratic matching it does not move.
    /// </summary>
    private async Task<MatchChange> MatchAsync(NpgsqlConnection connection, BudgetRules rules, ContributionRows locked, ContributionKey key, ContributionChange change, CancellationToken ct)
    {
        if (rules.MatchingMode != MatchingMode.Proportional)
        {
            return new MatchChange(locked.CurrentMatch, locked.CurrentMatch);
        }

        var pool = locked.Pool ?? await rows.LockPoolAsync(connection, key.CallId, ct);
        var state = ProportionalState.Of(rules, pool.Pool, pool.Reserved, locked.Commons!.Match, locked.CurrentMatch);
        return ProportionalMatching.Reserve(state, change.Before, change.After);
    }
}

/// <summary>What a contribution change needs of its call.</summary>
internal sealed record CallRound(uint Version, CallPhase Phase, BudgetRules Rules);
