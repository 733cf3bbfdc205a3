using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Conversation;

/// <summary>A call's facilitators publish announcements, shown on the call page and sent to every participant's representatives.</summary>
public sealed class AnnouncementService(CallChanges changes, Notifier notifier, IValidator<PublishAnnouncement> validator)
{
    public Task<Result<Guid>> PublishAsync(Actor actor, PublishAnnouncement command, CancellationToken ct = default) =>
        changes.ManageAsync<Guid>(actor, command.CallId, CallLock.Shared, "Only the call's facilitators publish announcements.", async x =>
        {
            var validation = await validator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            var announcement = new Announcement(x.Call.Id, actor.UserId!, command.Title, command.Body, x.Now);
            x.Db.Announcements.Add(announcement);
            x.Audit("announcement.published", null, new { announcement.Id, announcement.Title });

            // Every joined participant's representatives, in the announcement's transaction: mailed as each one's preferences say.
            var participants = await x.Db.Participants.AsNoTracking()
                .Where(p => p.CallId == x.Call.Id && p.State == InvitationState.Joined).Select(p => p.OrganisationId).ToListAsync(ct);
            await notifier.NotifyOrganisationsAsync(
                x.Db, participants, NotificationType.Announcement, x.Call.Id, $"/calls/{x.Call.Slug}#announcement-{announcement.Id}",
                new NotificationText(new Words("notifications.announcement.title", x.Call.Title, announcement.Title), new Words("notifications.announcement.body", announcement.Body)),
                ct);
            return announcement.Id;
        }, ct);
}
