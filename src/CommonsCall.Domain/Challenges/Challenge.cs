using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Challenges;

public enum ChallengeStatus
{
    Draft = 0,
    Published = 1,
    Archived = 2,
}

/// <summary>A measurable indicator of the before/after scenario: where it stands today and where the challenge wants it.</summary>
public sealed record ScenarioIndicator(string Name, decimal Before, decimal Target, string? Unit);

/// <summary>Everything the author organisation writes about a challenge, set as a whole by each edit.</summary>
public sealed record ChallengeContent(
    string Question,
    string? Context,
    IReadOnlyList<string> Pains,
    string? ScenarioBefore,
    string? ScenarioAfter,
    IReadOnlyList<ScenarioIndicator> Indicators,
    string? WhoPays,
    string? WhoUses,
    string? WhoBenefits,
    int TargetCommunityMin,
    int TargetCommunityMax);

/// <summary>
/// A micro-challenge: a concrete pain phrased as a question, with the pains it removes, a measurable
/// before/after scenario, who pays, uses and benefits, the community it needs, a resource person named by
/// the facilitator and the organisations that support it.
/// </summary>
public sealed class Challenge
{
    /// <summary>DESIGN.md: a working community of 15 to 20 people by default.</summary>
    public const int DefaultTargetCommunityMin = 15;
    public const int DefaultTargetCommunityMax = 20;

    /// <summary>The sensible range of a target community: at least two people, at most a large workshop.</summary>
    public const int SmallestCommunity = 2;
    public const int LargestCommunity = 500;

    public const int MaxPains = 20;
    public const int MaxIndicators = 10;

    private readonly List<string> _pains = [];
    private readonly List<ScenarioIndicator> _indicators = [];
    private readonly List<ChallengeSupporter> _supporters = [];

    private Challenge()
    {
        Question = string.Empty;
    }

    public Challenge(Guid callId, Guid authorOrganisationId, string question, string context, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        CallId = callId;
        AuthorOrganisationId = authorOrganisationId;
        Question = question;
        Context = context;
        Status = ChallengeStatus.Draft;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid AuthorOrganisationId { get; private set; }

    /// <summary>Always ends with a question mark.</summary>
    public string Question { get; private set; }

    /// <summary>Markdown, rendered with raw HTML disabled.</summary>
    public string? Context { get; private set; }

    /// <summary>The pains the challenge removes, in the author's order.</summary>
    public IReadOnlyList<string> Pains => _pains;

    public string? ScenarioBefore { get; private set; }

    public string? ScenarioAfter { get; private set; }

    public IReadOnlyList<ScenarioIndicator> Indicators => _indicators;

    public string? WhoPays { get; private set; }

    public string? WhoUses { get; private set; }

    public string? WhoBenefits { get; private set; }

    public int TargetCommunityMin { get; private set; } = DefaultTargetCommunityMin;

    public int TargetCommunityMax { get; private set; } = DefaultTargetCommunityMax;

    /// <summary>The resource person's name: one of the call's facilitators (<see cref="ResourcePersonUserId"/>) or someone named.</summary>
    public string? ResourcePersonName { get; private set; }

    public string? ResourcePersonUserId { get; private set; }

    public ChallengeStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Optimistic concurrency token for edits (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public IReadOnlyCollection<ChallengeSupporter> Supporters => _supporters;

    public bool HasResourcePerson => ResourcePersonName is not null;

    public static bool IsQuestion(string text) => text.TrimEnd().EndsWith('?');

    /// <summary>
    /// Members write and support challenges while the call collects them and forms commons around them;
    /// facilitators are not bound by the phase.
    /// </summary>
    public static bool MembersMayContribute(CallPhase phase) => phase is CallPhase.Challenges or CallPhase.Commons;

    public bool IsSupportedBy(Guid organisationId) => _supporters.Any(s => s.OrganisationId == organisationId);

    public void Describe(ChallengeContent content)
    {
        Question = content.Question.Trim();
        Context = Clean(content.Context);
        _pains.Clear();
        _pains.AddRange(content.Pains.Select(p => p.Trim()));
        ScenarioBefore = Clean(content.ScenarioBefore);
        ScenarioAfter = Clean(content.ScenarioAfter);
        _indicators.Clear();
        _indicators.AddRange(content.Indicators.Select(i => i with { Name = i.Name.Trim(), Unit = Clean(i.Unit) }));
        WhoPays = Clean(content.WhoPays);
        WhoUses = Clean(content.WhoUses);
        WhoBenefits = Clean(content.WhoBenefits);
        TargetCommunityMin = content.TargetCommunityMin;
        TargetCommunityMax = content.TargetCommunityMax;
    }

    /// <summary>Publishes a draft, or puts an archived challenge back; publishing twice changes nothing.</summary>
    public void Publish(DateTimeOffset at)
    {
        Status = ChallengeStatus.Published;
        PublishedAt ??= at;
    }

    /// <summary>Publishes as of the creation date: for challenges seeded already published.</summary>
    public void Publish() => Publish(CreatedAt);

    /// <summary>Archiving keeps the challenge, its supporters and its history readable; archiving twice changes nothing.</summary>
    public void Archive() => Status = ChallengeStatus.Archived;

    /// <summary>Names the resource person, or removes it when <paramref name="name"/> is null.</summary>
    public void AssignResourcePerson(string? name, string? userId)
    {
        ResourcePersonName = Clean(name);
        ResourcePersonUserId = ResourcePersonName is null ? null : userId;
    }

    /// <summary>Another organisation says it shares the pain; supporting twice changes nothing.</summary>
    public Result Support(Guid organisationId, DateTimeOffset at)
    {
        if (organisationId == AuthorOrganisationId)
        {
            return Result.Fail(ErrorCodes.OwnChallenge, "An organisation does not support its own challenge: it wrote it.");
        }

        if (Status == ChallengeStatus.Archived)
        {
            return Result.Fail(ErrorCodes.ChallengeArchived, "This challenge is archived: it can no longer be supported.");
        }

        if (Status != ChallengeStatus.Published)
        {
            return Result.Fail(ErrorCodes.ChallengeNotPublished, "Only a published challenge can be supported.");
        }

        if (!IsSupportedBy(organisationId))
        {
            _supporters.Add(new ChallengeSupporter(Id, organisationId, at));
        }

        return Result.Ok();
    }

    /// <summary>Withdraws an organisation's support; withdrawing a support that does not exist changes nothing.</summary>
    public Result WithdrawSupport(Guid organisationId)
    {
        if (Status == ChallengeStatus.Archived)
        {
            return Result.Fail(ErrorCodes.ChallengeArchived, "This challenge is archived: its supporters no longer change.");
        }

        _supporters.RemoveAll(s => s.OrganisationId == organisationId);
        return Result.Ok();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>An organisation of the call that supports a challenge it did not write.</summary>
public sealed class ChallengeSupporter
{
    public ChallengeSupporter(Guid challengeId, Guid organisationId, DateTimeOffset supportedAt)
    {
        ChallengeId = challengeId;
        OrganisationId = organisationId;
        SupportedAt = supportedAt;
    }

    public Guid ChallengeId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public DateTimeOffset SupportedAt { get; private set; }
}
