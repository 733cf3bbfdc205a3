using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calls;

/// <summary>A call in a list; <see cref="IsMine"/> when the viewer facilitates it or takes part in it through an organisation (invited or joined).</summary>
public sealed record CallSummary(Guid Id, string Title, string Slug, string Ecosystem, CallPhase Phase, CallVisibility Visibility, bool IsFacilitator, bool IsMine = false);

/// <summary>One page of a list of calls; <see cref="Page"/> is the page shown (from 1), <see cref="Pages"/> how many there are (at least 1).</summary>
public sealed record CallSearchResult(IReadOnlyList<CallSummary> Calls, int Total, int Page, int Pages);

public sealed record ParticipantView(Guid OrganisationId, string OrganisationName, ParticipantRole Role, InvitationState State);

public sealed record CallDetail(Call Call, CallAccess Access, IReadOnlyList<ParticipantView> Participants);

/// <summary>A call (with its facilitators, untracked) and what the actor may do in it.</summary>
public sealed record ReadableCall(Call Call, CallAccess Access);

/// <summary>Reading calls, within what the actor may see.</summary>
public sealed class CallQueries(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>Public calls, plus the members-only calls the actor takes part in or facilitates.</summary>
    public async Task<IReadOnlyList<CallSummary>> ListVisibleAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Summaries(db, Readable(db, actor).OrderByDescending(c => c.CreatedAt), actor).ToListAsync(ct);
    }

    /// <summary>
    /// One page (from 1) of the calls the actor may read whose title or ecosystem contains <paramref name="search"/>
    /// (any case; every call when empty), in <paramref name="phase"/> and <paramref name="territory"/> (its ecosystem,
    /// exactly) when given; the viewer's own calls first, then the newest first.
    /// </summary>
    public async Task<CallSearchResult> SearchAsync(
        Actor actor, string? search, int page, int pageSize, CallPhase? phase = null, string? territory = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var calls = Readable(db, actor);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
            calls = calls.Where(c => EF.Functions.ILike(c.Title, pattern, @"\") || EF.Functions.ILike(c.Ecosystem, pattern, @"\"));
        }

        if (phase is { } chosen)
        {
            calls = calls.Where(c => c.Phase == chosen);
        }

        if (!string.IsNullOrWhiteSpace(territory))
        {
            calls = calls.Where(c => c.Ecosystem == territory);
        }

        var total = await calls.CountAsync(ct);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var userId = actor.UserId;
        var ordered = calls
            .OrderByDescending(c => userId != null && (c.Facilitators.Any(f => f.UserId == userId) || db.Participants.Any(p => p.CallId == c.Id && p.State != InvitationState.Left
                && db.OrganisationMembers.Any(m => m.OrganisationId == p.OrganisationId && m.UserId == userId))))
            .ThenByDescending(c => c.CreatedAt).ThenBy(c => c.Id);
        var items = await Summaries(db, ordered.Skip((page - 1) * pageSize).Take(pageSize), actor).ToListAsync(ct);
        return new CallSearchResult(items, total, page, pages);
    }

    /// <summary>The territories (ecosystems) of the calls the actor may read, for the calls index's filter.</summary>
    public async Task<IReadOnlyList<string>> TerritoriesAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Readable(db, actor).Select(c => c.Ecosystem).Where(e => e != "").Distinct().OrderBy(e => e).ToListAsync(ct);
    }

    private static IQueryable<Call> Readable(AppDbContext db, Actor actor)
    {
        var userId = actor.UserId;
        var calls = db.Calls.AsNoTracking();
        return actor.IsAdministrator
            ? calls
            : calls.Where(c => c.Visibility == CallVisibility.Public
                || (userId != null && (c.Facilitators.Any(f => f.UserId == userId)
                    || db.Participants.Any(p => p.CallId == c.Id && p.State != InvitationState.Left
                        && db.OrganisationMembers.Any(m => m.OrganisationId == p.OrganisationId && m.UserId == userId)))));
    }

    private static IQueryable<CallSummary> Summaries(AppDbContext db, IQueryable<Call> calls, Actor actor)
    {
        var userId = actor.UserId;
        return calls.Select(c => new CallSummary(c.Id, c.Title, c.Slug, c.Ecosystem, c.Phase, c.Visibility,
            actor.IsAdministrator || c.Facilitators.Any(f => f.UserId == userId),
            userId != null && (c.Facilitators.Any(f => f.UserId == userId) || db.Participants.Any(p => p.CallId == c.Id && p.State != InvitationState.Left
                && db.OrganisationMembers.Any(m => m.OrganisationId == p.OrganisationId && m.UserId == userId)))));
    }

    /// <summary>
    /// The call behind a slug and the actor's access to it, without its framing and participants (what an endpoint
    /// needs to address a change to the call's id), or null when it does not exist or the actor may not see it.
    /// </summary>
    public async Task<ReadableCall?> ReadableAsync(string slug, Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CallAccess.ReadableAsync(db, slug, actor, ct) is var (call, access) ? new ReadableCall(call, access) : null;
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
