using CommonsCall.Domain.Calls;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Commons;

/// <summary>A call as one actor sees it: the call, its facilitators loaded, and the actor's roles in it.</summary>
public sealed record CallScope(Call Call, CallAccess Access)
{
    /// <summary>
    /// The call and the actor's roles, or null when it does not exist or the actor may not see it (a members-only
    /// call is invisible to outsiders). <paramref name="lockPhase"/> holds the call row FOR SHARE until the
    /// transaction ends, so that the phase checked is the phase in force when the change commits.
    /// </summary>
    public static async Task<CallScope?> LoadAsync(AppDbContext db, Actor actor, Guid callId, bool lockPhase, CancellationToken ct)
    {
        var call = lockPhase
            ? await RowLocks.CallAsync(db, callId, exclusive: false, ct)
            : await db.Calls.SingleOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null)
        {
            return null;
        }

        await db.Entry(call).Collection(c => c.Facilitators).LoadAsync(ct);
        var access = await CallAccess.LoadAsync(db, call, actor, ct);
        return access.CanRead(call) ? new CallScope(call, access) : null;
    }

    /// <summary>The organisations taking part in the call that the actor represents (joined members and funders).</summary>
    public IReadOnlySet<Guid> ParticipatingOrganisations => Access.MemberOrganisations.Union(Access.FunderOrganisations).ToHashSet();
}
