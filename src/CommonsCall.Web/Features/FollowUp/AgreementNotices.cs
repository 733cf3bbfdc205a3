using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.FollowUp;

/// <summary>
/// Who learns what of a funding agreement, written in the change's own unit of work (<see cref="Notifier"/>): the rows
/// and mails commit with the change or not at all. The person who made the change is not told of it.
/// </summary>
/// <remarks>
/// Holders are the commons' co-creators (the lead holder among them); funders, the call's joined funders; facilitators,
/// the call's. Each notification links to the commons' follow-up page.
/// </remarks>
public sealed class AgreementNotices(Notifier notifier)
{
    /// <summary>The facilitator proposed a schedule: the lead holder's people are asked to accept it.</summary>
    public async Task ScheduleProposedAsync(CallChange x, FundingAgreement a, CancellationToken ct)
    {
        var c = await CommonsAsync(x, a, ct);
        await SendAsync(x, a, NotificationType.ScheduleProposed, [], [a.LeadOrganisationId], ct,
            new Words("notifications.followup.schedule.proposed.title", c.Title),
            // A schedule has one tranche at least: the singular is for one only, in French as in English.
            new Words("notifications.followup.schedule.proposed.body" + (a.Tranches.Count == 1 ? Plurals.One : Plurals.Other), a.Tranches.Count, Money(x, a.Award)));
    }

    /// <summary>The lead holder accepted the schedule (and the start tranche was paid): facilitators and funders.</summary>
    public async Task ScheduleAcceptedAsync(CallChange x, FundingAgreement a, long paidNow, CancellationToken ct)
    {
        var c = await CommonsAsync(x, a, ct);
        var lead = await NameAsync(x, a.LeadOrganisationId, ct);
        await SendAsync(x, a, NotificationType.ScheduleAccepted, await FacilitatorsAsync(x, ct), await FundersAsync(x, ct), ct,
            new Words("notifications.followup.schedule.accepted.title", c.Title),
            paidNow > 0
                ? new Words("notifications.followup.schedule.accepted.paid", lead, Money(x, paidNow))
                : new Words("notifications.followup.schedule.accepted.nothing", lead));
    }

    /// <summary>A holder declared a milestone done: the facilitators are asked to review it.</summary>
    public async Task MilestoneDeclaredAsync(CallChange x, FundingAgreement a, Guid milestoneId, Guid byOrganisationId, CancellationToken ct)
    {
        var c = await CommonsAsync(x, a, ct);
        await SendAsync(x, a, NotificationType.MilestoneDeclared, await FacilitatorsAsync(x, ct), [], ct,
            new Words("notifications.followup.milestone.declared.title", c.Title, await MilestoneAsync(x, milestoneId, ct)),
            new Words("notifications.followup.milestone.declared.body", await NameAsync(x, byOrganisationId, ct)));
    }

    /// <summary>The facilitator accepted a milestone and its tranche was paid: holders and funders.</summary>
    public async Task MilestoneAcceptedAsync(CallChange x, FundingAgreement a, Guid milestoneId, long paidNow, CancellationToken ct)
    {
        var c = await CommonsAsync(x, a, ct);
        var body = new List<Words>
        {
            new("notifications.followup.milestone.accepted.body", Money(x, paidNow), await NameAsync(x, a.LeadOrganisationId, ct)),
            new("notifications.followup.milestone.accepted.total", Money(x, a.Paid), Money(x, a.Award)),
        };
        if (a.Status == AgreementStatus.Delivered)
        {
            body.Add(new Words("notifications.followup.milestone.accepted.delivered"));
        }

        await SendAsync(x, a, NotificationType.MilestoneAccepted, [], [.. c.Holders, .. await FundersAsync(x, ct)], ct,
            new Words("notifications.followup.milestone.accepted.title", c.Title, await MilestoneAsync(x, milestoneId, ct)), [.. body]);
    }

