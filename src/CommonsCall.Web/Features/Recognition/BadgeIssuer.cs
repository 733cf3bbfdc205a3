using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Recognition;
using CommonsCall.Domain.Reports;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Recognition;

/// <summary>
/// Issues the badges whose facts are true, once each (a unique key per kind, subject and recipient): the features call
/// it inside their own unit of work when a fact may have become true (settlement, delivery), so the badges commit
/// with the change that earned them, and so do the notices telling their holders. Running it again issues nothing twice.
/// </summary>
public sealed class BadgeIssuer(Notifier notifier)
{
    private const PositioningKinds Contributes = PositioningKinds.ContributesSkills | PositioningKinds.ContributesTechnicalMeans | PositioningKinds.ContributesMoneyInKind;

    /// <summary>
    /// The facts: the co-creators of a funded (or delivered) commons hold it; organisations positioned as contributors
    /// on a delivered commons contributed to it; a facilitator named resource person of a published challenge of a
    /// settled call was one; the organisations ranked first by the involvement ranking of a settled call were the most
    /// involved; a person who scored a commons that a published selection session decided evaluated the call.
    /// </summary>
    public async Task<IReadOnlyList<Badge>> IssueAsync(AppDbContext db, Guid callId, DateTimeOffset now, CancellationToken ct)
    {
        // The caller's changes (a commons just funded or delivered) are flushed, in its transaction, so the facts read them.
        await db.SaveChangesAsync(ct);
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId, ct);
        var wanted = new List<Badge>();
        var funded = await db.Commons.AsNoTracking().Include(c => c.CoCreators)
            .Where(c => c.CallId == callId && (c.Status == CommonsStatus.Funded || c.Status == CommonsStatus.Delivered)).ToListAsync(ct);
        wanted.AddRange(funded.SelectMany(c => c.CoCreators.Select(o => Badge.ToOrganisation(BadgeKind.FundedCommonsHolder, callId, c.Id, o.OrganisationId, now))));

        var delivered = funded.Where(c => c.Status == CommonsStatus.Delivered).Select(c => c.Id).ToList();
        var contributors = await db.Positionings.AsNoTracking().Where(p => delivered.Contains(p.CommonsId)).ToListAsync(ct);
        wanted.AddRange(contributors.Where(p => (p.Kinds & Contributes) != 0)
            .Select(p => Badge.ToOrganisation(BadgeKind.DeliveredCommonsContributor, callId, p.CommonsId, p.OrganisationId, now)));

        var decided = db.SelectionDecisions.Where(d => d.CallId == callId).Select(d => d.CommonsId);
        var evaluators = await db.Evaluations.AsNoTracking().Where(e => e.CallId == callId && decided.Contains(e.CommonsId))
            .Select(e => e.EvaluatorId).Distinct().ToListAsync(ct);
        wanted.AddRange(evaluators.Select(userId => Badge.ToPerson(BadgeKind.Evaluator, callId, callId, userId, now)));

        if (call.IsSettled)
        {
            var challenges = await db.Challenges.AsNoTracking().Include(c => c.Supporters).Where(c => c.CallId == callId).ToListAsync(ct);
            wanted.AddRange(challenges.Where(c => c.Status == ChallengeStatus.Published && c.ResourcePersonUserId is not null)
                .Select(c => Badge.ToPerson(BadgeKind.ChallengeResourcePerson, callId, c.Id, c.ResourcePersonUserId!, now)));
            wanted.AddRange((await MostInvolvedAsync(db, callId, challenges, ct)).Select(o => Badge.ToOrganisation(BadgeKind.MostInvolvedOrganisation, callId, callId, o, now)));
        }

        var badges = db.Set<Badge>();
        var issued = (await badges.Where(b => b.CallId == callId).Select(b => new { b.Kind, b.SubjectId, b.RecipientKey }).ToListAsync(ct))
            .Select(b => (b.Kind, b.SubjectId, b.RecipientKey)).ToHashSet();
        var fresh = wanted.Where(b => issued.Add((b.Kind, b.SubjectId, b.RecipientKey))).ToList();
        badges.AddRange(fresh);
        foreach (var badge in fresh)
        {
            await NotifyHolderAsync(db, call.Title, badge, ct);
        }

        return fresh;
    }

    /// <summary>
    /// The badge's holder (the organisation's representatives, or the person) learns in their language what it was
    /// awarded for, with a link to its public page, which they may share. Once per badge, as it is issued.
    /// </summary>
    private async Task NotifyHolderAsync(AppDbContext db, string callTitle, Badge badge, CancellationToken ct)
    {
        var holders = await BadgeQueries.HoldersAsync(db, badge, ct);
        var body = new List<Words> { new($"notifications.badge.awarded.{badge.Kind}.body", callTitle) };
        if (await BadgeQueries.SubjectAsync(db, badge, ct) is { } subject)
        {
            body.Add(new Words("notifications.badge.awarded.subject", subject));
        }

        body.Add(new Words("notifications.badge.awarded.share"));
        await notifier.NotifyUsersAsync(db, holders, NotificationType.BadgeAwarded, badge.CallId, $"/badges/{badge.Id}",
            new NotificationText(new Words($"notifications.badge.awarded.{badge.Kind}.title"), body), ct);
    }

    /// <summary>The organisations of rank 1 in the call's involvement ranking, counted as its facilitators see it (every contribution).</summary>
    private static async Task<IReadOnlyList<Guid>> MostInvolvedAsync(AppDbContext db, Guid callId, IReadOnlyList<Challenge> challenges, CancellationToken ct)
    {
        var positionings = await db.Positionings.AsNoTracking().Where(p => p.CallId == callId).ToListAsync(ct);
        var contributions = await db.Contributions.AsNoTracking().Where(c => c.CallId == callId && c.Amount > 0).ToListAsync(ct);
        var milestones = await db.Milestones.AsNoTracking().Where(m => db.Commons.Any(c => c.Id == m.CommonsId && c.CallId == callId)).ToListAsync(ct);
        var joined = await db.Participants.AsNoTracking().Where(p => p.CallId == callId && p.State == InvitationState.Joined && p.Role == ParticipantRole.Member)
            .Select(p => p.OrganisationId).Distinct().ToListAsync(ct);
        var names = await db.Organisations.AsNoTracking().Where(o => joined.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var ranked = InvolvementRanking.Rank(InvolvementRanking.Count(
            names.Select(n => new ReportOrganisation(n.Key, n.Value)), positionings, contributions, milestones, challenges, ContributionSight.All));
        return [.. ranked.Where(r => r.Rank == 1 && r.Involvement.Score > 0).Select(r => r.Involvement.Organisation.Id)];
    }
}
