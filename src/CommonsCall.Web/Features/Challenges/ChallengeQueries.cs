using System.Globalization;
using CommonsCall.Domain.Challenges;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Challenges;

/// <summary>
/// Filters of the challenge list. <see cref="Search"/> looks in the question, the context and the pains, ignoring
/// case and accents;
/// <see cref="SupportedByMe"/> keeps the challenges one of the viewer's organisations supports.
/// </summary>
public sealed record ChallengeFilter(
    string? Search = null,
    ChallengeStatus? Status = null,
    Guid? AuthorOrganisationId = null,
    bool SupportedByMe = false,
    bool? HasResourcePerson = null);

/// <summary>The call a challenge page belongs to, and what the viewer is in it.</summary>
public sealed record ChallengeCallView(Guid Id, string Slug, string Title, CallPhase Phase, CallAccess Access);

public sealed record OrganisationChoice(Guid Id, string Name);

public sealed record ChallengeSummary(
    Guid Id,
    string Question,
    ChallengeStatus Status,
    OrganisationChoice Author,
    int PainCount,
    int IndicatorCount,
    int SupporterCount,
    bool SupportedByMe,
    string? ResourcePersonName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt);

/// <summary>
/// The challenges the viewer may see, with the organisations that wrote some (for the author filter) and the
/// organisations the viewer may write a new challenge for (empty: the viewer may not write one now).
/// </summary>
public sealed record ChallengeList(ChallengeCallView Call, IReadOnlyList<ChallengeSummary> Challenges, IReadOnlyList<OrganisationChoice> Authors, IReadOnlyList<OrganisationChoice> MayWriteFor)
{
    public bool CanCreate => MayWriteFor.Count > 0;
}

public sealed record SupporterView(Guid OrganisationId, string Name, DateTimeOffset SupportedAt);

/// <summary>An organisation the viewer represents that may support the challenge, and whether it does.</summary>
public sealed record SupportChoice(Guid OrganisationId, string Name, bool Supports);

/// <summary>What the viewer may do with one challenge (each operation still checks it again).</summary>
public sealed record ChallengeRights(bool CanEdit, bool CanPublish, bool CanArchive, bool CanAssignResourcePerson, IReadOnlyList<SupportChoice> Support);

public sealed record FacilitatorChoice(string UserId, string DisplayName);

/// <summary>
/// One challenge as the viewer may see it. <see cref="ResourcePersonChoices"/> lists the call's facilitators for
/// those who may assign the resource person (empty for everyone else).
/// </summary>
public sealed record ChallengeDetail(
    ChallengeCallView Call,
    Challenge Challenge,
    OrganisationChoice Author,
    IReadOnlyList<SupporterView> Supporters,
    ChallengeRights You,
    IReadOnlyList<FacilitatorChoice> ResourcePersonChoices);

