using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Features.Objections;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Commons;

/// <summary>A commons on the steering page; <paramref name="FollowUp"/> is where its funding agreement stands once funded (in progress, delivered, cancelled).</summary>
public sealed record CommonsSummary(
    Guid Id, string Title, CommonsStatus Status, long MinimumGoal, long MaximumGoal, string ProposedBy, string? ReviewComment,
    Domain.FollowUp.AgreementStatus? FollowUp = null);

/// <summary>A facilitator approves a proposed commons for funding, or sends it back with a comment.</summary>
public sealed class CommonsReviewService(IDbContextFactory<AppDbContext> factory, CallChanges changes, Notifier notifier)
{
    public static readonly DomainError OnlyFacilitatorsReview = new(ErrorCodes.Forbidden, "Only the call's facilitators review commons.");

    public async Task<IReadOnlyList<CommonsSummary>?> ListForReviewAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await IsFacilitatorAsync(db, actor, callId, ct))
        {
            return null;
        }

        return await (from c in db.Commons.AsNoTracking()
                      join o in db.Organisations on c.ProposedByOrganisationId equals o.Id
                      join a in db.FundingAgreements on c.Id equals a.CommonsId into agreements
                      from a in agreements.DefaultIfEmpty()
                      where c.CallId == callId
                      orderby c.Title
                      select new CommonsSummary(
                          c.Id, c.Title, c.Status, c.MinimumGoal, c.MaximumGoal, o.Name, c.ReviewComment,
                          a == null ? null : a.Status)).ToListAsync(ct);
    }

    public async Task<Result> ApproveAsync(Actor actor, ApproveCommons command, CancellationToken ct = default) =>
        await ReviewAsync(actor, command.CallId, command.CommonsId, async (x, c) =>
        {
            // Approving an approved commons again changes nothing; a proposed one waits for its objection window (issue 16 §4).
            var objections = c.Status == CommonsStatus.Proposed ? await ObjectionService.CheckApprovalAsync(x.Db, c, x.Now, ct) : Result.Ok();
            return objections.IsSuccess ? c.Approve() : objections;
        }, "commons.approved", ct);

    public async Task<Result> SendBackAsync(Actor actor, SendBackCommons command, CancellationToken ct = default)
    {
        var (callId, commonsId, comment) = command;
        if (string.IsNullOrWhiteSpace(comment) || comment.Length > SchemaConstants.LongTextLength)
        {
            return new DomainError(ErrorCodes.Validation, "A comment is required to send a commons back.",
                new Dictionary<string, string[]> { ["Comment"] = ["A comment is required to send a commons back."] });
        }

        return await ReviewAsync(actor, callId, commonsId, (_, c) => { c.SendBack(comment.Trim()); return Task.FromResult(Result.Ok()); }, "commons.sent_back", ct);
    }

    /// <remarks>
    /// Shares the call's lock with other reviews; opening the round takes it exclusively, so a commons can
    /// never be approved after Budgeting has opened. Raising an objection takes it exclusively too (<see cref="ObjectionService"/>).
    /// </remarks>
    private Task<Result> ReviewAsync(Actor actor, Guid callId, Guid commonsId, Func<CallChange, Domain.Commons.Commons, Task<Result>> change, string action, CancellationToken ct) =>
        changes.ManageAsync(actor, callId, CallLock.Shared, OnlyFacilitatorsReview.Detail, async x =>
        {
            if (x.Call.Phase >= Domain.Calls.CallPhase.Budgeting)
            {
                return Result.Fail(ErrorCodes.WrongPhase, "Commons are reviewed before the budget round opens.");
            }

            var commons = await x.Db.Commons.SingleOrDefaultAsync(c => c.Id == commonsId && c.CallId == callId, ct);
            if (commons is null)
            {
                return Result.Fail(ErrorCodes.NotFound, "Unknown commons in this call.");
            }

            var before = commons.Status;
            var outcome = x.Audited(await change(x, commons), action, new { commons.Id, Status = before.ToString() }, () => new { commons.Id, Status = commons.Status.ToString(), commons.ReviewComment });
            // Approving an approved commons again changes nothing, and says nothing.
            if (outcome.IsSuccess && !(before == CommonsStatus.ApprovedForFunding && commons.Status == before))
            {
                await NotifyProposerAsync(x, commons, ct);
            }

            return outcome;
        }, ct);

    /// <summary>The proposing organisation learns the review (and the comment of a send-back) with the change itself.</summary>
    private Task NotifyProposerAsync(CallChange x, Domain.Commons.Commons commons, CancellationToken ct)
    {
        var text = commons.Status == CommonsStatus.ApprovedForFunding
            ? new NotificationText(new Words("notifications.commons.approved.title", commons.Title), new Words("notifications.commons.approved.body"))
            : new NotificationText(new Words("notifications.commons.sentback.title", commons.Title), new Words("notifications.commons.sentback.body", commons.ReviewComment ?? string.Empty));
        return notifier.NotifyOrganisationsAsync(x.Db, [commons.ProposedByOrganisationId], NotificationType.CommonsReviewed, x.Call.Id,
            $"/calls/{x.Call.Slug}/commons/{commons.Id}", text, ct);
    }

    private static async Task<bool> IsFacilitatorAsync(AppDbContext db, Actor actor, Guid callId, CancellationToken ct) =>
        actor.IsAdministrator
        || (actor.UserId is { } id && await db.Calls.AnyAsync(c => c.Id == callId && c.Facilitators.Any(f => f.UserId == id), ct));
}
