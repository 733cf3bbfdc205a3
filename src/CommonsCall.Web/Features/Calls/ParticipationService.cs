using System.Text.Json.Serialization;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Organisations;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calls;

/// <summary>Invites <see cref="OrganisationId"/> to the call <see cref="CallId"/> (which the API takes from the route, never from the body).</summary>
public sealed record InviteParticipant(Guid OrganisationId, ParticipantRole Role)
{
    [JsonIgnore]
    public Guid CallId { get; init; }
}

/// <summary>An organisation's answer to its invitation to the call <see cref="CallId"/> in <see cref="Role"/>: it accepts, declines or leaves.</summary>
public sealed record AnswerInvitation(Guid CallId, Guid OrganisationId, ParticipantRole Role);

/// <summary>One of the actor's organisations in a call, in one role.</summary>
public sealed record MyParticipation(Guid OrganisationId, string OrganisationName, ParticipantRole Role, InvitationState State);

public sealed class InviteParticipantValidator : AbstractValidator<InviteParticipant>
{
    public InviteParticipantValidator()
    {
        RuleFor(x => x.OrganisationId).NotEmpty();
        RuleFor(x => x.Role).IsInEnum();
    }
}

/// <summary>
/// Who takes part in a call: the facilitator invites organisations as Member or Funder; a representative of
/// an invited organisation accepts or declines, and may leave until its commitments hold.
/// </summary>
public sealed class ParticipationService(IDbContextFactory<AppDbContext> factory, CallChanges changes, IValidator<InviteParticipant> validator, TimeProvider clock)
{
    public Task<Result> InviteAsync(Actor actor, InviteParticipant command, CancellationToken ct = default) =>
        changes.ManageAsync(actor, command.CallId, CallLock.Exclusive, "Only the call's facilitators invite organisations.", async x =>
        {
            var validation = await validator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            if (!await x.Db.Organisations.AnyAsync(o => o.Id == command.OrganisationId, ct))
            {
                return Result.Fail(ErrorCodes.UnknownOrganisation, "Unknown organisation.");
            }

            var existing = await x.Db.Participants.SingleOrDefaultAsync(
                p => p.CallId == command.CallId && p.OrganisationId == command.OrganisationId && p.Role == command.Role, ct);
            var before = existing?.State.ToString();
            if (existing is null)
            {
                var invited = Participant.Invite(x.Call, command.OrganisationId, command.Role, x.Now);
                if (!invited.IsSuccess)
                {
                    return invited.Error!;
                }

                x.Db.Participants.Add(invited.Value!);
            }
            else
            {
                var reinvited = existing.Reinvite(x.Call.Phase, x.Now);
                if (!reinvited.IsSuccess)
                {
                    return reinvited;
                }
            }

            x.Audit("call.participant_invited",
                before is null ? null : new { command.OrganisationId, Role = command.Role.ToString(), State = before },
                new { command.OrganisationId, Role = command.Role.ToString(), State = nameof(InvitationState.Invited) });
            return Result.Ok();
        }, ct);

    /// <summary>A representative of the organisation accepts its invitation.</summary>
    public Task<Result> AcceptAsync(Actor actor, AnswerInvitation command, CancellationToken ct = default) =>
        AnswerAsync(actor, command, "call.participant_joined", (p, call, _) => p.Accept(call.Phase, clock.GetUtcNow()), ct);

    /// <summary>
    /// A representative of the organisation declines its invitation or leaves the call; refused once it holds money
    /// in the call (a pledge, a grant, own funds) or once the budget round opened.
    /// </summary>
    public Task<Result> LeaveAsync(Actor actor, AnswerInvitation command, CancellationToken ct = default) =>
        AnswerAsync(actor, command, "call.participant_left", (p, call, holdsMoney) => p.Leave(call.Phase, holdsMoney), ct);

    /// <summary>The actor's organisations invited to or taking part in the call, for the call page's invitation panel.</summary>
    public async Task<IReadOnlyList<MyParticipation>> MineAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from p in db.Participants.AsNoTracking()
                      join o in db.Organisations on p.OrganisationId equals o.Id
                      where p.CallId == callId && db.OrganisationMembers.Any(m => m.OrganisationId == o.Id && m.UserId == userId)
                      orderby o.Name, p.Role
                      select new MyParticipation(o.Id, o.Name, p.Role, p.State)).ToListAsync(ct);
    }

    /// <summary>Every organisation, for the facilitator's invitation form (null for anyone else).</summary>
    public async Task<IReadOnlyList<OrganisationRef>?> InvitableOrganisationsAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var call = await db.Calls.AsNoTracking().Include(c => c.Facilitators).SingleOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null || !CallAccess.CanManage(actor, call))
        {
            return null;
        }

        return await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new OrganisationRef(o.Id, o.Name)).ToListAsync(ct);
    }

    /// <remarks>
    /// The call is held in shared mode: phase moves and money operations wait, so the phase and the balances read
    /// here hold until commit.
    /// </remarks>
    private Task<Result> AnswerAsync(
        Actor actor,
        AnswerInvitation command,
        string action,
        Func<Participant, Call, bool, Result> answer,
        CancellationToken ct) =>
        changes.LockAsync(actor, command.CallId, CallLock.Shared, async x =>
        {
            var (callId, organisationId, role) = command;
            var db = x.Db;
            var userId = actor.UserId;
            if (userId is null || !await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == organisationId && m.UserId == userId, ct))
            {
                return Result.Fail(ErrorCodes.Forbidden, "Only the organisation's representatives answer its invitations.");
            }

            var participant = await db.Participants.SingleOrDefaultAsync(p => p.CallId == callId && p.OrganisationId == organisationId && p.Role == role, ct);
            if (participant is null)
            {
                return Result.Fail(ErrorCodes.NotFound, "This organisation is not invited to the call in this role.");
            }

            var holdsMoney = role == ParticipantRole.Funder
                ? await db.Pledges.AnyAsync(p => p.CallId == callId && p.FunderOrganisationId == organisationId, ct)
                : await db.MemberBudgets.AnyAsync(b => b.CallId == callId && b.OrganisationId == organisationId && (b.Granted > 0 || b.OwnFunds > 0 || b.Contributed > 0), ct);
            var before = participant.State;
            var answered = answer(participant, x.Call, holdsMoney);
            return participant.State == before
                ? answered
                : x.Audited(answered, action,
                    new { OrganisationId = organisationId, Role = role.ToString(), State = before.ToString() },
                    () => new { OrganisationId = organisationId, Role = role.ToString(), State = participant.State.ToString() });
        }, ct);
}
