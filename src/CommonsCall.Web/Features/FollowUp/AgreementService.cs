using CommonsCall.Domain.Attachments;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Attachments;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.FollowUp;

/// <summary>
/// The changes to a funded commons' agreement (DESIGN.md "Follow-up"): the rules are <see cref="FundingAgreement"/>'s;
/// this loads, lets it decide, and stores its ledger entries, an audit entry and its notifications (<see cref="AgreementNotices"/>)
/// in the same transaction.
/// </summary>
/// <remarks>
/// Every change holds the call's lock in exclusive mode (<see cref="CallLock.Exclusive"/>): they are rare, and money
/// moves in most of them, so one at a time per call is the simple way to pay a tranche once whatever arrives together
/// (an acceptance, a cancellation, a second click). The contributions that would have to wait are over: an agreement
/// exists only once the round is settled.
/// </remarks>
public sealed class AgreementService(
    CallChanges changes,
    AgreementNotices notices,
    Recognition.BadgeIssuer badges,
    IValidator<ProposeSchedule> proposeValidator,
    IValidator<DeclareMilestoneDone> declareValidator,
    IValidator<AskMilestoneChanges> askChangesValidator,
    IValidator<CancelAgreement> cancelValidator,
    IValidator<CorrectAward> correctValidator)
{
    public const string OnlyFacilitators = "Only the call's facilitators manage funding agreements.";

    public static DomainError NoAgreement => new(ErrorCodes.NotFound, "This commons has no funding agreement in this call.");

    public async Task<Result> ProposeScheduleAsync(Actor actor, ProposeSchedule command, CancellationToken ct = default) =>
        await proposeValidator.ValidateAsync(command, ct) is { IsValid: false } invalid
            ? invalid.ToDomainError()
            : await AsFacilitatorAsync(actor, command.CallId, command.CommonsId, async (x, a) =>
            {
                var coCreators = await x.Db.Commons.Where(c => c.Id == a.CommonsId).SelectMany(c => c.CoCreators.Select(o => o.OrganisationId)).ToListAsync(ct);
                var milestones = await x.Db.Milestones.Where(m => m.CommonsId == a.CommonsId).Select(m => m.Id).ToListAsync(ct);
                var before = Describe(a);
                var proposed = x.Audited(
                    a.ProposeSchedule(command.Tranches, command.LeadOrganisationId, coCreators.ToHashSet(), milestones.ToHashSet()),
                    "agreement.schedule_proposed", before, () => Describe(a));
                if (proposed.IsSuccess)
                {
                    await notices.ScheduleProposedAsync(x, a, ct);
                }

                return await FollowedAsync(x, proposed, ct);
            }, ct);

    public Task<Result> AcceptScheduleAsync(Actor actor, AcceptSchedule command, CancellationToken ct = default) =>
        AsParticipantAsync(actor, command.CallId, command.CommonsId, async (x, access, a) =>
            await PaidAsync(x, a, a.AcceptSchedule(access.Represents(a.LeadOrganisationId), actor.UserId, x.Now), "agreement.schedule_accepted",
                entries => notices.ScheduleAcceptedAsync(x, a, PaidBy(entries), ct), ct), ct);

    public async Task<Result> DeclareDoneAsync(Actor actor, DeclareMilestoneDone command, CancellationToken ct = default) =>
        await declareValidator.ValidateAsync(command, ct) is { IsValid: false } invalid
            ? invalid.ToDomainError()
            : await AsParticipantAsync(actor, command.CallId, command.CommonsId, async (x, access, a) =>
            {
                var isHolder = await x.Db.Commons.AnyAsync(c => c.Id == a.CommonsId && c.CoCreators.Any(o => o.OrganisationId == command.OrganisationId), ct);
                if (!isHolder || !access.Represents(command.OrganisationId))
                {
                    return new DomainError(ErrorCodes.Forbidden, "Only the commons' holders declare its milestones done.");
                }

                var files = command.Files ?? [];
                var declared = a.DeclareDone(command.MilestoneId, command.Evidence, command.OrganisationId, x.Now, files.Count);
                if (declared.Value is not { } deliverable)
                {
                    return declared.Error!;
                }

                if (await AttachmentFiles.AttachAsync(x, AttachmentOwner.Evidence, deliverable.Id, files, ct) is { Error: { } refused })
                {
                    return refused;
                }

                x.Audit("agreement.milestone_declared", null, new
                {
                    a.CommonsId, command.MilestoneId, command.OrganisationId, deliverable.Evidence, Files = files.Select(f => AttachmentPolicy.CleanName(f.FileName)),
                });
                await notices.MilestoneDeclaredAsync(x, a, command.MilestoneId, command.OrganisationId, ct);
                return await FollowedAsync(x, Result.Ok(), ct);
            }, ct);

    public Task<Result> AcceptMilestoneAsync(Actor actor, AcceptMilestone command, CancellationToken ct = default) =>
        AsFacilitatorAsync(actor, command.CallId, command.CommonsId, async (x, a) =>
        {
            var paid = await PaidAsync(x, a, a.AcceptDeliverable(command.MilestoneId, actor.UserId, x.Now), "agreement.milestone_accepted",
                entries => notices.MilestoneAcceptedAsync(x, a, command.MilestoneId, PaidBy(entries), ct), ct);
            if (!paid.IsSuccess)
            {
                return paid;
            }

            // The working group's roadmap shows the milestone done from now on.
            var milestone = await x.Db.Milestones.SingleAsync(m => m.Id == command.MilestoneId, ct);
            milestone.Update(milestone.Title, milestone.DueOn, milestone.OwnerOrganisationId, done: true, x.Now);
            if (a.Status == AgreementStatus.Delivered)
            {
                (await x.Db.Commons.SingleAsync(c => c.Id == a.CommonsId, ct)).MarkDelivered();
                await badges.IssueAsync(x.Db, x.Call.Id, x.Now, ct);
            }

            return paid;
        }, ct);

    public async Task<Result> AskChangesAsync(Actor actor, AskMilestoneChanges command, CancellationToken ct = default) =>
        await askChangesValidator.ValidateAsync(command, ct) is { IsValid: false } invalid
            ? invalid.ToDomainError()
            : await AsFacilitatorAsync(actor, command.CallId, command.CommonsId, async (x, a) =>
            {
                var asked = x.Audited(
                    a.AskChanges(command.MilestoneId, command.Comment, x.Now),
                    "agreement.changes_asked", null, () => new { a.CommonsId, command.MilestoneId, command.Comment });
                if (asked.IsSuccess)
                {
                    await notices.ChangesAskedAsync(x, a, command.MilestoneId, command.Comment, ct);
                }

                return await FollowedAsync(x, asked, ct);
            }, ct);

    public async Task<Result> CancelAsync(Actor actor, CancelAgreement command, CancellationToken ct = default) =>
        await cancelValidator.ValidateAsync(command, ct) is { IsValid: false } invalid
            ? invalid.ToDomainError()
            : await AsFacilitatorAsync(actor, command.CallId, command.CommonsId, (x, a) =>
                PaidAsync(x, a, a.Cancel(command.Reason, actor.UserId, x.Now), "agreement.cancelled", _ => notices.CancelledAsync(x, a, ct), ct), ct);

    public async Task<Result> CorrectAsync(Actor actor, CorrectAward command, CancellationToken ct = default) =>
        await correctValidator.ValidateAsync(command, ct) is { IsValid: false } invalid
            ? invalid.ToDomainError()
            : await AsFacilitatorAsync(actor, command.CallId, command.CommonsId, async (x, a) =>
            {
                var before = Describe(a);
                var previousAward = a.Award;
                var corrected = a.CorrectAward(command.Award, command.Reason, actor.UserId, x.Now);
                if (corrected.Value is not { } entry)
                {
                    return corrected.Error!;
                }

                x.Db.Ledger.Add(entry);
                x.Audit("agreement.award_corrected", before, new { Agreement = Describe(a), Reason = command.Reason.Trim() });
                await notices.AwardCorrectedAsync(x, a, previousAward, command.Reason, ct);
                await ContributionEvents.NotifyCallChangedAsync(x.Db, x.Call.Id, ct);
                return Result.Ok();
            }, ct);

    /// <summary>Stores the movements an accepted decision made, audits it with them, tells the people concerned (<paramref name="tell"/>) and open dashboards.</summary>
    private static async Task<Result> PaidAsync(
        CallChange x, FundingAgreement a, Result<IReadOnlyList<LedgerEntry>> decided, string action, Func<IReadOnlyList<LedgerEntry>, Task> tell, CancellationToken ct)
    {
        if (decided.Value is not { } entries)
        {
            return decided.Error!;
        }

        x.Db.Ledger.AddRange(entries);
        x.Audit(action, null, new { Agreement = Describe(a), Movements = entries.Select(e => new { e.Kind, e.Amount, e.Before, e.After }) });
        await tell(entries);
        if (entries.Count > 0)
        {
            await ContributionEvents.NotifyCallChangedAsync(x.Db, x.Call.Id, ct);
        }
        else
        {
            await ContributionEvents.NotifyFollowUpChangedAsync(x.Db, x.Call.Id, ct);
        }

        return Result.Ok();
    }

    private static long PaidBy(IReadOnlyList<LedgerEntry> entries) => entries.Where(e => e.Kind == LedgerEntryKind.Payment).Sum(e => e.Amount);

    /// <summary>Tells the open follow-up pages of an accepted change that moved no money (the NOTIFY leaves with the commit).</summary>
    private static async Task<Result> FollowedAsync(CallChange x, Result decided, CancellationToken ct)
    {
        if (decided.IsSuccess)
        {
            await ContributionEvents.NotifyFollowUpChangedAsync(x.Db, x.Call.Id, ct);
        }

        return decided;
    }

    private Task<Result> AsFacilitatorAsync(Actor actor, Guid callId, Guid commonsId, Func<CallChange, FundingAgreement, Task<Result>> apply, CancellationToken ct) =>
        changes.ManageAsync(actor, callId, CallLock.Exclusive, OnlyFacilitators,
            async x => await LoadAsync(x.Db, callId, commonsId, ct) is { } agreement ? await apply(x, agreement) : NoAgreement, ct);

    /// <summary>A change by someone who may see the call, whose right <paramref name="apply"/> checks against the actor's roles.</summary>
    private Task<Result> AsParticipantAsync(Actor actor, Guid callId, Guid commonsId, Func<CallChange, CallAccess, FundingAgreement, Task<Result>> apply, CancellationToken ct) =>
        changes.LockAsync(actor, callId, CallLock.Exclusive, async x =>
        {
            if (await CallScope.OfAsync(x.Db, actor, x.Call, ct) is not { } scope)
            {
                return new DomainError(ErrorCodes.NotFound, "Unknown call.");
            }

            return await LoadAsync(x.Db, callId, commonsId, ct) is { } agreement ? await apply(x, scope.Access, agreement) : NoAgreement;
        }, ct);

    private static Task<FundingAgreement?> LoadAsync(AppDbContext db, Guid callId, Guid commonsId, CancellationToken ct) =>
        db.FundingAgreements.Include(a => a.Tranches).Include(a => a.Deliverables).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.CallId == callId && a.CommonsId == commonsId, ct);

    private static object Describe(FundingAgreement a) => new
    {
        a.CommonsId,
        a.LeadOrganisationId,
        a.Award,
        a.Paid,
        a.ReturnedToPool,
        a.Status,
        a.Schedule,
        Tranches = a.Tranches.OrderBy(t => t.Position).Select(t => new { t.Position, t.MilestoneId, t.Percent, t.Amount, t.State }),
    };
}
