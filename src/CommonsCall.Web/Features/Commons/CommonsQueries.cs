using System.Text.Json.Serialization;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Features.Commons;

/// <summary>The call a page or an answer is about; <see cref="Access"/> is for the pages (what the viewer may do), not the API.</summary>
public sealed record CallHeader(Guid Id, string Slug, string Title, string Currency, CallPhase Phase, [property: JsonIgnore] CallAccess Access);

public sealed record ChallengeRef(Guid Id, string Question);

/// <summary>One commons in the call's list, with the size of its working group.</summary>
public sealed record CommonsCard(
    Guid Id, string Title, string Summary, CommonsKind Kind, string Licence, CommonsMaturity Maturity, CommonsStatus Status,
    IReadOnlyList<CommonsNeeds> LookingFor, long MinimumGoal, long MaximumGoal, OrganisationRef ProposedBy, int Producers, int Wanters, int GroupSize, int Challenges);

public sealed record CommonsListView(CallHeader Call, IReadOnlyList<CommonsCard> Commons, bool CanPropose);

/// <summary>A commons' money once the budget round is on; <see cref="Total"/> is null when the call's visibility rule hides it.</summary>
public sealed record CommonsFundingState(long? Total, long Released, long Match);

/// <summary>An organisation of the working group: its positioning, if any, and whether it co-creates the commons.</summary>
public sealed record GroupMember(
    Guid OrganisationId, string Name, bool IsCoCreator, IReadOnlyList<PositioningKind> Kinds, string? Expectations, string? Availability, DateTimeOffset? UpdatedAt);

public sealed record MilestoneView(Guid Id, string Title, DateOnly DueOn, Guid OwnerOrganisationId, string OwnerName, bool IsDone, DateTimeOffset? DoneAt, bool IsLate);

public sealed record MeetingView(Guid Id, DateOnly On, string? Note);

public sealed record WorkingGroupView(IReadOnlyList<GroupMember> Members, IReadOnlyList<MilestoneView> Milestones, IReadOnlyList<MeetingView> Meetings, CadenceReport Cadence);

/// <summary>What the viewer may do on this commons now; <see cref="CanPositionAs"/> lists the organisations it may position.</summary>
public sealed record CommonsPermissions(bool CanEdit, bool CanEditBudget, bool CanManageGroup, bool CanReview, IReadOnlyList<OrganisationRef> CanPositionAs, bool CanEditCoCreators);

public sealed record CommonsDetailView(
    CallHeader Call,
    Guid Id,
    string Title,
    string Summary,
    CommonsKind Kind,
    string Licence,
    CommonsMaturity Maturity,
    CommonsStatus Status,
    string? Governance,
    string? CommunityPlan,
    string? CitizenInvolvement,
    string? MissingResources,
    IReadOnlyList<CommonsNeeds> LookingFor,
    string? SkillsWanted,
    string? ReviewComment,
    OrganisationRef ProposedBy,
    IReadOnlyList<OrganisationRef> CoCreators,
    IReadOnlyList<ChallengeRef> Challenges,
    IReadOnlyList<BudgetLine> BudgetLines,
    long MinimumGoal,
    long MaximumGoal,
    CommonsFundingState? Funding,
    WorkingGroupView WorkingGroup,
    CommonsPermissions You,
    string? RepositoryUrl = null,
    string? DocumentationUrl = null,
    CoverView? Cover = null);

/// <summary>A commons' cover as a page shows it: its text alternative, size, and the version that makes its address change when it does.</summary>
public sealed record CoverView(string AltText, int Width, int Height, DateTimeOffset UpdatedAt)
{
    public long Version => UpdatedAt.UtcTicks;
}

/// <summary>A cover image to serve; <see cref="Public"/> when anyone may read the call (a shared cache may keep it).</summary>
public sealed record CoverFile(byte[] Bytes, string ContentType, DateTimeOffset UpdatedAt, bool Public)
{
    public long Version => UpdatedAt.UtcTicks;
}

/// <summary>What the proposal form offers: who may propose, the challenges to link and the members who may co-create.</summary>
public sealed record ProposalOptions(
    CallHeader Call,
    IReadOnlyList<OrganisationRef> ProposeAs,
    IReadOnlyList<ChallengeRef> Challenges,
    IReadOnlyList<OrganisationRef> Members,
    IReadOnlyList<string> Licences,
    string? RefusalCode);

