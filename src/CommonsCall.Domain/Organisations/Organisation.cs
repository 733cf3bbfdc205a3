using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Organisations;

public enum OrganisationKind
{
    Startup = 0,
    Sme = 1,
    LargeCompany = 2,
    PublicBody = 3,
    Association = 4,
    Research = 5,
    Other = 6,
}

/// <summary>Micro &lt; 10 people, small &lt; 50, medium &lt; 250, large otherwise.</summary>
public enum SizeBand
{
    Micro = 0,
    Small = 1,
    Medium = 2,
    Large = 3,
}

/// <summary>Development stage; the first three are initial, the next three later, the last two final.</summary>
public enum DevelopmentStage
{
    Gestation = 0,
    Creation = 1,
    StartUp = 2,
    Takeover = 3,
    Development = 4,
    Maintenance = 5,
    Disengagement = 6,
    Transfer = 7,
}

public sealed class Organisation
{
    private readonly List<OrganisationMember> _members = [];

    private Organisation()
    {
        Name = string.Empty;
    }

    public Organisation(string name, OrganisationKind kind, SizeBand sizeBand, DevelopmentStage stage, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        Name = name;
        Kind = kind;
        SizeBand = sizeBand;
        Stage = stage;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public OrganisationKind Kind { get; private set; }

    public SizeBand SizeBand { get; private set; }

    public DevelopmentStage Stage { get; private set; }

    public string? Website { get; private set; }

    public string? Description { get; private set; }

    /// <summary>Where it acts (a city, a region), as a facilitator's import names it.</summary>
    public string? Territory { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyCollection<OrganisationMember> Members => _members;

    public void Describe(string name, OrganisationKind kind, SizeBand sizeBand, DevelopmentStage stage, string? website, string? description)
    {
        Name = name;
        Kind = kind;
        SizeBand = sizeBand;
        Stage = stage;
        Website = string.IsNullOrWhiteSpace(website) ? null : website.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    public void Locate(string? territory) => Territory = string.IsNullOrWhiteSpace(territory) ? null : territory.Trim();

    public bool HasMember(string userId) => _members.Any(m => m.UserId == userId);

    public void AddMember(string userId)
    {
        if (!HasMember(userId))
        {
            _members.Add(new OrganisationMember(Id, userId));
        }
    }

    /// <summary>
    /// Someone stops representing the organisation (they left it, or were never meant to): they no longer act for it.
    /// The last representative stays, so that the organisation is never left with nobody to speak for it.
    /// </summary>
    public Result RemoveMember(string userId)
    {
        var member = _members.SingleOrDefault(m => m.UserId == userId);
        if (member is null)
        {
            return new DomainError(ErrorCodes.NotFound, "This person does not represent the organisation.");
        }

        if (_members.Count == 1)
        {
            return new DomainError(ErrorCodes.LastRepresentative, "An organisation keeps at least one representative.");
        }

        _members.Remove(member);
        return Result.Ok();
    }
}

/// <summary>A user who represents an organisation.</summary>
public sealed class OrganisationMember
{
    public OrganisationMember(Guid organisationId, string userId)
    {
        OrganisationId = organisationId;
        UserId = userId;
    }

    public Guid OrganisationId { get; private set; }

    public string UserId { get; private set; }
}
