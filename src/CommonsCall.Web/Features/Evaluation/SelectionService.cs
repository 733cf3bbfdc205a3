using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Features.Recognition;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Evaluation;

/// <summary>
/// Dated selection sessions (issue 16 §3): facilitators plan them, and close each by publishing a decision per commons
/// with a written reason and the commons' aggregated scores, which every applicant (the people of its co-creator
/// organisations) is notified of, in the same transaction.
/// </summary>
public sealed class SelectionService(CallChanges changes, Notifier notifier, BadgeIssuer badges, IValidator<OpenSession> openValidator, IValidator<PublishSession> publishValidator)
{
    public static DomainError UnknownSession => new(ErrorCodes.NotFound, "Unknown session in this call.");

    public async Task<Result<Guid>> OpenAsync(Actor actor, OpenSession command, CancellationToken ct = default) =>
        await openValidator.ValidateAsync(command, ct) is { IsValid: false } invalid
            ? invalid.ToDomainError()
            : await changes.ManageAsync<Guid>(actor, command.CallId, CallLock.Exclusive, EvaluationService.OnlyFacilitators, x =>
            {
                var session = new SelectionSession(command.CallId, command.Title, command.HeldOn, x.Now);
                x.Db.SelectionSessions.Add(session);
                x.Audit("selection.session_opened", null, new { session.Id, session.Title, session.HeldOn });
                return Task.FromResult<Result<Guid>>(session.Id);
            }, ct);

    public async Task<Result> PublishAsync(Actor actor, PublishSession command, CancellationToken ct = default) =>
        await publishValidator.ValidateAsync(command, ct) is { IsValid: false } invalid
            ? invalid.ToDomainError()
            : await changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, EvaluationService.OnlyFacilitators, async x =>
            {
                var session = await x.Db.SelectionSessions.Include(s => s.Decisions).SingleOrDefaultAsync(s => s.Id == command.SessionId && s.CallId == command.CallId, ct);
                if (session is null)
                {
                    return UnknownSession;
                }

                var grid = await EvaluationReads.GridAsync(x.Db, command.CallId, ct);
                var ranking = (await EvaluationReads.RankingAsync(x.Db, command.CallId, grid, ct)).ToDictionary(r => r.CommonsId);
                var decided = (await x.Db.SelectionDecisions.Where(d => d.CallId == command.CallId && d.Outcome != SelectionOutcome.Deferred)
                    .Select(d => d.CommonsId).ToListAsync(ct)).ToHashSet();
                var published = session.Publish(command.Decisions, ranking, decided, x.Now);
                if (!published.IsSuccess)
                {
                    return published;
                }

                x.Audit("selection.session_published", null, new { session.Id, Decisions = command.Decisions });
                await NotifyApplicantsAsync(x, session, ct);
                await badges.IssueAsync(x.Db, command.CallId, x.Now, ct);
                return Result.Ok();
            }, ct);

    /// <summary>Each commons' applicants learn its decision and reason, and find the scores on the commons page the notification opens.</summary>
    private async Task NotifyApplicantsAsync(CallChange x, SelectionSession session, CancellationToken ct)
    {
        var ids = session.Decisions.Select(d => d.CommonsId).ToList();
        var commons = await x.Db.Commons.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, CoCreators = c.CoCreators.Select(o => o.OrganisationId).ToList() }).ToDictionaryAsync(c => c.Id, ct);
        foreach (var decision in session.Decisions)
        {
            var c = commons[decision.CommonsId];
            var text = new NotificationText(
                new Words($"notifications.selection.{decision.Outcome}.title", c.Title),
                new Words("notifications.selection.body", session.Title, new Day(session.HeldOn)),
                Words.Plain(decision.Reason));
            await notifier.NotifyOrganisationsAsync(x.Db, c.CoCreators, NotificationType.SelectionPublished, x.Call.Id, $"/calls/{x.Call.Slug}/commons/{c.Id}#evaluation-feedback", text, ct);
        }
    }
}
