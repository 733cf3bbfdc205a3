using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calls;

public sealed record CallSummary(Guid Id, string Title, string Slug, string Ecosystem, CallPhase Phase, CallVisibility Visibility, bool IsFacilitator);

public sealed record ParticipantView(Guid OrganisationId, string OrganisationName, ParticipantRole Role, InvitationState State);

public sealed record CallDetail(Call Call, CallAccess Access, IReadOnlyList<ParticipantView> Participants);

/// <summary>Reading calls, within what the actor may see.</summary>
public sealed class CallQueries(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>Public calls, plus the members-only calls the actor takes part in or facilitates.</summary>
    public async Task<IReadOnlyList<CallSummary>> ListVisibleAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var userId = actor.UserId;
        var calls = db.Calls.AsNoTracking();
        if (!actor.IsAdministrator)
        {
            calls = calls.Where(c => c.Visibility == CallVisibility.Public
                || (userId != null && (c.Facilitators.Any(f => f.UserId == userId)
                    || db.Participants.Any(p => p.CallId == c.Id && p.State != InvitationState.Left
                        && db.OrganisationMembers.Any(m => m.OrganisationId == p.OrganisationId && m.UserId == userId)))));
        }

        return await calls
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new CallSummary(c.Id, c.Title, c.Slug, c.Ecosystem, c.Phase, c.Visibility,
                actor.IsAdministrator || c.Facilitators.Any(f => f.UserId == userId)))
            .ToListAsync(ct);
    }

    /// <summary>The call behind a slug, or null when it does not exist or the actor may not see it (404, not 403).</summary>
    public async Task<CallDetail?> FindAsync(string slug, Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking()
            .Include(c => c.Facilitators)
            .Include(c => c.Glossary)
            .Include(c => c.Scope)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Slug == slug, ct);
        if (call is null)
        {
            return null;
        }

        var access = await CallAccess.LoadAsync(db, call, actor, ct);
        if (!access.CanRead(call))
        {
            return null;
        }

        var participants = await (
                from p in db.Participants.AsNoTracking()
                join o in db.Organisations on p.OrganisationId equals o.Id
                where p.CallId == call.Id
                orderby p.Role, o.Name
                select new ParticipantView(o.Id, o.Name, p.Role, p.State))
            .ToListAsync(ct);
        return new CallDetail(call, access, participants);
    }
}
