using System.Data;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Access;

/// <summary>
/// The one "lock, check, apply, audit, save" routine of every operation that changes a call or what hangs from it:
/// a context and a READ COMMITTED transaction, the call locked (<see cref="CallLocks"/>), the actor's right checked,
/// the change applied by the caller (which records its audit entries through <see cref="CallChange.Audit"/>), then
/// one save and the commit; a refused change, or a failure, leaves nothing behind.
/// </summary>
public sealed class CallChanges(IDbContextFactory<AppDbContext> factory, CallLocks locks, TimeProvider clock)
{
    /// <summary>An operation of the call's facilitators (and platform administrators): others get <paramref name="refusal"/>.</summary>
    public Task<Result<T>> ManageAsync<T>(Actor actor, Guid callId, CallLock mode, string refusal, Func<CallChange, Task<Result<T>>> apply, CancellationToken ct) =>
        RunAsync(
            actor,
            async db =>
            {
                var managed = await locks.ToManageAsync(db, actor, callId, mode, refusal, ct);
                return managed.Value is { } call ? (call, null) : managed.Error!;
            },
            apply,
            ct);

    /// <inheritdoc cref="ManageAsync{T}"/>
    public async Task<Result> ManageAsync(Actor actor, Guid callId, CallLock mode, string refusal, Func<CallChange, Task<Result>> apply, CancellationToken ct) =>
        Plain(await ManageAsync(actor, callId, mode, refusal, Lift(apply), ct));

    /// <summary>
    /// An operation of anyone who may see the call, which checks the actor's roles itself (<see cref="CallChange.Access"/>):
    /// the call is held FOR SHARE; a call the actor may not see is refused with <paramref name="notFound"/>.
    /// </summary>
    public Task<Result<T>> ShareAsync<T>(Actor actor, Guid callId, DomainError notFound, Func<CallChange, Task<Result<T>>> apply, CancellationToken ct) =>
        ScopedAsync(actor, db => locks.LockAsync(db, callId, CallLock.Shared, ct), notFound, apply, ct);

    /// <inheritdoc cref="ShareAsync{T}(Actor, Guid, DomainError, Func{CallChange, Task{Result{T}}}, CancellationToken)"/>
    public async Task<Result> ShareAsync(Actor actor, Guid callId, DomainError notFound, Func<CallChange, Task<Result>> apply, CancellationToken ct) =>
        Plain(await ShareAsync(actor, callId, notFound, Lift(apply), ct));

    /// <summary>An operation whose right <paramref name="apply"/> checks itself, with the call locked in <paramref name="mode"/>.</summary>
    public Task<Result<T>> LockAsync<T>(Actor actor, Guid callId, CallLock mode, Func<CallChange, Task<Result<T>>> apply, CancellationToken ct) =>
        RunAsync(actor, async db => await locks.LockAsync(db, callId, mode, ct) is { } call ? (call, null) : UnknownCall, apply, ct);

    /// <inheritdoc cref="LockAsync{T}"/>
    public async Task<Result> LockAsync(Actor actor, Guid callId, CallLock mode, Func<CallChange, Task<Result>> apply, CancellationToken ct) =>
        Plain(await LockAsync(actor, callId, mode, Lift(apply), ct));

    private static DomainError UnknownCall => new(ErrorCodes.NotFound, "Unknown call.");

    private Task<Result<T>> ScopedAsync<T>(Actor actor, Func<AppDbContext, Task<Call?>> lockCall, DomainError notFound, Func<CallChange, Task<Result<T>>> apply, CancellationToken ct) =>
        RunAsync(actor, async db => await lockCall(db) is { } call && await CallScope.OfAsync(db, actor, call, ct) is { } scope ? (scope.Call, scope.Access) : notFound, apply, ct);

    private async Task<Result<T>> RunAsync<T>(
        Actor actor,
        Func<AppDbContext, Task<Result<(Call Call, CallAccess? Access)>>> lockAndCheck,
        Func<CallChange, Task<Result<T>>> apply,
        CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var locked = await lockAndCheck(db);
        if (!locked.IsSuccess)
        {
            return locked.Error!;
        }

        var (call, access) = locked.Value;
        var result = await apply(new CallChange(db, call, access, actor, clock.GetUtcNow()));
        if (!result.IsSuccess)
        {
            return result;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    private static Func<CallChange, Task<Result<bool>>> Lift(Func<CallChange, Task<Result>> apply) =>
        async x => await apply(x) is { Error: { } error } ? error : true;

    private static Result Plain<T>(Result<T> result) => result.IsSuccess ? Result.Ok() : result.Error!;
}

/// <summary>What a change works with once its call is locked and the actor's right checked.</summary>
public sealed class CallChange(AppDbContext db, Call call, CallAccess? access, Actor actor, DateTimeOffset now)
{
    public AppDbContext Db => db;

    /// <summary>The locked call, tracked: changes to it are saved.</summary>
    public Call Call => call;

    /// <summary>The actor's roles in the call (loaded by <see cref="CallChanges.ShareAsync{T}(Actor, Guid, DomainError, Func{CallChange, Task{Result{T}}}, CancellationToken)"/> only).</summary>
    public CallAccess Access => access ?? throw new InvalidOperationException("This change did not load the actor's roles in the call.");

    public Actor Actor => actor;

    /// <summary>The time of the change, for its records and audit entries.</summary>
    public DateTimeOffset Now => now;

    /// <summary>Records the change in the audit log, saved with it.</summary>
    public void Audit(string action, object? before, object? after) => AuditLog.Record(db, call.Id, actor, action, before, after, now);

    /// <summary>Audits <paramref name="outcome"/> when it is a success (<paramref name="after"/> is read then), and passes it on.</summary>
    public Result Audited(Result outcome, string action, object? before, Func<object?> after)
    {
        if (outcome.IsSuccess)
        {
            Audit(action, before, after());
        }

        return outcome;
    }
}
