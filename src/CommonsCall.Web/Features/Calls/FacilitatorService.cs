using System.Text.Json.Serialization;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calls;

/// <summary>
/// Names the person with this email facilitator of the call (they are notified); someone without an account is invited by
/// mail, once while the invitation waits, counted against the facilitator's invitations limit.
/// </summary>
public sealed record AppointFacilitator(string Email) : ICallCommand
{
    [JsonIgnore]
    public Guid CallId { get; init; }
}

public sealed record RemoveFacilitator(Guid CallId, string UserId);

public sealed record FacilitatorView(string UserId, string DisplayName, string Email);

public sealed record PendingFacilitator(Guid InvitationId, string Email, DateTimeOffset ExpiresAt);

/// <summary>The call's facilitators, and the people invited to become one who have not registered yet.</summary>
public sealed record FacilitatorsView(IReadOnlyList<FacilitatorView> Facilitators, IReadOnlyList<PendingFacilitator> Invited);

/// <summary>
/// What naming a co-facilitator did: <paramref name="UserId"/> when the person had an account and facilitates the call
/// now; otherwise the invitation mailed to them (its link, <paramref name="InvitationToken"/>, shown to the facilitator too).
/// </summary>
public sealed record AppointedFacilitator(string? UserId, Guid? InvitationId, string? InvitationToken)
{
    public bool Invited => InvitationId is not null;
}

public sealed class AppointFacilitatorValidator : AbstractValidator<AppointFacilitator>
{
    public AppointFacilitatorValidator() =>
        RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(SchemaConstants.EmailLength);
}

/// <summary>
/// A call's co-facilitators: its facilitators (and administrators) name another person facilitator of the call, by the
/// email of an existing account or by inviting the email, and remove one, never the last. Audited in the call's log.
/// The call is locked exclusively: two facilitators removing each other at once must not leave the call with none.
/// </summary>
public sealed class FacilitatorService(
    IDbContextFactory<AppDbContext> factory,
    CallChanges changes,
    InvitationService invitations,
    ActionRateLimits limits,
    Notifier notifier,
    IValidator<AppointFacilitator> validator,
    TimeProvider clock)
{
    private const string Refusal = "Only the call's facilitators name or remove its facilitators.";

    public async Task<Result<FacilitatorsView>> ListAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallScope.LoadAsync(db, actor, callId, ct) is not { } scope)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown call.");
        }

        if (!scope.Access.IsFacilitator)
        {
            return new DomainError(ErrorCodes.Forbidden, Refusal);
        }

        var ids = scope.Call.Facilitators.Select(f => f.UserId).ToList();
        var facilitators = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new FacilitatorView(u.Id, u.DisplayName, u.Email ?? string.Empty))
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var invited = await db.AccountInvitations.AsNoTracking()
            .Where(i => i.FacilitatesCallId == callId && i.UsedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email).ThenBy(i => i.CreatedAt)
            .Select(i => new PendingFacilitator(i.Id, i.Email, i.ExpiresAt))
            .ToListAsync(ct);
        return new FacilitatorsView(facilitators, invited);
    }

    public async Task<Result<AppointedFacilitator>> AppointAsync(Actor actor, AppointFacilitator command, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        var email = command.Email.Trim();
        return await changes.ManageAsync<AppointedFacilitator>(actor, command.CallId, CallLock.Exclusive, Refusal, async x =>
        {
            var normalised = email.ToUpperInvariant();
            var user = await x.Db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised).Select(u => new { u.Id }).SingleOrDefaultAsync(ct);
            if (user is null)
            {
                if (await InvitationService.RefuseCallInvitationAsync(x.Db, limits, actor, x.Call.Id, CallInvitationRole.Facilitator, email, x.Now, ct) is { } refused)
                {
                    return refused;
                }

                var (invitation, _, token) = invitations.IssueFacilitator(x.Db, actor, email, x.Call.Id);
                x.Audit("call.facilitator_invited", null, new { invitation.Id, invitation.Email });
                return new AppointedFacilitator(null, invitation.Id, token);
            }

            var appointed = x.Call.AppointFacilitator(user.Id);
            if (!appointed.IsSuccess)
            {
                return appointed.Error!;
            }

            x.Audit("call.facilitator_appointed", null, new { UserId = user.Id, Email = email });
            var appointer = await x.Db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            await notifier.NotifyUsersAsync(
                x.Db, [user.Id], NotificationType.FacilitatorAppointed, x.Call.Id, $"/calls/{x.Call.Slug}/manage",
                new NotificationText(
                    new Words("notifications.facilitator.appointed.title", x.Call.Title),
                    new Words("notifications.facilitator.appointed.body", appointer ?? string.Empty)),
                ct);
            return new AppointedFacilitator(user.Id, null, null);
        }, ct);
    }

    public Task<Result> RemoveAsync(Actor actor, RemoveFacilitator command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, Refusal, x =>
            Task.FromResult(x.Audited(x.Call.RemoveFacilitator(command.UserId), "call.facilitator_removed", new { command.UserId }, () => null)), ct);
}
