using CommonsCall.Web.Data;
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
/// The call's lock, the first of the lock order every operation follows (<see cref="MoneyRows"/> documents it and
/// holds its SQL), and the facilitator check that goes with it. Every feature that changes a call or what hangs from
/// it locks the call here; this module depends on no feature.
/// </summary>
public sealed class CallLocks(MoneyRows rows)
{
    public Task<Call?> LockAsync(AppDbContext db, Guid callId, CallLock mode, CancellationToken ct) =>
        rows.LockCallAsync(db, callId, exclusive: mode == CallLock.Exclusive, ct);

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
}