    /// <summary>The facilitator sent a declared milestone back: the holders, with the comment.</summary>
    public async Task ChangesAskedAsync(CallChange x, FundingAgreement a, Guid milestoneId, string comment, CancellationToken ct)
    {
        var c = await CommonsAsync(x, a, ct);
        await SendAsync(x, a, NotificationType.MilestoneChangesAsked, [], c.Holders, ct,
            new Words("notifications.followup.milestone.changes.title", c.Title, await MilestoneAsync(x, milestoneId, ct)),
            new Words("notifications.followup.milestone.changes.body", comment.Trim()));
    }

    /// <summary>The facilitator cancelled the commons: holders and funders, with the reason and where the money went.</summary>
    public async Task CancelledAsync(CallChange x, FundingAgreement a, CancellationToken ct)
    {
        var c = await CommonsAsync(x, a, ct);
        await SendAsync(x, a, NotificationType.AgreementCancelled, [], [.. c.Holders, .. await FundersAsync(x, ct)], ct,
            new Words("notifications.followup.cancelled.title", c.Title),
            new Words("notifications.followup.cancelled.reason", a.CancelReason ?? string.Empty),
            new Words("notifications.followup.cancelled.money", Money(x, a.Paid), Money(x, a.ReturnedToPool)));
    }

    /// <summary>The facilitator corrected the award: the lead holder and the funders, with both figures and the reason.</summary>
    public async Task AwardCorrectedAsync(CallChange x, FundingAgreement a, long before, string reason, CancellationToken ct)
    {
        var c = await CommonsAsync(x, a, ct);
        await SendAsync(x, a, NotificationType.AwardCorrected, [], [a.LeadOrganisationId, .. await FundersAsync(x, ct)], ct,
            new Words("notifications.followup.corrected.title", c.Title),
            new Words("notifications.followup.corrected.body", Money(x, before), Money(x, a.Award)),
            new Words("notifications.followup.corrected.reason", reason.Trim()));
    }

    private async Task SendAsync(
        CallChange x, FundingAgreement a, NotificationType type, IReadOnlyList<string> users, IReadOnlyList<Guid> organisations, CancellationToken ct,
        Words title, params Words[] body)
    {
        var people = users.Concat(await Notifier.RepresentativesAsync(x.Db, organisations, ct)).Where(id => id != x.Actor.UserId);
        await notifier.NotifyUsersAsync(x.Db, people, type, x.Call.Id, $"/calls/{x.Call.Slug}/commons/{a.CommonsId}/follow-up", new NotificationText(title, body), ct);
    }

    private static Amount Money(CallChange x, long minorUnits) => new(minorUnits, x.Call.Currency);

    private sealed record CommonsFacts(string Title, IReadOnlyList<Guid> Holders);

    private static async Task<CommonsFacts> CommonsAsync(CallChange x, FundingAgreement a, CancellationToken ct)
    {
        var commons = await x.Db.Commons.AsNoTracking().Where(c => c.Id == a.CommonsId)
            .Select(c => new { c.Title, Holders = c.CoCreators.Select(o => o.OrganisationId).ToList() }).SingleAsync(ct);
        return new CommonsFacts(commons.Title, commons.Holders);
    }

    private static Task<string> NameAsync(CallChange x, Guid organisationId, CancellationToken ct) =>
        x.Db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(ct);

    private static Task<string> MilestoneAsync(CallChange x, Guid milestoneId, CancellationToken ct) =>
        x.Db.Milestones.AsNoTracking().Where(m => m.Id == milestoneId).Select(m => m.Title).SingleAsync(ct);

    private static async Task<IReadOnlyList<string>> FacilitatorsAsync(CallChange x, CancellationToken ct) =>
        await x.Db.Calls.AsNoTracking().Where(c => c.Id == x.Call.Id).SelectMany(c => c.Facilitators.Select(f => f.UserId)).ToListAsync(ct);

    private static async Task<IReadOnlyList<Guid>> FundersAsync(CallChange x, CancellationToken ct) =>
        await x.Db.Participants.AsNoTracking()
            .Where(p => p.CallId == x.Call.Id && p.Role == ParticipantRole.Funder && p.State == InvitationState.Joined)
            .Select(p => p.OrganisationId).ToListAsync(ct);
}
