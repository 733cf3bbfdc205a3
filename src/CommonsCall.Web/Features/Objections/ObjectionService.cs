using CommonsCall.Domain.Objections;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Features.Objections;

/// <summary>
/// The objection window before approval (issue 16 §4): facilitators open it, the call's participants object with a
/// reason, facilitators answer (resolved, or overridden with a public reason, audited). <see cref="ObjectionRules"/>
/// decides; approval asks <see cref="CheckApprovalAsync"/>.
/// </summary>
/// <remarks>
/// Opening a window and raising an objection take the call's lock exclusively; approval holds it shared. So an
/// objection and an approval never interleave: an approval sees every objection committed before it, and an
/// objection that waited for an approval finds the commons approved and is refused. Objections come before the
/// budget round, when no contribution shares the call: the exclusive lock costs nothing there.
/// </remarks>
public sealed class ObjectionService(CallChanges changes, Notifier notifier, IValidator<OpenObjectionWindow> windowValidator,
    IValidator<RaiseObjection> raiseValidator, IValidator<AnswerObjection> answerValidator)
{
    public const string OnlyFacilitators = "Only the call's facilitators open objection windows and answer objections.";

    private static DomainError NotFound => new(ErrorCodes.NotFound, "Unknown commons in this call.");

    public Task<Result> OpenWindowAsync(Actor actor, OpenObjectionWindow command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, OnlyFacilitators, async x =>
        {
            var validation = await windowValidator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            if (await x.Db.Commons.SingleOrDefaultAsync(c => c.Id == command.CommonsId && c.CallId == x.Call.Id, ct) is not { } commons)
            {
                return NotFound;
            }

            if (x.Call.Phase >= CallPhase.Budgeting)
            {
                return Result.Fail(ErrorCodes.WrongPhase, "Commons are reviewed before the budget round opens.");
            }

            var window = await x.Db.Set<ObjectionWindow>().SingleOrDefaultAsync(w => w.CommonsId == commons.Id, ct);
            var before = window is null ? null : new { window.OpenedAt, window.ClosesAt };
            var allowed = ObjectionRules.CheckOpenWindow(await ContextAsync(x.Db, commons, window, x.Now, ct), command.Duration);
            if (!allowed.IsSuccess)
            {
                return allowed;
            }

            if (window is null)
            {
                window = new ObjectionWindow(x.Call.Id, commons.Id, actor.UserId ?? "system", x.Now, command.Duration);
                x.Db.Add(window);
            }
            else
            {
                window.Reopen(actor.UserId ?? "system", x.Now, command.Duration);
            }

            x.Audit("objections.window_opened", before, new { CommonsId = commons.Id, window.OpenedAt, window.ClosesAt });
            return Result.Ok();
        }, ct);

    public Task<Result<Guid>> RaiseAsync(Actor actor, RaiseObjection command, CancellationToken ct = default) =>
        changes.LockAsync<Guid>(actor, command.CallId, CallLock.Exclusive, async x =>
        {
            if (await CallScope.OfAsync(x.Db, actor, x.Call, ct) is not { } scope
                || await x.Db.Commons.SingleOrDefaultAsync(c => c.Id == command.CommonsId && c.CallId == x.Call.Id, ct) is not { } commons)
            {
                return NotFound;
            }

            if (!scope.ParticipatingOrganisations.Contains(command.OrganisationId))
            {
                return new DomainError(ErrorCodes.Forbidden, "Only the representatives of an organisation taking part in the call object, on its behalf.");
            }

            var validation = await raiseValidator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            var objections = x.Db.Set<Objection>();
            var window = await x.Db.Set<ObjectionWindow>().SingleOrDefaultAsync(w => w.CommonsId == commons.Id, ct);
            var already = await objections.AnyAsync(o => o.CommonsId == commons.Id && o.OrganisationId == command.OrganisationId && o.State == ObjectionState.Open, ct);
            var allowed = ObjectionRules.CheckRaise(await ContextAsync(x.Db, commons, window, x.Now, ct), already);
            if (!allowed.IsSuccess)
            {
                return allowed.Error!;
            }

            var objection = new Objection(x.Call.Id, commons.Id, command.OrganisationId, actor.UserId!, command.Reason, x.Now);
            objections.Add(objection);
            var organisation = await x.Db.Organisations.Where(o => o.Id == command.OrganisationId).Select(o => o.Name).SingleAsync(ct);
            await notifier.NotifyUsersAsync(x.Db, x.Call.Facilitators.Select(f => f.UserId), NotificationType.ObjectionRaised, x.Call.Id, Link(x.Call, commons.Id),
                new NotificationText(new Words("notifications.objection.raised.title", commons.Title), new Words("notifications.objection.raised.body", organisation, objection.Reason)), ct);
            return objection.Id;
        }, ct);

    public Task<Result> AnswerAsync(Actor actor, AnswerObjection command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Shared, OnlyFacilitators, async x =>
        {
            var objection = await x.Db.Set<Objection>().SingleOrDefaultAsync(o => o.Id == command.ObjectionId && o.CallId == x.Call.Id, ct);
            if (objection is null)
            {
                return Result.Fail(ErrorCodes.NotFound, "Unknown objection in this call.");
            }

            var validation = await answerValidator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            var answered = x.Audited(objection.AnswerWith(command.Outcome, command.Answer, actor.UserId ?? "system", x.Now), "objections.answered",
                new { objection.Id, objection.CommonsId, State = nameof(ObjectionState.Open) },
                () => new { objection.Id, objection.CommonsId, State = objection.State.ToString(), objection.Answer });
            if (answered.IsSuccess)
            {
                var title = await x.Db.Commons.Where(c => c.Id == objection.CommonsId).Select(c => c.Title).SingleAsync(ct);
                await notifier.NotifyUsersAsync(x.Db, [objection.AuthorUserId], NotificationType.ObjectionAnswered, x.Call.Id, Link(x.Call, objection.CommonsId),
                    new NotificationText(new Words($"notifications.objection.{objection.State.ToString().ToLowerInvariant()}.title", title),
                        new Words("notifications.objection.answered.body", objection.Answer!)), ct);
            }

            return answered;
        }, ct);

    /// <summary>
    /// Whether <paramref name="commons"/> may be approved now as far as objections go (<see cref="ObjectionRules.CheckApproval"/>);
    /// the caller holds the call's lock, shared at least.
    /// </summary>
    public static async Task<Result> CheckApprovalAsync(AppDbContext db, CommonsEntity commons, DateTimeOffset now, CancellationToken ct)
    {
        var window = await db.Set<ObjectionWindow>().AsNoTracking().SingleOrDefaultAsync(w => w.CommonsId == commons.Id, ct);
        return ObjectionRules.CheckApproval(await ContextAsync(db, commons, window, now, ct));
    }

    private static async Task<ObjectionContext> ContextAsync(AppDbContext db, CommonsEntity commons, ObjectionWindow? window, DateTimeOffset now, CancellationToken ct) => new()
    {
        CommonsStatus = commons.Status,
        Window = window,
        OpenObjections = await db.Set<Objection>().CountAsync(o => o.CommonsId == commons.Id && o.State == ObjectionState.Open, ct),
        Now = now,
    };

    private static string Link(Call call, Guid commonsId) => $"/calls/{call.Slug}/commons/{commonsId}#objections";
}
