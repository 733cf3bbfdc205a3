using System.Text.Json.Serialization;
using CommonsCall.Domain.Recognition;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Features.Recognition;

/// <summary>A facilitator withdraws a badge of the call, saying why (the reason is published with the revocation).</summary>
public sealed record RevokeBadge(string Reason)
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    [JsonIgnore]
    public Guid BadgeId { get; init; }
}

public sealed class RevokeBadgeValidator : AbstractValidator<RevokeBadge>
{
    public RevokeBadgeValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(x => x.Reason).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => l["recognition.validation.reason.required"])
            .Must(r => r.Trim().Length <= FieldLimits.RevocationReasonLength).WithMessage(_ => l["recognition.validation.reason.length", FieldLimits.RevocationReasonLength]);
}

/// <summary>
/// Changes of a call's badges (issue 16 §6): its facilitators (and platform administrators) revoke one, audited, and
/// whoever holds it is told.
/// </summary>
public sealed class BadgeService(CallChanges changes, Notifier notifier, IValidator<RevokeBadge> validator)
{
    public const string OnlyFacilitators = "Only the call's facilitators revoke its badges.";

    public const string AuditKind = "recognition.badge_revoked";

    /// <summary>
    /// Revokes a badge of the call: its assertion then answers <c>revoked</c> with the reason, and the revocation list
    /// names it, and its holder receives a notice with the reason. A badge of another call is unknown here; a second
    /// revocation is refused (<see cref="BadgeCodes.AlreadyRevoked"/>) and tells nobody.
    /// </summary>
    /// <remarks>
    /// The call is locked exclusively so that two facilitators revoking one badge at once are told apart: the second
    /// finds it revoked. Revocations are rare, so holding the call's contributions back for that instant costs nothing.
    /// </remarks>
    public Task<Result> RevokeAsync(Actor actor, RevokeBadge command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, OnlyFacilitators, async x =>
        {
            var badge = await x.Db.Set<Badge>().SingleOrDefaultAsync(b => b.Id == command.BadgeId && b.CallId == x.Call.Id, ct);
            if (badge is null)
            {
                return Result.Fail(ErrorCodes.NotFound, "Unknown badge in this call.");
            }

            var validation = await validator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            var revoked = x.Audited(badge.Revoke(command.Reason, x.Now), AuditKind,
                new { badge.Id, Kind = badge.Kind.ToString(), badge.RecipientKey, Revoked = false },
                () => new { badge.Id, Kind = badge.Kind.ToString(), badge.RecipientKey, Revoked = true, badge.RevocationReason });
            if (revoked.IsSuccess)
            {
                await NotifyHolderAsync(x, actor, badge, ct);
            }

            return revoked;
        }, ct);

    /// <summary>
    /// The badge's holder (the organisation's representatives, or the person) learns in their language that it is
    /// revoked and why, with a link to its public page. Added to the revocation's own unit of work, so the notice and
    /// its mail exist exactly when the revocation commits. The facilitator who revoked it is not told of their own act.
    /// </summary>
    private async Task NotifyHolderAsync(CallChange x, Actor actor, Badge badge, CancellationToken ct)
    {
        var holders = await BadgeQueries.HoldersAsync(x.Db, badge, ct);
        var body = new List<Words> { new("notifications.badge.revoked.body", x.Call.Title) };
        if (await BadgeQueries.SubjectAsync(x.Db, badge, ct) is { } subject)
        {
            body.Add(new Words("notifications.badge.revoked.subject", subject));
        }

        body.Add(new Words("notifications.badge.revoked.reason", badge.RevocationReason!));
        await notifier.NotifyUsersAsync(x.Db, holders.Where(h => h != actor.UserId), NotificationType.BadgeRevoked, x.Call.Id, $"/badges/{badge.Id}",
            new NotificationText(new Words($"notifications.badge.revoked.{badge.Kind}.title"), body), ct);
    }
}
