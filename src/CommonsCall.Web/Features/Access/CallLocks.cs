using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Access;

/// <summary>How an operation holds its call until its transaction ends.</summary>
public enum CallLock
{
    /// <summary>FOR SHARE of the call's row: many such operations run at once; phase moves and money operations wait.</summary>
    Shared,

    /// <summary>
    /// FOR UPDATE of the call's row and its advisory lock in exclusive mode: waits for, then excludes, every other
    /// operation on the call, contributions included (they share the advisory lock).
    /// </summary>
    Exclusive,
}

/// <summary>
/// The call's lock, the first of the lock order every operation follows (<see cref="Budgeting.RowLocks"/> lists
/// the rest), and the facilitator check that goes with it. Every feature that changes a call or what hangs from
/// it locks the call here; this module depends on no feature.
/// </summary>
public sealed class CallLocks
{
    public async Task<Call?> LockAsync(AppDbContext db, Guid callId, CallLock mode, CancellationToken ct)
    {
        if (mode == CallLock.Exclusive)
        {
            // Contribution changes share the call through its advisory lock (see RowLocks.ContributionRowsAsync).
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryKey(callId)})", ct);
        }

        var calls = mode == CallLock.Exclusive
            ? db.Calls.FromSql($"SELECT *, xmin FROM \"Calls\" WHERE \"Id\" = {callId} FOR UPDATE")
            : db.Calls.FromSql($"SELECT *, xmin FROM \"Calls\" WHERE \"Id\" = {callId} FOR SHARE");
        return (await calls.ToListAsync(ct)).SingleOrDefault();
    }

    /// <summary>The call with this slug, FOR SHARE (the shared mode of <see cref="LockAsync(AppDbContext, Guid, CallLock, CancellationToken)"/>).</summary>
    public async Task<Call?> LockSharedAsync(AppDbContext db, string slug, CancellationToken ct) =>
        (await db.Calls.FromSql($"SELECT *, xmin FROM \"Calls\" WHERE \"Slug\" = {slug} FOR SHARE").ToListAsync(ct)).SingleOrDefault();

    /// <summary>Locks the call and checks that the actor facilitates it (or administers the platform); its facilitators are loaded.</summary>
    public async Task<Result<Call>> ToManageAsync(AppDbContext db, Actor actor, Guid callId, CallLock mode, string refusal, CancellationToken ct)
    {
        var call = await LockAsync(db, callId, mode, ct);
        if (call is null)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown call.");
        }

        await db.Entry(call).Collection(c => c.Facilitators).LoadAsync(ct);
        return CallAccess.CanManage(actor, call) ? call : new DomainError(ErrorCodes.Forbidden, refusal);
    }

    /// <summary>The key of a call's advisory lock: a hash of its id (two calls sharing a key only wait for each other's closing).</summary>
    public static long AdvisoryKey(Guid callId)
    {
        Span<byte> bytes = stackalloc byte[16];
        callId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}
