namespace CommonsCall.Domain.WorkingGroups;

/// <summary>A commons or an organisation on the map: its id and the name shown.</summary>
public sealed record MapEntry(Guid Id, string Name);

/// <summary>What one organisation declared on one commons.</summary>
public sealed record MapCell(Guid OrganisationId, Guid CommonsId, PositioningKinds Kinds)
{
    public bool Produces => (Kinds & PositioningKinds.Produces) != 0;

    public bool Wants => (Kinds & PositioningKinds.Wants) != 0;
}

/// <summary>How many organisations produce and want one commons; <see cref="WantedButNotProduced"/> makes it stand out.</summary>
public sealed record MapColumn(MapEntry Commons, int Producers, int Wanters, int Contributors, bool WantedButNotProduced);

/// <summary>
/// The map of a call: which organisations produce or want which commons (a matrix). A commons wanted by at
/// least <see cref="WantedByMany"/> organisations and produced by none is a need nobody answers yet.
/// </summary>
public sealed class CommonsMap
{
    public const int WantedByMany = 2;

    private readonly Dictionary<(Guid Organisation, Guid Commons), MapCell> _cells;

    private CommonsMap(IReadOnlyList<MapEntry> organisations, IReadOnlyList<MapColumn> commons, Dictionary<(Guid, Guid), MapCell> cells)
    {
        Organisations = organisations;
        Commons = commons;
        _cells = cells;
    }

    /// <summary>The rows, in the order given.</summary>
    public IReadOnlyList<MapEntry> Organisations { get; }

    /// <summary>The columns, in the order given.</summary>
    public IReadOnlyList<MapColumn> Commons { get; }

    public IReadOnlyCollection<MapCell> Cells => _cells.Values;

    /// <summary>The commons wanted by many and produced by none, most wanted first.</summary>
    public IReadOnlyList<MapColumn> WantedButNotProduced =>
        [.. Commons.Where(c => c.WantedButNotProduced).OrderByDescending(c => c.Wanters).ThenBy(c => c.Commons.Name, StringComparer.CurrentCulture)];

    public MapCell? Cell(Guid organisationId, Guid commonsId) => _cells.GetValueOrDefault((organisationId, commonsId));

    /// <summary>Builds the map; positionings on commons or organisations that are not listed are left out.</summary>
    public static CommonsMap Build(IEnumerable<MapEntry> organisations, IEnumerable<MapEntry> commons, IEnumerable<MapCell> positionings)
    {
        var columns = commons.ToList();
        var commonsIds = columns.Select(c => c.Id).ToHashSet();
        var rows = organisations.DistinctBy(o => o.Id).ToList();
        var rowIds = rows.Select(r => r.Id).ToHashSet();
        var cells = positionings
            .Where(p => p.Kinds != PositioningKinds.None && commonsIds.Contains(p.CommonsId) && rowIds.Contains(p.OrganisationId))
            .GroupBy(p => (p.OrganisationId, p.CommonsId))
            .ToDictionary(g => g.Key, g => new MapCell(g.Key.OrganisationId, g.Key.CommonsId, g.Aggregate(PositioningKinds.None, (k, p) => k | p.Kinds)));

        var mapColumns = columns.Select(c =>
        {
            var on = cells.Values.Where(x => x.CommonsId == c.Id).ToList();
            var producers = on.Count(x => x.Produces);
            var wanters = on.Count(x => x.Wants);
            var contributors = on.Count(x => (x.Kinds & ~(PositioningKinds.Produces | PositioningKinds.Wants)) != 0);
            return new MapColumn(c, producers, wanters, contributors, wanters >= WantedByMany && producers == 0);
        }).ToList();

        return new CommonsMap(rows, mapColumns, cells);
    }
}
