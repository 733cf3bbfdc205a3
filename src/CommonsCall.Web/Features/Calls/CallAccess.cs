using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Reports;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calls;

/// <summary>What one actor may do in one call: the single place where per-call roles are worked out.</summary>
public sealed record CallAccess(
    Actor Actor, bool IsFacilitator, IReadOnlySet<Guid> MemberOrganisations, IReadOnlySet<Guid> FunderOrganisations, IReadOnlySet<Guid> InvitedOrganisations,
    bool CallIsPublic)
{
    public bool IsMember => MemberOrganisations.Count > 0;

    public bool IsFunder => FunderOrganisations.Count > 0;

    /// <summary>
    /// Involved in the call in any way: may read a members-only call. An invitation is enough to read it (its
    /// framing, challenges and commons are what an organisation weighs before joining), not to see its money.
    /// </summary>
    public bool IsInvolved => IsFacilitator || IsMember || IsFunder || InvitedOrganisations.Count > 0;

    public bool CanRead(Call call) => call.Visibility == CallVisibility.Public || IsInvolved;

    /// <summary>Takes part in the call as its facilitator, a member or a funder: may watch its dashboard and reports.</summary>
    public bool TakesPart => IsFacilitator || IsMember || IsFunder;

    public bool Represents(Guid organisationId) => MemberOrganisations.Contains(organisationId);

    /// <summary>
    /// Whether this viewer sees the call's money at all (pool, funding, totals, results): anyone for a public call;
    /// for a members-only call only those who take part. An organisation that is only invited reads the call to decide
    /// whether to join, but the amounts are the members' affair until it does.
    /// </summary>
    public bool SeesMoney => CallIsPublic || TakesPart;

    // The contributions visibility rule (DESIGN.md ContributionsVisibility) for this viewer, in one place for every
    // page, API answer, export and report: facilitators see everything; a member always sees its own organisations'.

    /// <summary>Whether this viewer sees the totals per commons now.</summary>
    public bool SeesCommonsTotals(Call call) => IsFacilitator || (SeesMoney && call.ShowsCommonsTotals);

    /// <summary>Whether this viewer sees what every organisation gives now (otherwise only its own organisations').</summary>
    public bool SeesEveryContribution(Call call) => IsFacilitator || (SeesMoney && call.ShowsContributionsPerOrganisation);

    /// <summary>Whose contributions this viewer sees now.</summary>
    public ContributionSight ContributionSight(Call call) =>
        SeesEveryContribution(call) ? Domain.Reports.ContributionSight.All : Domain.Reports.ContributionSight.OnlyOwn(MemberOrganisations);

    /// <summary>Facilitators of the call and platform administrators manage it.</summary>
    public static bool CanManage(Actor actor, Call call) => actor.IsAdministrator || (actor.UserId is { } id && call.IsFacilitator(id));

    /// <summary>
    /// The call with this slug (with its facilitators) and the actor's access to it; null when there is no such call
    /// or the actor may not read it, which look the same to the outside (a members-only call is a 404).
    /// </summary>
    public static async Task<(Call Call, CallAccess Access)?> ReadableAsync(AppDbContext db, string slug, Actor actor, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Slug == slug, ct);
        if (call is null)
        {
            return null;
        }

        var access = await LoadAsync(db, call, actor, ct);
        return access.CanRead(call) ? (call, access) : null;
    }

    public static async Task<CallAccess> LoadAsync(AppDbContext db, Call call, Actor actor, CancellationToken ct)
    {
        if (actor.UserId is not { } userId)
        {
            return new CallAccess(actor, false, new HashSet<Guid>(), new HashSet<Guid>(), new HashSet<Guid>(), call.Visibility == CallVisibility.Public);
        }

        var participations = await db.Participants.AsNoTracking()
            .Where(p => p.CallId == call.Id && db.OrganisationMembers.Any(m => m.OrganisationId == p.OrganisationId && m.UserId == userId))
            .Select(p => new { p.OrganisationId, p.Role, p.State })
            .ToListAsync(ct);
        return new CallAccess(
            actor,
            CanManage(actor, call),
            participations.Where(p => p.Role == ParticipantRole.Member && p.State == InvitationState.Joined).Select(p => p.OrganisationId).ToHashSet(),
            participations.Where(p => p.Role == ParticipantRole.Funder && p.State == InvitationState.Joined).Select(p => p.OrganisationId).ToHashSet(),
            participations.Where(p => p.State == InvitationState.Invited).Select(p => p.OrganisationId).ToHashSet(),
            call.Visibility == CallVisibility.Public);
    }
}
