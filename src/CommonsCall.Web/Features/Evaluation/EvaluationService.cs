using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Evaluation;

/// <summary>
/// A call's evaluation (issue 16 §1-2): its facilitators build the grid, name evaluators and assign them commons; each
/// evaluator scores the commons assigned to them. The rules are in <c>Domain/Evaluation</c>; this loads, lets them
/// decide, and saves with an audit entry.
/// </summary>
/// <remarks>
/// Every change holds the call's lock in exclusive mode: they are few and made by people, and one at a time per call is
/// what makes "the first score locks the grid" hold whatever arrives together: a grid edit sees every score committed
/// before it (and is refused), and a score waits for an edit in flight and is then checked against the new grid
/// (<see cref="EvaluationCodes.GridChanged"/>), so no score is ever given under a grid edited after it.
/// </remarks>
public sealed class EvaluationService(
    IDbContextFactory<AppDbContext> factory,
    CallChanges changes,
    Notifier notifier,
    AccountMails mails,
    ActionRateLimits limits,
    TimeProvider clock,
    IValidator<SaveGrid> gridValidator,
    IValidator<AppointEvaluator> appointValidator,
    IValidator<AssignCommons> assignValidator,
    IValidator<ScoreCommons> scoreValidator)
{
    public const string OnlyFacilitators = "Only the call's facilitators manage its evaluation.";

    public static DomainError UnknownCommons => new(ErrorCodes.NotFound, "Unknown commons in this call.");

    public static DomainError UnknownEvaluator => new(ErrorCodes.NotFound, "This person does not evaluate this call.");

    public static DomainError Conflict => new(EvaluationCodes.ConflictOfInterest, "An evaluator never evaluates a commons their organisation co-creates.");

    public async Task<Result> SaveGridAsync(Actor actor, SaveGrid command, CancellationToken ct = default) =>
        await gridValidator.ValidateAsync(command, ct) is { IsValid: false } invalid
            ? invalid.ToDomainError()
            : await changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, OnlyFacilitators, async x =>
            {
                var anyScore = await x.Db.Evaluations.AnyAsync(e => e.CallId == command.CallId, ct);
                var allowed = EvaluationGrid.Check(command.Criteria, anyScore);
                if (!allowed.IsSuccess)
                {
                    return allowed;
                }

                var before = await x.Db.EvaluationCriteria.Where(c => c.CallId == command.CallId).OrderBy(c => c.Position).ToListAsync(ct);
                await x.Db.EvaluationCriteria.Where(c => c.CallId == command.CallId).ExecuteDeleteAsync(ct);
                var grid = EvaluationGrid.Build(command.CallId, command.Criteria, x.Now);
                x.Db.EvaluationCriteria.AddRange(grid);
                x.Audit("evaluation.grid_saved", before.Select(c => c.Terms), grid.Select(c => c.Terms));
                return Result.Ok();
            }, ct);

    /// <summary>
    /// Names the person with this email evaluator of the call; an email without an account is invited in the same
    /// change (counted against the facilitator's invitations limit), and evaluates the call once registered.
    /// </summary>
    public async Task<Result<AppointedEvaluator>> AppointAsync(Actor actor, AppointEvaluator command, CancellationToken ct = default)
    {
        if (await appointValidator.ValidateAsync(command, ct) is { IsValid: false } invalid)
        {
            return invalid.ToDomainError();
        }

        var email = command.Email.Trim();
        var normalised = email.ToUpperInvariant();
        return await changes.ManageAsync<AppointedEvaluator>(actor, command.CallId, CallLock.Exclusive, OnlyFacilitators, async x =>
        {
            var user = await x.Db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised).Select(u => u.Id).SingleOrDefaultAsync(ct);
            if (user is null)
            {
                return await InviteAsync(x, actor, email, ct);
            }

            if (await x.Db.CallEvaluators.AnyAsync(e => e.CallId == command.CallId && e.UserId == user, ct))
            {
                return new DomainError(EvaluationCodes.AlreadyEvaluator, "This person already evaluates the call.");
            }

            x.Db.CallEvaluators.Add(new CallEvaluator(command.CallId, user, x.Now));
            x.Audit("evaluation.evaluator_appointed", null, new { UserId = user, command.Email });
            return new AppointedEvaluator(user, null);
        }, ct);
    }

    public Task<Result> RemoveAsync(Actor actor, RemoveEvaluator command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, OnlyFacilitators, async x =>
        {
            var evaluator = await x.Db.CallEvaluators.SingleOrDefaultAsync(e => e.CallId == command.CallId && e.UserId == command.EvaluatorId, ct);
            if (evaluator is null)
            {
                return UnknownEvaluator;
            }

            if (await x.Db.Evaluations.AnyAsync(e => e.CallId == command.CallId && e.EvaluatorId == command.EvaluatorId, ct))
            {
                return Result.Fail(EvaluationCodes.EvaluatorHasScores, "This evaluator has already scored: their scores stay.");
            }

            x.Db.CallEvaluators.Remove(evaluator);
            x.Audit("evaluation.evaluator_removed", new { UserId = command.EvaluatorId }, null);
            return Result.Ok();
        }, ct);

    public async Task<Result> AssignAsync(Actor actor, AssignCommons command, CancellationToken ct = default)
    {
        if (await assignValidator.ValidateAsync(command, ct) is { IsValid: false } invalid)
        {
            return invalid.ToDomainError();
        }

        var outcome = await changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, OnlyFacilitators, async x =>
        {
            if (!await x.Db.CallEvaluators.AnyAsync(e => e.CallId == command.CallId && e.UserId == command.EvaluatorId, ct))
            {
                return UnknownEvaluator;
            }

            if (await CoCreatorsAsync(x.Db, command.CallId, command.CommonsId, ct) is not { } coCreators)
            {
                return UnknownCommons;
            }

            if (ConflictOfInterest.Between(await OrganisationsOfAsync(x.Db, command.EvaluatorId, ct), coCreators))
            {
                return Conflict;
            }

            if (await x.Db.EvaluationAssignments.AnyAsync(a => a.CommonsId == command.CommonsId && a.EvaluatorId == command.EvaluatorId, ct))
            {
                return Result.Ok();
            }

            x.Db.EvaluationAssignments.Add(new EvaluationAssignment(command.CallId, command.CommonsId, command.EvaluatorId, x.Now));
            x.Audit("evaluation.assigned", null, new { command.CommonsId, command.EvaluatorId });
            var title = await x.Db.Commons.Where(c => c.Id == command.CommonsId).Select(c => c.Title).SingleAsync(ct);
            await notifier.NotifyUsersAsync(x.Db, [command.EvaluatorId], NotificationType.EvaluationAssigned, x.Call.Id, $"/calls/{x.Call.Slug}/evaluation/mine",
                new NotificationText(new Words("notifications.evaluation.assigned.title", title), new Words("notifications.evaluation.assigned.body", x.Call.Title)), ct);
            return Result.Ok();
        }, ct);
        return await AuditedConflictAsync(actor, command.CallId, outcome, "evaluation.assignment_refused_conflict", new { command.CommonsId, command.EvaluatorId }, ct);
    }

    public Task<Result> UnassignAsync(Actor actor, UnassignCommons command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, OnlyFacilitators, async x =>
        {
            var assignment = await x.Db.EvaluationAssignments.SingleOrDefaultAsync(
                a => a.CallId == command.CallId && a.CommonsId == command.CommonsId && a.EvaluatorId == command.EvaluatorId, ct);
            if (assignment is null)
            {
                return Result.Ok();
            }

            if (await x.Db.Evaluations.AnyAsync(e => e.CommonsId == command.CommonsId && e.EvaluatorId == command.EvaluatorId, ct))
            {
                return Result.Fail(EvaluationCodes.EvaluatorHasScores, "This evaluator has already scored this commons: the score stays.");
            }

            x.Db.EvaluationAssignments.Remove(assignment);
            x.Audit("evaluation.unassigned", new { command.CommonsId, command.EvaluatorId }, null);
            return Result.Ok();
        }, ct);

    /// <summary>
    /// An evaluator scores a commons assigned to them, checked in order: they evaluate the call (else forbidden, or
    /// not found when they may not even see it); the commons is the call's; their organisation does not co-create it
    /// (conflict of interest: refused and audited); it is assigned to them; the marks fit the grid as it is now.
    /// </summary>
    public async Task<Result> ScoreAsync(Actor actor, ScoreCommons command, CancellationToken ct = default)
    {
        if (await scoreValidator.ValidateAsync(command, ct) is { IsValid: false } invalid)
        {
            return invalid.ToDomainError();
        }

        var outcome = await changes.LockAsync(actor, command.CallId, CallLock.Exclusive, async x =>
        {
            var userId = actor.UserId ?? string.Empty;
            if (!await x.Db.CallEvaluators.AnyAsync(e => e.CallId == command.CallId && e.UserId == userId, ct))
            {
                return await CallScope.OfAsync(x.Db, actor, x.Call, ct) is null
                    ? new DomainError(ErrorCodes.NotFound, "Unknown call.")
                    : new DomainError(ErrorCodes.Forbidden, "Only the call's evaluators score its commons.");
            }

            if (await CoCreatorsAsync(x.Db, command.CallId, command.CommonsId, ct) is not { } coCreators)
            {
                return UnknownCommons;
            }

            if (ConflictOfInterest.Between(await OrganisationsOfAsync(x.Db, userId, ct), coCreators))
            {
                return Conflict;
            }

            if (!await x.Db.EvaluationAssignments.AnyAsync(a => a.CommonsId == command.CommonsId && a.EvaluatorId == userId, ct))
            {
                return new DomainError(ErrorCodes.Forbidden, "This commons is not assigned to you.");
            }

            var grid = await x.Db.EvaluationCriteria.Where(c => c.CallId == command.CallId).OrderBy(c => c.Position).ToListAsync(ct);
            var fits = CommonsEvaluation.Check(grid, command.Marks);
            if (!fits.IsSuccess)
            {
                return fits;
            }

            // Scoring again replaces the marks as a whole: the old rows go, the new ones are added with the evaluation.
            var evaluation = await x.Db.Evaluations.SingleOrDefaultAsync(e => e.CommonsId == command.CommonsId && e.EvaluatorId == userId, ct);
            var evaluationId = evaluation?.Id ?? Guid.Empty;
            var marks = x.Db.Set<EvaluationMark>().Where(m => m.EvaluationId == evaluationId);
            var before = await marks.AsNoTracking().Select(m => new Mark(m.CriterionId, m.Value)).ToListAsync(ct);
            await marks.ExecuteDeleteAsync(ct);
            if (evaluation is null)
            {
                evaluation = new CommonsEvaluation(command.CallId, command.CommonsId, userId, x.Now);
                x.Db.Evaluations.Add(evaluation);
            }

            evaluation.Score(grid, command.Marks, command.Note, x.Now);
            x.Audit("evaluation.scored", before.Count == 0 ? null : before, new { command.CommonsId, command.Marks });
            return Result.Ok();
        }, ct);
        return await AuditedConflictAsync(actor, command.CallId, outcome, "evaluation.score_refused_conflict", new { command.CommonsId }, ct);
    }

    /// <summary>An outside expert without an account: one pending invitation per email and call, mailed in the change.</summary>
    private async Task<Result<AppointedEvaluator>> InviteAsync(CallChange x, Actor actor, string email, CancellationToken ct)
    {
        var now = x.Now;
        if (await InvitationService.RefuseCallInvitationAsync(x.Db, limits, actor, x.Call.Id, CallInvitationRole.Evaluator, email, now, ct) is { } refused)
        {
            return refused;
        }

        var (invitation, _, _) = InvitationService.IssueEvaluator(x.Db, mails, actor, email, x.Call.Id, x.Call.Title, now);
        x.Audit("evaluation.evaluator_invited", null, new { invitation.Id, invitation.Email });
        return new AppointedEvaluator(null, invitation.Id);
    }

    /// <summary>The commons' co-creators, or null when it is not a commons of the call.</summary>
    internal static async Task<IReadOnlyList<Guid>?> CoCreatorsAsync(AppDbContext db, Guid callId, Guid commonsId, CancellationToken ct)
    {
        var commons = await db.Commons.AsNoTracking().Where(c => c.Id == commonsId && c.CallId == callId)
            .Select(c => new { Ids = c.CoCreators.Select(o => o.OrganisationId).ToList() }).SingleOrDefaultAsync(ct);
        return commons?.Ids;
    }

    internal static async Task<IReadOnlyList<Guid>> OrganisationsOfAsync(AppDbContext db, string userId, CancellationToken ct) =>
        await db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.OrganisationId).ToListAsync(ct);

    /// <summary>
    /// A refusal for a conflict of interest is audited: the change rolled back, so the entry is written on its own,
    /// after it, for the facilitators to see who tried.
    /// </summary>
    private async Task<Result> AuditedConflictAsync(Actor actor, Guid callId, Result outcome, string action, object what, CancellationToken ct)
    {
        if (outcome.Error?.Code == EvaluationCodes.ConflictOfInterest)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            AuditLog.Record(db, callId, actor, action, null, what, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        return outcome;
    }
}
