namespace CommonsCall.Domain.WorkingGroups;

/// <summary>One thing an organisation declares about a commons (déclaration d'engagement).</summary>
public enum PositioningKind
{
    /// <summary>Produces it (porteur, contributeur).</summary>
    Produces = 0,

    /// <summary>Wants it, would use it (organisation utilisatrice ou intéressée).</summary>
    Wants = 1,

    ContributesSkills = 2,

    ContributesTechnicalMeans = 3,

    /// <summary>Contributes money or resources in kind.</summary>
    ContributesMoneyInKind = 4,
}

/// <summary>The kinds of one positioning, stored as one integer.</summary>
[Flags]
public enum PositioningKinds
{
    None = 0,
    Produces = 1 << (int)PositioningKind.Produces,
    Wants = 1 << (int)PositioningKind.Wants,
    ContributesSkills = 1 << (int)PositioningKind.ContributesSkills,
    ContributesTechnicalMeans = 1 << (int)PositioningKind.ContributesTechnicalMeans,
    ContributesMoneyInKind = 1 << (int)PositioningKind.ContributesMoneyInKind,
}

/// <summary>
/// An organisation's declaration on a commons: what it produces, wants or contributes, what it expects to get
/// and how available it is. The organisations positioned on a commons form its working group.
/// </summary>
public sealed class Positioning
{
    private Positioning()
    {
    }

    public Positioning(Guid callId, Guid commonsId, Guid organisationId, IEnumerable<PositioningKind> kinds, string? expectations, string? availability, DateTimeOffset at)
    {
        CallId = callId;
        CommonsId = commonsId;
        OrganisationId = organisationId;
        CreatedAt = at;
        Update(kinds, expectations, availability, at);
    }

    public Guid CallId { get; private set; }

    public Guid CommonsId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public PositioningKinds Kinds { get; private set; }

    /// <summary>What the organisation expects to get from the commons (free text).</summary>
    public string? Expectations { get; private set; }

    /// <summary>How much time or means it can give, e.g. "2 jours par mois".</summary>
    public string? Availability { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool Produces => Has(PositioningKind.Produces);

    public bool Wants => Has(PositioningKind.Wants);

    public IReadOnlyList<PositioningKind> KindList => ListOf(Kinds);

    public bool Has(PositioningKind kind) => (Kinds & FlagOf(kind)) != 0;

    public void Update(IEnumerable<PositioningKind> kinds, string? expectations, string? availability, DateTimeOffset at)
    {
        Kinds = Combine(kinds);
        Expectations = string.IsNullOrWhiteSpace(expectations) ? null : expectations.Trim();
        Availability = string.IsNullOrWhiteSpace(availability) ? null : availability.Trim();
        UpdatedAt = at;
    }

    public static PositioningKinds FlagOf(PositioningKind kind) => (PositioningKinds)(1 << (int)kind);

    public static PositioningKinds Combine(IEnumerable<PositioningKind> kinds) =>
        kinds.Aggregate(PositioningKinds.None, (all, kind) => all | FlagOf(kind));

    public static IReadOnlyList<PositioningKind> ListOf(PositioningKinds kinds) =>
        [.. Enum.GetValues<PositioningKind>().Where(k => (kinds & FlagOf(k)) != 0)];
}
