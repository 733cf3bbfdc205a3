using CommonsCall.Domain.Attachments;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Attachments;
using CommonsCall.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.FollowUp;

/// <summary>A tranche of the schedule; <see cref="MilestoneId"/> is null for the one paid at the start.</summary>
public sealed record TrancheView(int Position, Guid? MilestoneId, string? MilestoneTitle, int Percent, long Amount, TrancheState State, DateTimeOffset? SettledAt);

/// <summary>
/// A milestone of the commons' roadmap as the agreement follows it: the tranche it pays (if any), its declaration and
/// review, and whether it is late (due before today and not accepted). <see cref="Files"/> are the evidence files, listed
/// for those who may download them (the holders, facilitators and funders), empty for other readers.
/// </summary>
public sealed record MilestoneFollowUp(
    Guid MilestoneId, string Title, DateOnly DueOn, bool PaysTranche, bool IsLate,
    DeliverableState? State, IReadOnlyList<string> Evidence, string? DeclaredBy, DateTimeOffset? DeclaredAt, string? ReviewComment,
    IReadOnlyList<AttachmentView> Files);

/// <summary>What the viewer may do with the agreement now (the services check again).</summary>
public sealed record AgreementRights(bool Manage, bool AcceptSchedule, IReadOnlyList<OrganisationRef> DeclareFor);

/// <summary>A funded commons' agreement: its award and what was paid, returned and is left, its schedule and milestones.</summary>
public sealed record AgreementView(
    Guid Id,
    Guid CallId,
    Guid CommonsId,
    string CommonsTitle,
    string Currency,
    OrganisationRef Lead,
    IReadOnlyList<OrganisationRef> Associates,
    long Award,
    long Paid,
    long ReturnedToPool,
    long Remaining,
    AgreementStatus Status,
    ScheduleState Schedule,
    string? CancelReason,
    IReadOnlyList<TrancheView> Tranches,
    IReadOnlyList<MilestoneFollowUp> Milestones,
    AgreementRights You);

/// <summary>Where a funded commons stands after the vote, for the results: its award as corrected since settlement, what was paid, its status.</summary>
public sealed record AgreementSummary(long Award, long Paid, AgreementStatus Status);

/// <summary>Reads funding agreements as the viewer may see them: whoever sees the call's money (<see cref="CallAccess.SeesMoney"/>).</summary>
public sealed class AgreementQueries(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>Every agreement of the call by commons, or an empty map when the viewer does not see the call's money.</summary>
    public async Task<IReadOnlyDictionary<Guid, AgreementSummary>> SummariesAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallScope.LoadAsync(db, actor, callId, ct) is not { Access.SeesMoney: true })
        {
            return new Dictionary<Guid, AgreementSummary>();
        }

        return await db.FundingAgreements.AsNoTracking().Where(a => a.CallId == callId)
            .ToDictionaryAsync(a => a.CommonsId, a => new AgreementSummary(a.Award, a.Paid, a.Status), ct);
    }

    /// <summary>The agreement of the commons, or null when there is none the viewer may see.</summary>
    public async Task<AgreementView?> GetAsync(Actor actor, Guid callId, Guid commonsId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallScope.LoadAsync(db, actor, callId, ct) is not { Access.SeesMoney: true } scope)
        {
            return null;
        }

        var agreement = await db.FundingAgreements.AsNoTracking().Include(a => a.Tranches).Include(a => a.Deliverables).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.CallId == callId && a.CommonsId == commonsId, ct);
        if (agreement is null)
        {
            return null;
        }

        var commons = await db.Commons.AsNoTracking().Include(c => c.CoCreators).SingleAsync(c => c.Id == commonsId, ct);
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.CommonsId == commonsId).OrderBy(m => m.DueOn).ThenBy(m => m.Title).ToListAsync(ct);
        var holderIds = commons.CoCreators.Select(c => c.OrganisationId).Append(agreement.LeadOrganisationId).ToHashSet();
        var names = await db.Organisations.AsNoTracking().Where(o => holderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        OrganisationRef Ref(Guid id) => new(id, names[id]);

        var seesFiles = AttachmentFiles.SeesFollowUpFiles(scope.Access, commons.CoCreators.Select(c => c.OrganisationId));
        var files = seesFiles
            ? await AttachmentFiles.ListAsync(db, scope.Call.Slug, AttachmentOwner.Evidence, [.. agreement.Deliverables.Select(d => d.Id)], ct)
            : Array.Empty<AttachmentView>().ToLookup(f => f.Id);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var paying = agreement.Tranches.Where(t => t.MilestoneId is not null).Select(t => t.MilestoneId!.Value).ToHashSet();
        var followed = milestones.Select(m =>
        {
            var d = agreement.Deliverables.SingleOrDefault(x => x.MilestoneId == m.Id);
            var accepted = d?.State == DeliverableState.Accepted || m.IsDone;
            return new MilestoneFollowUp(
                m.Id, m.Title, m.DueOn, paying.Contains(m.Id), FollowUpProgress.IsLate(accepted, m.DueOn, today, agreement.IsClosed),
                d?.State, d?.Evidence ?? [], d is null ? null : names.GetValueOrDefault(d.DeclaredByOrganisationId), d?.DeclaredAt, d?.ReviewComment,
                d is null ? [] : [.. files[d.Id]]);
        }).ToList();

        var access = scope.Access;
        var rights = new AgreementRights(
            access.IsFacilitator && !agreement.IsClosed,
            access.Represents(agreement.LeadOrganisationId) && agreement.Schedule == ScheduleState.Proposed && !agreement.IsClosed,
            agreement.Schedule == ScheduleState.Accepted && !agreement.IsClosed
                ? [.. commons.CoCreators.Select(c => c.OrganisationId).Where(access.Represents).Select(Ref)]
                : []);

        return new AgreementView(
            agreement.Id,
            callId,
            commons.Id,
            commons.Title,
            scope.Call.Currency,
            Ref(agreement.LeadOrganisationId),
            [.. commons.CoCreators.Select(c => c.OrganisationId).Where(id => id != agreement.LeadOrganisationId).Select(Ref).OrderBy(o => o.Name, StringComparer.CurrentCulture)],
            agreement.Award,
            agreement.Paid,
            agreement.ReturnedToPool,
            agreement.Remaining,
            agreement.Status,
            agreement.Schedule,
            agreement.CancelReason,
            [.. agreement.Tranches.OrderBy(t => t.Position).Select(t => new TrancheView(
                t.Position, t.MilestoneId, milestones.SingleOrDefault(m => m.Id == t.MilestoneId)?.Title, t.Percent, t.Amount, t.State, t.SettledAt))],
            followed,
            rights);
    }
}
