using System.Text.Json;
using CommonsCall.Domain.Accountability;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Accountability;

/// <summary>A measured "after" value, with its date, its source and the holder that recorded it.</summary>
public sealed record MeasureView(decimal Value, DateOnly MeasuredOn, string Source, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A before/after indicator of an answered challenge: where it stood, where the challenge wanted it, and what was measured after.</summary>
public sealed record IndicatorGain(string Name, string? Unit, decimal Before, decimal Target, MeasureView? Measured);

public sealed record ChallengeGains(Guid ChallengeId, string Question, IReadOnlyList<IndicatorGain> Indicators);

/// <summary>
/// A commons' accountability page (issue 15 §6): its timeline from the challenges it answers to its delivery, the
/// measured gains of those challenges' indicators, and what the viewer may do (<see cref="MeasureFor"/>: the holders
/// it represents, when the commons was funded).
/// </summary>
public sealed record AccountabilityView(
    Guid CallId,
    string CallSlug,
    string CallTitle,
    CallPhase Phase,
    string Currency,
    Guid CommonsId,
    string CommonsTitle,
    CommonsStatus Status,
    bool SeesMoney,
    bool ContributionsHidden,
    IReadOnlyList<TimelineEvent> Timeline,
    IReadOnlyList<ChallengeGains> Gains,
    IReadOnlyList<OrganisationRef> MeasureFor);

/// <summary>
/// Reads a commons' traceable chain for anyone who may read its call (a members-only call's commons is unknown to
/// others), gathering the facts from the commons, its challenges, the ledger, the audit log and its agreement; what
/// is told of the money is <see cref="AccountabilityTimeline"/>'s decision, from the viewer's sight of the call.
/// </summary>
public sealed class AccountabilityQueries(IDbContextFactory<AppDbContext> factory)
{
    public async Task<AccountabilityView?> GetAsync(Actor actor, Guid callId, Guid commonsId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallScope.LoadAsync(db, actor, callId, ct) is not { } scope)
        {
            return null;
        }

        var commons = await db.Commons.AsNoTracking().Include(c => c.Challenges).Include(c => c.CoCreators).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == commonsId && c.CallId == callId, ct);
        if (commons is null)
        {
            return null;
        }

        var (call, access) = (scope.Call, scope.Access);
        var challengeIds = commons.Challenges.Select(c => c.ChallengeId).ToList();
        var challenges = await db.Challenges.AsNoTracking()
            .Where(c => challengeIds.Contains(c.Id) && c.Status != ChallengeStatus.Draft && c.PublishedAt != null)
            .OrderBy(c => c.PublishedAt).ToListAsync(ct);
        var agreement = await db.FundingAgreements.AsNoTracking().Include(a => a.Tranches).Include(a => a.Deliverables).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.CommonsId == commonsId, ct);
        var facts = await FactsAsync(db, commons, challenges, agreement, ct);
        var sight = new TimelineSight(access.SeesMoney, access.SeesCommonsTotals(call), access.SeesEveryContribution(call));

        var measures = await db.IndicatorMeasures.AsNoTracking().Where(m => m.CommonsId == commonsId).ToListAsync(ct);
        var holders = commons.CoCreators.Select(c => c.OrganisationId).ToList();
        var names = await db.Organisations.AsNoTracking()
            .Where(o => holders.Contains(o.Id) || measures.Select(m => m.RecordedByOrganisationId).Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var gains = challenges.Select(c => new ChallengeGains(c.Id, c.Question, [.. c.Indicators.Select(i =>
        {
            var measured = measures.SingleOrDefault(m => m.ChallengeId == c.Id && m.Indicator == i.Name);
            return new IndicatorGain(i.Name, i.Unit, i.Before, i.Target, measured is null ? null
                : new MeasureView(measured.Value, measured.MeasuredOn, measured.Source, names[measured.RecordedByOrganisationId], measured.RecordedAt));
        })])).ToList();

        return new AccountabilityView(
            call.Id, call.Slug, call.Title, call.Phase, call.Currency, commons.Id, commons.Title, commons.Status,
            access.SeesMoney, !sight.ContributionTotal,
            AccountabilityTimeline.Build(facts, sight),
            gains,
            commons.IsFunded
                ? [.. holders.Where(access.Represents).Select(id => new OrganisationRef(id, names[id])).OrderBy(o => o.Name, StringComparer.CurrentCulture)]
                : []);
    }

    private static async Task<AccountabilityFacts> FactsAsync(
        AppDbContext db, Domain.Commons.Commons commons, IReadOnlyList<Challenge> challenges, FundingAgreement? agreement, CancellationToken ct)
    {
        var ledger = await db.Ledger.AsNoTracking().Where(e => e.CommonsId == commons.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var gifts = ledger.Where(e => e.Kind == LedgerEntryKind.Contribution).ToList();
        // Who gives is counted from the ledger: an organisation whose last movement left something on the commons.
        var contributors = gifts.GroupBy(g => g.OrganisationId).Count(g => g.Last().After > 0);
        var given = gifts.Count == 0 ? null
            : new ContributionFacts(contributors, commons.Status == CommonsStatus.NotFunded ? commons.Released : commons.Total, gifts[0].At, gifts[^1].At);
        var award = ledger.Where(e => e.Kind is LedgerEntryKind.Award or LedgerEntryKind.Match).ToList();
        var release = ledger.FirstOrDefault(e => e.Kind == LedgerEntryKind.Release);

        var audit = await db.Audit.AsNoTracking()
            .Where(e => e.CallId == commons.CallId && (e.Action == "commons.approved" || e.Action == "agreement.award_corrected"))
            .OrderBy(e => e.Id).ToListAsync(ct);
        var approvedAt = audit.LastOrDefault(e => e.Action == "commons.approved" && Mentions(e.After, commons.Id))?.At;
        var reasons = audit.Where(e => e.Action == "agreement.award_corrected" && Mentions(e.After, commons.Id))
            .Select(e => (e.At, Reason: ReasonOf(e.After))).ToList();

        var milestoneIds = agreement?.Deliverables.Select(d => d.MilestoneId).Concat(agreement.Tranches.Where(t => t.MilestoneId != null).Select(t => t.MilestoneId!.Value)).ToList() ?? [];
        var titles = await db.Milestones.AsNoTracking().Where(m => milestoneIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Title, ct);

        return new AccountabilityFacts(
            [.. challenges.Select(c => new AnsweredChallenge(c.Id, c.Question, c.PublishedAt!.Value))],
            commons.CreatedAt,
            approvedAt,
            given,
            commons.Status == CommonsStatus.NotFunded ? release?.At ?? award.FirstOrDefault()?.At : null,
            award.Count > 0 && commons.Status != CommonsStatus.NotFunded
                ? new FundingFacts(award[0].At, award.Where(e => e.Kind == LedgerEntryKind.Award).Sum(e => e.Amount), award.Where(e => e.Kind == LedgerEntryKind.Match).Sum(e => e.Amount))
                : null,
            agreement?.ScheduleAcceptedAt,
            agreement is null ? [] : [.. agreement.Deliverables.OrderBy(d => d.DeclaredAt).Select(d => new MilestoneFacts(
                d.MilestoneId, titles.GetValueOrDefault(d.MilestoneId, string.Empty), d.DeclaredAt,
                d.State == DeliverableState.Accepted ? d.ReviewedAt : null))],
            agreement is null ? [] : [.. agreement.Tranches.OrderBy(t => t.Position).Where(t => t.State == TrancheState.Paid && t.SettledAt != null).Select(t => new PaymentFacts(
                t.SettledAt!.Value, t.Amount, t.MilestoneId is { } m ? titles.GetValueOrDefault(m) : null))],
            [.. ledger.Where(e => e.Kind == LedgerEntryKind.Correction).Select(e => new CorrectionFacts(
                e.At, e.Before, e.After, reasons.FirstOrDefault(r => r.At == e.At).Reason))],
            agreement is { IsClosed: true, ClosedAt: { } closedAt }
                ? new ClosingFacts(closedAt, agreement.Status == AgreementStatus.Cancelled, agreement.CancelReason, agreement.ReturnedToPool)
                : null);
    }

    /// <summary>Whether an audit entry's document names the commons (its id, or its agreement's <c>CommonsId</c>).</summary>
    private static bool Mentions(string? json, Guid commonsId) => json is not null && json.Contains(commonsId.ToString(), StringComparison.OrdinalIgnoreCase);

    private static string? ReasonOf(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("Reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;
    }
}
