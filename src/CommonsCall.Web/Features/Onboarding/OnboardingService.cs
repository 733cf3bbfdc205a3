using CommonsCall.Domain.Onboarding;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Onboarding;

/// <summary>
/// Brings an ecosystem into a call from a file: the facilitator previews it (nothing changes), then applies it: new
/// organisations are created, every organisation is invited to the call in its role, and its people are invited by
/// mail to represent it (queued in the same transaction). The plan is made again under the call's lock when applying,
/// so a second import of the same file, or two at once, invite nobody twice (<see cref="ImportPlan"/>).
/// </summary>
public sealed class OnboardingService(
    IDbContextFactory<AppDbContext> factory,
    CallChanges changes,
    AccountMails mails,
    ActionRateLimits limits,
    IValidator<ImportOrganisations> validator,
    TimeProvider clock)
{
    private const string ManagersOnly = "Only the call's facilitators import organisations and follow their invitations.";

    public Task<Result<ImportPreview>> PreviewAsync(Actor actor, ImportOrganisations command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Shared, ManagersOnly, async x =>
        {
            var planned = await PlanAsync(x, command, ct);
            return planned.IsSuccess ? Result<ImportPreview>.Ok(Preview(planned.Value!)) : planned.Error!;
        }, ct);

    public Task<Result<ImportOutcome>> ApplyAsync(Actor actor, ImportOrganisations command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, ManagersOnly, async x =>
        {
            var planned = await PlanAsync(x, command, ct);
            if (!planned.IsSuccess)
            {
                return planned.Error!;
            }

            var lines = planned.Value!;
            var invitations = lines.Sum(l => l.ChangesSomething ? l.Emails.Count(e => e.Action == EmailAction.Invite) : 0);
            if (invitations > 0 && !await limits.TryAcquireAsync(ActionRateLimits.Invitations, actor.UserId!, invitations, ct))
            {
                return limits.Refusal(ActionRateLimits.Invitations, "invitations", invitations);
            }

            return await ApplyAsync(x, lines, ct);
        }, ct);

    /// <summary>Everyone the call's imports invited, with where they stand, by organisation then email.</summary>
    public async Task<Result<IReadOnlyList<OnboardingStatusRow>>> StatusAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null || !CallAccess.CanManage(actor, call))
        {
            return new DomainError(ErrorCodes.Forbidden, ManagersOnly);
        }

        var rows = await (
            from i in db.OnboardingInvitations.AsNoTracking()
            where i.CallId == callId
            join o in db.Organisations on i.OrganisationId equals o.Id
            join a in db.AccountInvitations on i.AccountInvitationId equals a.Id into invitations
            from a in invitations.DefaultIfEmpty()
            join m in db.OutboxMessages on i.OutboxMessageId equals m.Id into messages
            from m in messages.DefaultIfEmpty()
            orderby o.Name, i.Email
            select new
            {
                i.Id, i.OrganisationId, o.Name, i.Email, i.SentAt, i.AccountInvitationId,
                UsedAt = a == null ? null : a.UsedAt,
                ExpiresAt = a == null ? (DateTimeOffset?)null : a.ExpiresAt,
                Failed = m != null && m.State == OutboxState.Failed,
                Reason = m == null ? null : m.LastError,
                Represents = db.Users.Any(u => u.NormalizedEmail == i.Email.ToUpper()
                    && db.OrganisationMembers.Any(om => om.OrganisationId == i.OrganisationId && om.UserId == u.Id)),
            }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return rows.Select(r =>
        {
            var status = r.Represents || r.UsedAt is not null || r.AccountInvitationId is null ? OnboardingStatus.Joined
                : r.Failed ? OnboardingStatus.Bounced
                : r.ExpiresAt <= now ? OnboardingStatus.Expired
                : OnboardingStatus.Invited;
            return new OnboardingStatusRow(r.Id, r.OrganisationId, r.Name, r.Email, status, r.SentAt, r.ExpiresAt, status == OnboardingStatus.Bounced ? r.Reason : null);
        }).ToList();
    }

    /// <summary>A new invitation and mail for someone who has not joined; the previous link stops working.</summary>
    public Task<Result> ResendAsync(Actor actor, ResendInvitation command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Shared, ManagersOnly, async x =>
        {
            var row = await x.Db.OnboardingInvitations.SingleOrDefaultAsync(i => i.Id == command.InvitationId && i.CallId == command.CallId, ct);
            if (row is null)
            {
                return Result.Fail(ErrorCodes.NotFound, "No such invitation in this call.");
            }

            var previous = row.AccountInvitationId is { } previousId ? await x.Db.AccountInvitations.SingleOrDefaultAsync(a => a.Id == previousId, ct) : null;
            var represents = await x.Db.Users.AnyAsync(u => u.NormalizedEmail == row.Email.ToUpper()
                && x.Db.OrganisationMembers.Any(m => m.OrganisationId == row.OrganisationId && m.UserId == u.Id), ct);
            if (previous is null || previous.UsedAt is not null || represents)
            {
                return Result.Fail(OnboardingCodes.AlreadyJoined, "This person has already joined: there is nothing to resend.");
            }

            if (!await limits.TryAcquireAsync(ActionRateLimits.Invitations, actor.UserId!, ct: ct))
            {
                return limits.Refusal(ActionRateLimits.Invitations, "invitations");
            }

            if (previous.ExpiresAt > x.Now)
            {
                previous.ExpiresAt = x.Now;
            }

            var issued = InvitationService.Issue(x.Db, mails, row.Email, null, row.OrganisationId, actor.UserId!, x.Now);
            (row.AccountInvitationId, row.OutboxMessageId, row.SentAt) = (issued.Invitation.Id, issued.Mail.Id, x.Now);
            x.Audit("call.onboarding_invitation_resent", null, new { row.OrganisationId, row.Email });
            return Result.Ok();
        }, ct);

    private async Task<Result<IReadOnlyList<PlannedLine>>> PlanAsync(CallChange x, ImportOrganisations command, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        if (x.Call.IsSettled)
        {
            return new DomainError(ErrorCodes.WrongPhase, "The round is settled: the call no longer takes new participants.");
        }

        var read = OnboardingFile.Read(command.Csv);
        if (!read.IsSuccess)
        {
            return read.Error!;
        }

        var rows = read.Value!;
        return ImportPlan.Make(rows, await StateAsync(x.Db, x.Call.Id, rows, ct)).ToList();
    }

    /// <summary>What the plan needs to know: the organisations the file names, the call's participants and invitations, who has an account.</summary>
    private static async Task<ImportState> StateAsync(AppDbContext db, Guid callId, IReadOnlyList<OnboardingRow> rows, CancellationToken ct)
    {
        var names = rows.Select(r => OrganisationNames.Normalise(r.Name)).ToHashSet(StringComparer.Ordinal);
        var named = (await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Where(o => names.Contains(OrganisationNames.Normalise(o.Name))).ToList();
        var ids = named.Select(o => o.Id).ToList();
        var representatives = (await (from m in db.OrganisationMembers
                                      where ids.Contains(m.OrganisationId)
                                      join u in db.Users on m.UserId equals u.Id
                                      select new { m.OrganisationId, u.Email }).ToListAsync(ct))
            .ToLookup(r => r.OrganisationId, r => (r.Email ?? string.Empty).ToLowerInvariant());
        var participants = await db.Participants.AsNoTracking().Where(p => p.CallId == callId)
            .ToDictionaryAsync(p => (p.OrganisationId, p.Role), p => p.State, ct);
        var invited = (await db.OnboardingInvitations.AsNoTracking().Where(i => i.CallId == callId).Select(i => new { i.OrganisationId, i.Email }).ToListAsync(ct))
            .Select(i => (i.OrganisationId, i.Email)).ToHashSet();
        var emails = rows.SelectMany(r => r.Emails).Select(e => e.ToUpperInvariant()).Distinct().ToList();
        var registered = (await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).Select(u => u.Email!).ToListAsync(ct))
            .Select(e => e.ToLowerInvariant()).ToHashSet();
        return new ImportState(
            [.. named.Select(o => new KnownOrganisation(o.Id, o.Name, representatives[o.Id].ToHashSet()))],
            participants,
            invited,
            registered);
    }

    private async Task<Result<ImportOutcome>> ApplyAsync(CallChange x, IReadOnlyList<PlannedLine> lines, CancellationToken ct)
    {
        var organisations = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var (created, participants, invitations, added) = (0, 0, 0, 0);
        foreach (var line in lines.Where(l => l.ChangesSomething))
        {
            var row = line.Row;
            if (line.OrganisationId is not { } organisationId && !organisations.TryGetValue(line.Key, out organisationId))
            {
                var organisation = new Organisation(row.Name, row.Kind ?? OrganisationKind.Other, SizeBand.Micro, DevelopmentStage.Development, x.Now);
                organisation.Locate(row.Territory);
                x.Db.Organisations.Add(organisation);
                organisations[line.Key] = organisationId = organisation.Id;
                created++;
            }

            if (line.Participant == ParticipantAction.Invite)
            {
                x.Db.Participants.Add(new Participant(x.Call.Id, organisationId, row.Role, x.Now));
                participants++;
            }

            foreach (var email in line.Emails)
            {
                if (email.Action == EmailAction.Invite)
                {
                    var issued = InvitationService.Issue(x.Db, mails, email.Email, null, organisationId, x.Actor.UserId!, x.Now);
                    Track(x, organisationId, email.Email, issued);
                    invitations++;
                }
                else if (email.Action == EmailAction.AddRegistered)
                {
                    var userId = await x.Db.Users.Where(u => u.NormalizedEmail == email.Email.ToUpperInvariant()).Select(u => u.Id).SingleAsync(ct);
                    x.Db.OrganisationMembers.Add(new OrganisationMember(organisationId, userId));
                    Track(x, organisationId, email.Email, null);
                    added++;
                }
            }
        }

        var outcome = new ImportOutcome(lines.Count(l => l.ChangesSomething), lines.Count(l => !l.IsValid), created, participants, invitations, added);
        if (outcome.LinesApplied > 0)
        {
            x.Audit("call.organisations_imported", null, outcome);
        }

        return outcome;
    }

    private static void Track(CallChange x, Guid organisationId, string email, IssuedInvitation? issued) =>
        x.Db.OnboardingInvitations.Add(new OnboardingInvitation
        {
            CallId = x.Call.Id,
            OrganisationId = organisationId,
            Email = email,
            AccountInvitationId = issued?.Invitation.Id,
            OutboxMessageId = issued?.Mail.Id,
            InvitedByUserId = x.Actor.UserId!,
            InvitedAt = x.Now,
            SentAt = x.Now,
        });

    private static ImportPreview Preview(IReadOnlyList<PlannedLine> lines)
    {
        var applied = lines.Where(l => l.ChangesSomething).ToList();
        return new ImportPreview(
            [.. lines.Select(l => new ImportPreviewLine(l.Row.Line, l.Row.Name, l.Row.Kind, l.Row.Role, l.Row.Territory, l.Row.Emails, l.Organisation, l.Participant, l.Emails, l.Errors))],
            lines.Count(l => !l.IsValid),
            applied.Count,
            applied.Count(l => l.Organisation == OrganisationAction.Create),
            applied.Count(l => l.Participant == ParticipantAction.Invite),
            applied.Sum(l => l.Emails.Count(e => e.Action == EmailAction.Invite)),
            applied.Sum(l => l.Emails.Count(e => e.Action == EmailAction.AddRegistered)));
    }
}
