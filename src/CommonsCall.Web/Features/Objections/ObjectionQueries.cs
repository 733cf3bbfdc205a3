using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Objections;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Objections;

/// <summary>The objections to approving one commons, as the call's participants read them on its page and through the API.</summary>
public sealed record ObjectionsView(Guid CommonsId, CommonsStatus Status, ObjectionWindowView? Window, IReadOnlyList<ObjectionView> Objections, ObjectionRights You)
{
    public int OpenCount => Objections.Count(o => o.State == ObjectionState.Open);
}

/// <summary>The commons' objection window; <c>isOpen</c> says whether objecting is possible now.</summary>
public sealed record ObjectionWindowView(DateTimeOffset OpenedAt, DateTimeOffset ClosesAt, bool IsOpen);

public sealed record ObjectionView(Guid Id, OrganisationRef Organisation, string Reason, DateTimeOffset RaisedAt, ObjectionState State, string? Answer, DateTimeOffset? AnsweredAt);

/// <summary>What the reader may do: open the window and answer (facilitators), object on behalf of <see cref="ObjectAs"/> (participants, during the window).</summary>
public sealed record ObjectionRights(bool CanOpenWindow, bool CanAnswer, bool CanObject, IReadOnlyList<OrganisationRef> ObjectAs);

public sealed class ObjectionQueries(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>
    /// The commons' window and objections, or null when the actor does not take part in the call (objections are the
    /// participants' affair, like the call's money) or there is no such commons.
    /// </summary>
    public async Task<ObjectionsView?> ForCommonsAsync(Actor actor, string slug, Guid commonsId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access) || !access.TakesPart)
        {
            return null;
        }

        var status = await db.Commons.Where(c => c.Id == commonsId && c.CallId == call.Id).Select(c => (CommonsStatus?)c.Status).SingleOrDefaultAsync(ct);
        if (status is not { } commonsStatus)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var window = await db.Set<ObjectionWindow>().AsNoTracking().SingleOrDefaultAsync(w => w.CommonsId == commonsId, ct);
        var objections = await (from o in db.Set<Objection>().AsNoTracking()
                                join org in db.Organisations on o.OrganisationId equals org.Id
                                where o.CommonsId == commonsId
                                orderby o.RaisedAt
                                select new ObjectionView(o.Id, new OrganisationRef(org.Id, org.Name), o.Reason, o.RaisedAt, o.State, o.Answer, o.AnsweredAt)).ToListAsync(ct);
        var participating = access.MemberOrganisations.Union(access.FunderOrganisations).ToHashSet();
        var objectAs = await db.Organisations.AsNoTracking().Where(o => participating.Contains(o.Id)).OrderBy(o => o.Name)
            .Select(o => new OrganisationRef(o.Id, o.Name)).ToListAsync(ct);
        var proposed = commonsStatus == CommonsStatus.Proposed && call.Phase < CallPhase.Budgeting;
        var isOpen = window?.IsOpenAt(now) == true;
        return new ObjectionsView(
            commonsId,
            commonsStatus,
            window is null ? null : new ObjectionWindowView(window.OpenedAt, window.ClosesAt, isOpen),
            objections,
            new ObjectionRights(
                CanOpenWindow: access.IsFacilitator && proposed && !isOpen,
                CanAnswer: access.IsFacilitator,
                CanObject: proposed && isOpen && objectAs.Count > 0,
                objectAs));
    }
}
