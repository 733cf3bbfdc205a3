using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.WorkingGroups;

public sealed record AddMilestone(Guid CallId, Guid CommonsId, string Title, DateOnly DueOn, Guid OwnerOrganisationId);

public sealed record UpdateMilestone(Guid CallId, Guid CommonsId, Guid MilestoneId, string Title, DateOnly DueOn, Guid OwnerOrganisationId, bool Done);

public sealed record AddMeeting(Guid CallId, Guid CommonsId, DateOnly On, string? Note);

public sealed record DeleteMilestone(Guid CallId, Guid CommonsId, Guid MilestoneId);

public sealed record DeleteMeeting(Guid CallId, Guid CommonsId, Guid MeetingId);

public sealed class AddMilestoneValidator : AbstractValidator<AddMilestone>
{
    public AddMilestoneValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(SchemaConstants.TitleLength);
        RuleFor(x => x.DueOn).NotEqual(default(DateOnly)).WithMessage("A milestone needs a due date.");
        RuleFor(x => x.OwnerOrganisationId).NotEmpty();
    }
}

public sealed class UpdateMilestoneValidator : AbstractValidator<UpdateMilestone>
{
    public UpdateMilestoneValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(SchemaConstants.TitleLength);
        RuleFor(x => x.DueOn).NotEqual(default(DateOnly)).WithMessage("A milestone needs a due date.");
        RuleFor(x => x.OwnerOrganisationId).NotEmpty();
    }
}

public sealed class AddMeetingValidator : AbstractValidator<AddMeeting>
{
    public AddMeetingValidator()
    {
        RuleFor(x => x.On).NotEqual(default(DateOnly)).WithMessage("A meeting needs a date.");
        RuleFor(x => x.Note).MaximumLength(SchemaConstants.ShortTextLength);
    }
}