/// <summary>Reading micro-challenges: published and archived ones for whoever reads the call, drafts for their author and the facilitators.</summary>
public sealed class ChallengeQueries(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>The challenges of a call matching <paramref name="filter"/>, or null when the viewer may not read the call.</summary>
    public async Task<ChallengeList?> ListAsync(Actor actor, string slug, ChallengeFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAsync(db, actor, slug, ct) is not { } call)
        {
            return null;
        }

        var access = call.Access;
        var mine = access.MemberOrganisations.ToList();
        var challenges = Visible(db.Challenges.AsNoTracking().Where(c => c.CallId == call.Id), access);
        var authors = await db.Organisations.AsNoTracking()
            .Where(o => challenges.Any(c => c.AuthorOrganisationId == o.Id))
            .OrderBy(o => o.Name)
            .Select(o => new OrganisationChoice(o.Id, o.Name))
            .ToListAsync(ct);

        if (filter.Status is { } status)
        {
            challenges = challenges.Where(c => c.Status == status);
        }

        if (filter.AuthorOrganisationId is { } author)
        {
            challenges = challenges.Where(c => c.AuthorOrganisationId == author);
        }

        if (filter.SupportedByMe)
        {
            challenges = challenges.Where(c => c.Supporters.Any(s => mine.Contains(s.OrganisationId)));
        }

        if (filter.HasResourcePerson is { } hasResourcePerson)
        {
            challenges = challenges.Where(c => (c.ResourcePersonName != null) == hasResourcePerson);
        }

        var rows = await (from c in challenges
                          join o in db.Organisations on c.AuthorOrganisationId equals o.Id
                          orderby c.Status, c.PublishedAt ?? c.CreatedAt descending, c.Id descending
                          select new
                          {
                              Summary = new ChallengeSummary(
                                  c.Id,
                                  c.Question,
                                  c.Status,
                                  new OrganisationChoice(o.Id, o.Name),
                                  c.Pains.Count,
                                  c.Indicators.Count,
                                  c.Supporters.Count,
                                  c.Supporters.Any(s => mine.Contains(s.OrganisationId)),
                                  c.ResourcePersonName,
                                  c.CreatedAt,
                                  c.PublishedAt),
                              c.Context,
                              c.Pains,
                          })
            .ToListAsync(ct);

        // The text search runs here, not in SQL: the databases use the C locale, where ILIKE folds neither case
        // nor accents beyond ASCII, and French users type "velo" for "Vélo". A call holds tens of challenges.
        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            rows = rows.Where(r => Matches(r.Summary.Question, search) || Matches(r.Context, search) || r.Pains.Any(p => Matches(p, search))).ToList();
        }

        return new ChallengeList(call, rows.Select(r => r.Summary).ToList(), authors, await MayWriteForAsync(db, call, ct));
    }

    /// <summary>The form of a new challenge: the call, and the organisations the viewer may write for (null when the viewer may not read the call).</summary>
    public async Task<(ChallengeCallView Call, IReadOnlyList<OrganisationChoice> MayWriteFor)?> NewAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CallAsync(db, actor, slug, ct) is { } call ? (call, await MayWriteForAsync(db, call, ct)) : null;
    }

    /// <summary>One challenge, or null when it does not exist in this call or the viewer may not see it (404, not 403).</summary>
    public async Task<ChallengeDetail?> FindAsync(Actor actor, string slug, Guid challengeId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAsync(db, actor, slug, ct) is not { } call)
        {
            return null;
        }

        var challenge = await db.Challenges.AsNoTracking().Include(c => c.Supporters)
            .SingleOrDefaultAsync(c => c.Id == challengeId && c.CallId == call.Id, ct);
        if (challenge is null || !MaySee(call.Access, challenge))
        {
            return null;
        }

        var organisationIds = challenge.Supporters.Select(s => s.OrganisationId).Append(challenge.AuthorOrganisationId).Concat(call.Access.MemberOrganisations).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var supporters = challenge.Supporters.OrderBy(s => s.SupportedAt).Select(s => new SupporterView(s.OrganisationId, names[s.OrganisationId], s.SupportedAt)).ToList();

        var access = call.Access;
        var mayWrite = access.IsFacilitator || ChallengeService.RefusalAsAuthor(access, call.Phase, challenge) is null;
        var membersMayAct = Challenge.MembersMayContribute(call.Phase) && challenge.Status == ChallengeStatus.Published;
        var support = membersMayAct
            ? access.MemberOrganisations.Where(o => o != challenge.AuthorOrganisationId)
                .Select(o => new SupportChoice(o, names[o], challenge.IsSupportedBy(o)))
                .OrderBy(s => s.Name)
                .ToList()
            : [];
        var rights = new ChallengeRights(
            CanEdit: mayWrite,
            CanPublish: mayWrite && challenge.Status != ChallengeStatus.Published,
            CanArchive: access.IsFacilitator && challenge.Status != ChallengeStatus.Archived,
            CanAssignResourcePerson: access.IsFacilitator,
            Support: support);

        var facilitators = access.IsFacilitator
            ? await (from f in db.Set<CallFacilitator>()
                     join u in db.Users on f.UserId equals u.Id
                     where f.CallId == call.Id
                     orderby u.DisplayName
                     select new FacilitatorChoice(u.Id, u.DisplayName)).ToListAsync(ct)
            : [];
        return new ChallengeDetail(call, challenge, new OrganisationChoice(challenge.AuthorOrganisationId, names[challenge.AuthorOrganisationId]), supporters, rights, facilitators);
    }

    private static bool Matches(string? text, string search) =>
        text is not null && CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, search, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    /// <summary>Published and archived challenges are public to the call's readers; a draft only to its author organisation and the facilitators.</summary>
    internal static bool MaySee(CallAccess access, Challenge challenge) =>
        challenge.Status != ChallengeStatus.Draft || access.IsFacilitator || access.Represents(challenge.AuthorOrganisationId);

    private static IQueryable<Challenge> Visible(IQueryable<Challenge> challenges, CallAccess access)
    {
        if (access.IsFacilitator)
        {
            return challenges;
        }

        var mine = access.MemberOrganisations.ToList();
        return challenges.Where(c => c.Status != ChallengeStatus.Draft || mine.Contains(c.AuthorOrganisationId));
    }

    /// <summary>The organisations the viewer may write a challenge for now: those it represents (in the members' phases), all joined members for facilitators.</summary>
    private static async Task<IReadOnlyList<OrganisationChoice>> MayWriteForAsync(AppDbContext db, ChallengeCallView call, CancellationToken ct)
    {
        var access = call.Access;
        var mine = Challenge.MembersMayContribute(call.Phase) ? access.MemberOrganisations.ToList() : [];
        if (!access.IsFacilitator && mine.Count == 0)
        {
            return [];
        }

        return await (from p in db.Participants
                      join o in db.Organisations on p.OrganisationId equals o.Id
                      where p.CallId == call.Id && p.Role == ParticipantRole.Member && p.State == InvitationState.Joined
                            && (access.IsFacilitator || mine.Contains(o.Id))
                      orderby o.Name
                      select new OrganisationChoice(o.Id, o.Name)).ToListAsync(ct);
    }

    private static async Task<ChallengeCallView?> CallAsync(AppDbContext db, Actor actor, string slug, CancellationToken ct)
    {
        return await CallAccess.ReadableAsync(db, slug, actor, ct) is var (call, access)
            ? new ChallengeCallView(call.Id, call.Slug, call.Title, call.Phase, access)
            : null;
    }
}
