using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Infrastructure;
using FluentValidation;

namespace CommonsCall.Web.Features.Conversation;

/// <summary>A call's facilitators publish announcements, shown on the call page and sent to every participant's representatives.</summary>
public sealed class AnnouncementService(CallChanges changes, IValidator<PublishAnnouncement> validator)
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
            return announcement.Id;
        }, ct);
}