/// <summary>
/// A commons' working group keeps its roadmap (milestones owned by its organisations) and its meeting dates.
/// The group's organisations (co-creators and positioned organisations) and the call's facilitators manage them.
/// </summary>
public sealed class WorkingGroupService(
    IDbContextFactory<AppDbContext> factory,
    TimeProvider clock,
    IValidator<AddMilestone> addMilestoneValidator,
    IValidator<UpdateMilestone> updateMilestoneValidator,
    IValidator<AddMeeting> meetingValidator)
{
    public async Task<Result<Guid>> AddMilestoneAsync(Actor actor, AddMilestone command, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, actor, command.CallId, command.CommonsId, ct);
        if (!group.IsSuccess)
        {
            return group.Error!;
        }

        var validation = await addMilestoneValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        if (!group.Value!.Organisations.Contains(command.OwnerOrganisationId))
        {
            return NotInGroup();
        }

        var milestone = new Milestone(command.CommonsId, command.Title, command.DueOn, command.OwnerOrganisationId, clock.GetUtcNow());
        db.Milestones.Add(milestone);
        Audit(db, group.Value, actor, "milestone.added", null, new { command.CommonsId, milestone.Id, milestone.Title, milestone.DueOn, command.OwnerOrganisationId });
        await db.SaveChangesAsync(ct);
        return milestone.Id;
    }

    public async Task<Result> UpdateMilestoneAsync(Actor actor, UpdateMilestone command, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, actor, command.CallId, command.CommonsId, ct);
        if (!group.IsSuccess)
        {
            return group.Error!;
        }

        var validation = await updateMilestoneValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == command.MilestoneId && m.CommonsId == command.CommonsId, ct);
        if (milestone is null)
        {
            return Result.Fail(ErrorCodes.NotFound, "Unknown milestone of this commons.");
        }

        if (command.OwnerOrganisationId != milestone.OwnerOrganisationId && !group.Value!.Organisations.Contains(command.OwnerOrganisationId))
        {
            return NotInGroup();
        }

        var before = new { milestone.Title, milestone.DueOn, milestone.OwnerOrganisationId, milestone.IsDone };
        milestone.Update(command.Title, command.DueOn, command.OwnerOrganisationId, command.Done, clock.GetUtcNow());
        Audit(db, group.Value!, actor, "milestone.updated", before, new { milestone.Id, milestone.Title, milestone.DueOn, milestone.OwnerOrganisationId, milestone.IsDone });
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> DeleteMilestoneAsync(Actor actor, DeleteMilestone command, CancellationToken ct = default)
    {
        var (callId, commonsId, milestoneId) = command;
        await using var db = await factory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, actor, callId, commonsId, ct);
        if (!group.IsSuccess)
        {
            return group.Error!;
        }

        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == milestoneId && m.CommonsId == commonsId, ct);
        if (milestone is null)
        {
            return Result.Fail(ErrorCodes.NotFound, "Unknown milestone of this commons.");
        }

        // A milestone that pays a tranche of the funding agreement stays: the schedule and its payments refer to it.
        if (await db.Tranches.AnyAsync(t => t.MilestoneId == milestoneId, ct))
        {
            return Result.Fail(ErrorCodes.MilestoneInSchedule, "This milestone pays a tranche of the funding agreement: it cannot be deleted.");
        }

        db.Milestones.Remove(milestone);
        Audit(db, group.Value!, actor, "milestone.deleted", new { milestone.Id, milestone.Title, milestone.DueOn }, null);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result<Guid>> AddMeetingAsync(Actor actor, AddMeeting command, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, actor, command.CallId, command.CommonsId, ct);
        if (!group.IsSuccess)
        {
            return group.Error!;
        }

        var validation = await meetingValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        if (await db.Meetings.AnyAsync(m => m.CommonsId == command.CommonsId && m.On == command.On, ct))
        {
            return new DomainError(ErrorCodes.Validation, "The group already meets on that day.",
                new Dictionary<string, string[]> { [nameof(AddMeeting.On)] = ["The group already meets on that day."] });
        }

        var meeting = new Meeting(command.CommonsId, command.On, command.Note, clock.GetUtcNow());
        db.Meetings.Add(meeting);
        Audit(db, group.Value!, actor, "meeting.added", null, new { command.CommonsId, meeting.Id, meeting.On });
        var saved = await PositioningService.SaveAsync(db, ct);
        return saved.IsSuccess ? meeting.Id : saved.Error!;
    }

    public async Task<Result> DeleteMeetingAsync(Actor actor, DeleteMeeting command, CancellationToken ct = default)
    {
        var (callId, commonsId, meetingId) = command;
        await using var db = await factory.CreateDbContextAsync(ct);
        var group = await LoadGroupAsync(db, actor, callId, commonsId, ct);
        if (!group.IsSuccess)
        {
            return group.Error!;
        }

        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId && m.CommonsId == commonsId, ct);
        if (meeting is null)
        {
            return Result.Fail(ErrorCodes.NotFound, "Unknown meeting of this group.");
        }

        db.Meetings.Remove(meeting);
        Audit(db, group.Value!, actor, "meeting.deleted", new { meeting.Id, meeting.On }, null);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private sealed record Group(CallScope Scope, Guid CommonsId, IReadOnlySet<Guid> Organisations);

    /// <summary>The working group's organisations (co-creators and positioned ones), once the actor is known to manage it.</summary>
    private static async Task<Result<Group>> LoadGroupAsync(AppDbContext db, Actor actor, Guid callId, Guid commonsId, CancellationToken ct)
    {
        var scope = await CallScope.LoadAsync(db, actor, callId, ct);
        var commons = scope is null
            ? null
            : await db.Commons.AsNoTracking().Include(c => c.CoCreators).SingleOrDefaultAsync(c => c.Id == commonsId && c.CallId == callId, ct);
        if (scope is null || commons is null)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown commons in this call.");
        }

        var positioned = await db.Positionings.Where(p => p.CommonsId == commonsId).Select(p => p.OrganisationId).ToListAsync(ct);
        var organisations = positioned.Union(commons.CoCreators.Select(c => c.OrganisationId)).ToHashSet();
        if (!scope.Access.IsFacilitator && !organisations.Overlaps(scope.ParticipatingOrganisations))
        {
            return new DomainError(ErrorCodes.Forbidden, "Only the working group's organisations and the call's facilitators manage its milestones and meetings.");
        }

        return new Group(scope, commonsId, organisations);
    }

    private static DomainError NotInGroup() =>
        new(ErrorCodes.NotInWorkingGroup, "A milestone's owner must be an organisation of the working group.");

    private void Audit(AppDbContext db, Group group, Actor actor, string action, object? before, object? after)
    {
        if (group.Scope.Access.IsFacilitator)
        {
            AuditLog.Record(db, group.Scope.Call.Id, actor, action, before, after, clock.GetUtcNow());
        }
    }
}