/// <summary>Reading commons within what the viewer may see: everything of a call they may read.</summary>
public sealed class CommonsQueries(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>The call behind a slug as this viewer sees it, or null (404) when it does not exist or is invisible to them.</summary>
    public async Task<CallHeader?> CallAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await LoadAsync(db, actor, slug, ct))?.Header;
    }

    public async Task<CommonsListView?> ListAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await LoadAsync(db, actor, slug, ct) is not { } loaded)
        {
            return null;
        }

        var (header, scope) = loaded;

        var commons = await db.Commons.AsNoTracking().Include(c => c.CoCreators).Include(c => c.Challenges)
            .Where(c => c.CallId == header.Id).OrderBy(c => c.Title).AsSplitQuery().ToListAsync(ct);
        var positionings = await db.Positionings.AsNoTracking().Where(p => p.CallId == header.Id)
            .Select(p => new { p.CommonsId, p.OrganisationId, p.Kinds }).ToListAsync(ct);
        var names = await NamesAsync(db, commons.Select(c => c.ProposedByOrganisationId), ct);
        var cards = commons.Select(c =>
        {
            var on = positionings.Where(p => p.CommonsId == c.Id).ToList();
            var group = on.Select(p => p.OrganisationId).Union(c.CoCreators.Select(x => x.OrganisationId)).Count();
            return new CommonsCard(c.Id, c.Title, c.Summary, c.Kind, c.Licence, c.Maturity, c.Status, c.LookingFor.Split(), c.MinimumGoal, c.MaximumGoal,
                new OrganisationRef(c.ProposedByOrganisationId, names[c.ProposedByOrganisationId]),
                on.Count(p => (p.Kinds & PositioningKinds.Produces) != 0), on.Count(p => (p.Kinds & PositioningKinds.Wants) != 0), group, c.Challenges.Count);
        }).ToList();
        return new CommonsListView(header, cards, scope.Access.IsMember && CommonsEntity.CheckCanPropose(scope.Call.Phase).IsSuccess);
    }

    public async Task<ProposalOptions?> ProposalOptionsAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await LoadAsync(db, actor, slug, ct) is not { } loaded)
        {
            return null;
        }

        var (header, scope) = loaded;

        var refusal = !scope.Access.IsMember ? Domain.Common.ErrorCodes.Forbidden : CommonsEntity.CheckCanPropose(scope.Call.Phase).Error?.Code;
        var challenges = await db.Challenges.AsNoTracking()
            .Where(c => c.CallId == header.Id && c.Status == ChallengeStatus.Published)
            .OrderBy(c => c.Question)
            .Select(c => new ChallengeRef(c.Id, c.Question))
            .ToListAsync(ct);
        var members = await (from p in db.Participants.AsNoTracking()
                             join o in db.Organisations on p.OrganisationId equals o.Id
                             where p.CallId == header.Id && p.Role == ParticipantRole.Member && p.State == InvitationState.Joined
                             orderby o.Name
                             select new OrganisationRef(o.Id, o.Name)).ToListAsync(ct);
        return new ProposalOptions(header, [.. members.Where(m => scope.Access.Represents(m.Id))], challenges, members, OpenLicences.All, refusal);
    }

    public async Task<CommonsDetailView?> DetailAsync(Actor actor, string slug, Guid commonsId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await LoadAsync(db, actor, slug, ct) is not { } loaded)
        {
            return null;
        }

        var (header, scope) = loaded;

        var commons = await db.Commons.AsNoTracking().Include(c => c.CoCreators).Include(c => c.Challenges).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == commonsId && c.CallId == header.Id, ct);
        if (commons is null)
        {
            return null;
        }

        var positionings = await db.Positionings.AsNoTracking().Where(p => p.CommonsId == commons.Id).ToListAsync(ct);
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.CommonsId == commons.Id).OrderBy(m => m.DueOn).ThenBy(m => m.Title).ToListAsync(ct);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.CommonsId == commons.Id).OrderBy(m => m.On).ToListAsync(ct);
        var challengeIds = commons.Challenges.Select(c => c.ChallengeId).ToList();
        var challenges = await db.Challenges.AsNoTracking().Where(c => challengeIds.Contains(c.Id)).OrderBy(c => c.Question)
            .Select(c => new ChallengeRef(c.Id, c.Question)).ToListAsync(ct);
        var coCreatorIds = commons.CoCreators.Select(c => c.OrganisationId).ToHashSet();
        var names = await NamesAsync(db,
            [commons.ProposedByOrganisationId, .. coCreatorIds, .. positionings.Select(p => p.OrganisationId), .. milestones.Select(m => m.OwnerOrganisationId), .. scope.ParticipatingOrganisations], ct);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var members = positionings.Select(p => p.OrganisationId).Union(coCreatorIds)
            .Select(id => positionings.SingleOrDefault(p => p.OrganisationId == id) is { } p
                ? new GroupMember(id, names[id], coCreatorIds.Contains(id), p.KindList, p.Expectations, p.Availability, p.UpdatedAt)
                : new GroupMember(id, names[id], true, [], null, null, null))
            .OrderByDescending(m => m.IsCoCreator).ThenBy(m => m.Name, StringComparer.CurrentCulture)
            .ToList();
        var group = new WorkingGroupView(
            members,
            [.. milestones.Select(m => new MilestoneView(m.Id, m.Title, m.DueOn, m.OwnerOrganisationId, names[m.OwnerOrganisationId], m.IsDone, m.DoneAt, m.IsLate(today)))],
            [.. meetings.Select(m => new MeetingView(m.Id, m.On, m.Note))],
            MeetingCadence.Analyse(meetings.Select(m => m.On), today));

        var access = scope.Access;
        var editor = CommonsService.EditorOf(access, commons);
        var you = new CommonsPermissions(
            editor is { } e && commons.CheckEditable(e, scope.Call.Phase).IsSuccess,
            editor is { } b && commons.CheckEditable(b, scope.Call.Phase, budgetLines: true).IsSuccess,
            access.IsFacilitator || members.Any(m => scope.ParticipatingOrganisations.Contains(m.OrganisationId)),
            access.IsFacilitator && scope.Call.Phase < CallPhase.Budgeting,
            [.. scope.ParticipatingOrganisations.Select(id => new OrganisationRef(id, names[id])).OrderBy(o => o.Name, StringComparer.CurrentCulture)],
            editor is { } c && commons.CheckEditable(c, scope.Call.Phase, coCreators: true).IsSuccess);

        var funded = scope.Call.Phase >= CallPhase.Budgeting && commons.Status is not (CommonsStatus.Proposed or CommonsStatus.Cancelled) && access.SeesMoney;
        return new CommonsDetailView(
            header, commons.Id, commons.Title, commons.Summary, commons.Kind, commons.Licence, commons.Maturity, commons.Status,
            commons.Governance, commons.CommunityPlan, commons.CitizenInvolvement, commons.MissingResources, commons.LookingFor.Split(), commons.SkillsWanted,
            commons.ReviewComment,
            new OrganisationRef(commons.ProposedByOrganisationId, names[commons.ProposedByOrganisationId]),
            [.. coCreatorIds.Select(id => new OrganisationRef(id, names[id])).OrderBy(o => o.Name, StringComparer.CurrentCulture)],
            challenges,
            [.. commons.BudgetLines],
            commons.MinimumGoal,
            commons.MaximumGoal,
            funded ? new CommonsFundingState(access.SeesCommonsTotals(scope.Call) ? commons.Total : null, commons.Released, commons.Match) : null,
            group,
            you,
            commons.RepositoryUrl,
            commons.DocumentationUrl,
            await db.CommonsCovers.AsNoTracking().Where(c => c.CommonsId == commons.Id)
                .Select(c => new CoverView(c.AltText, c.Width, c.Height, c.UpdatedAt)).SingleOrDefaultAsync(ct));
    }

    /// <summary>The cover image of a commons, or null when there is none or the viewer may not read the call.</summary>
    public async Task<CoverFile?> CoverAsync(Actor actor, string slug, Guid commonsId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await LoadAsync(db, actor, slug, ct) is not var (header, scope))
        {
            return null;
        }

        var isPublic = scope.Call.Visibility == CallVisibility.Public;
        return await db.CommonsCovers.AsNoTracking()
            .Where(c => c.CommonsId == commonsId && db.Commons.Any(x => x.Id == commonsId && x.CallId == header.Id))
            .Select(c => new CoverFile(c.Image, c.ContentType, c.UpdatedAt, isPublic))
            .SingleOrDefaultAsync(ct);
    }

    private static async Task<(CallHeader Header, CallScope Scope)?> LoadAsync(AppDbContext db, Actor actor, string slug, CancellationToken ct)
    {
        var id = await db.Calls.Where(c => c.Slug == slug).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
        if (id is null || await CallScope.LoadAsync(db, actor, id.Value, ct) is not { } scope)
        {
            return null;
        }

        var call = scope.Call;
        return (new CallHeader(call.Id, call.Slug, call.Title, call.Currency, call.Phase, scope.Access), scope);
    }

    private static async Task<Dictionary<Guid, string>> NamesAsync(AppDbContext db, IEnumerable<Guid> organisationIds, CancellationToken ct)
    {
        var ids = organisationIds.Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
