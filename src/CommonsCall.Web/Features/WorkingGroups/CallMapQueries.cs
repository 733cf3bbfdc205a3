using CommonsCall.Domain.Commons;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Commons;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.WorkingGroups;

/// <summary>What one organisation declared on one commons.</summary>
public sealed record MapCellView(Guid OrganisationId, Guid CommonsId, IReadOnlyList<PositioningKind> Kinds)
{
    public bool Produces => Kinds.Contains(PositioningKind.Produces);

    public bool Wants => Kinds.Contains(PositioningKind.Wants);
}

/// <summary>The map of a call: rows are organisations, columns commons, cells what each declared.</summary>
public sealed record CallMapView(
    CallHeader Call,
    IReadOnlyList<MapEntry> Organisations,
    IReadOnlyList<MapColumn> Commons,
    IReadOnlyList<MapCellView> Cells,
    IReadOnlyList<MapColumn> WantedButNotProduced)
{
    public MapCellView? Cell(Guid organisationId, Guid commonsId) =>
        Cells.FirstOrDefault(c => c.OrganisationId == organisationId && c.CommonsId == commonsId);
}

public sealed class CallMapQueries(IDbContextFactory<AppDbContext> factory, CommonsQueries commons)
{
    /// <summary>
    /// Every organisation taking part in the call (and any other that positioned itself) against every commons
    /// not cancelled; null when the viewer may not see the call.
    /// </summary>
    public async Task<CallMapView?> MapAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        var header = await commons.CallAsync(actor, slug, ct);
        if (header is null)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var columns = await db.Commons.AsNoTracking()
            .Where(c => c.CallId == header.Id && c.Status != CommonsStatus.Cancelled)
            .OrderBy(c => c.Title)
            .Select(c => new MapEntry(c.Id, c.Title))
            .ToListAsync(ct);
        var positionings = await db.Positionings.AsNoTracking()
            .Where(p => p.CallId == header.Id)
            .Select(p => new MapCell(p.OrganisationId, p.CommonsId, p.Kinds))
            .ToListAsync(ct);
        var positioned = positionings.Select(p => p.OrganisationId).Distinct().ToList();
        var rows = await db.Organisations.AsNoTracking()
            .Where(o => positioned.Contains(o.Id)
                || db.Participants.Any(p => p.CallId == header.Id && p.OrganisationId == o.Id && p.State == InvitationState.Joined))
            .OrderBy(o => o.Name)
            .Select(o => new MapEntry(o.Id, o.Name))
            .ToListAsync(ct);

        var map = CommonsMap.Build(rows, columns, positionings);
        return new CallMapView(header, map.Organisations, map.Commons, [.. map.Cells.Select(c => new MapCellView(c.OrganisationId, c.CommonsId, Positioning.ListOf(c.Kinds)))], map.WantedButNotProduced);
    }
}
