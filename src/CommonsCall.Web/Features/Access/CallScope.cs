using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Access;

/// <summary>A call as one actor sees it: the call, its facilitators loaded, and the actor's roles in it.</summary>
public sealed record CallScope(Call Call, CallAccess Access)
{
    /// <summary>
    /// The call and the actor's roles, or null when it does not exist or the actor may not see it (a members-only
    /// call is invisible to outsiders). Takes no lock: changes get their scope, under the call's lock, from <see cref="CallChanges"/>.
    /// </summary>
    public static async Task<CallScope?> LoadAsync(AppDbContext db, Actor actor, Guid callId, CancellationToken ct) =>
        await db.Calls.SingleOrDefaultAsync(c => c.Id == callId, ct) is { } call ? await OfAsync(db, actor, call, ct) : null;

    /// <summary>The actor's view of a call the caller loaded (and locked), or null when the actor may not see it.</summary>
    public static async Task<CallScope?> OfAsync(AppDbContext db, Actor actor, Call call, CancellationToken ct)
    {
        await db.Entry(call).Collection(c => c.Facilitators).LoadAsync(ct);
        var access = await CallAccess.LoadAsync(db, call, actor, ct);
        return access.CanRead(call) ? new CallScope(call, access) : null;
    }

    /// <summary>The organisations taking part in the call that the actor represents (joined members and funders).</summary>
    public IReadOnlySet<Guid> ParticipatingOrganisations => Access.MemberOrganisations.Union(Access.FunderOrganisations).ToHashSet();
}
