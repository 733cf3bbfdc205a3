using CommonsCall.Domain.Common;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Accounts;

public sealed record CreateInvitation(string Email, string? Role, Guid? OrganisationId);

public sealed record CreatedInvitation(Guid Id, string Email, string Token, DateTimeOffset ExpiresAt);

/// <summary>An invitation added to a context, its queued mail and its secret (only the hash is stored).</summary>
public sealed record IssuedInvitation(AccountInvitation Invitation, OutboxMessage Mail, string Token);

public sealed record Registration(string Token, string DisplayName, string Password);

/// <summary>What a call's facilitators invite an email without an account to do in their call.</summary>
public enum CallInvitationRole
{
    Facilitator,
    Evaluator,
}

public sealed class CreateInvitationValidator : AbstractValidator<CreateInvitation>
{
    public CreateInvitationValidator()
    {
        RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(SchemaConstants.EmailLength);
        RuleFor(x => x.Role).Must(r => r is null || Roles.All.Contains(r)).WithMessage("Unknown role.");
    }
}

public sealed class RegistrationValidator : AbstractValidator<Registration>
{
    public RegistrationValidator()
    {
        RuleFor(x => x.Token).NotEmpty();
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(SchemaConstants.NameLength);
        RuleFor(x => x.Password).NotEmpty().MinimumLength(10);
    }
}

/// <summary>Accounts are created by invitation link only: an administrator (or a facilitator, or an organisation's member for its representatives) invites an email.</summary>
public sealed class InvitationService(
    IDbContextFactory<AppDbContext> factory,
    UserManager<AppUser> users,
    IValidator<CreateInvitation> invitationValidator,
    IValidator<Registration> registrationValidator,
    TimeProvider clock,
    AccountMails mails,
    ActionRateLimits limits)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public async Task<Result<CreatedInvitation>> CreateAsync(Actor actor, CreateInvitation command, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await MayInviteAsync(db, actor, command, ct))
        {
            return new DomainError(ErrorCodes.Forbidden, "Only administrators invite accounts; facilitators may invite members, and an organisation's members its representatives.");
        }

        var validation = await invitationValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        if (command.OrganisationId is { } org && !await db.Organisations.AnyAsync(o => o.Id == org, ct))
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown organisation.");
        }

        if (!await limits.TryAcquireAsync(ActionRateLimits.Invitations, actor.UserId!, ct: ct))
        {
            return limits.Refusal(ActionRateLimits.Invitations, "invitations");
        }

        var (invitation, _, token) = Issue(db, mails, command.Email, command.Role, command.OrganisationId, actor.UserId!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new CreatedInvitation(invitation.Id, invitation.Email, token, invitation.ExpiresAt);
    }

    /// <summary>
    /// The one rule before a call's facilitators invite an email without an account to their call, as co-facilitator or
    /// evaluator: refused while an invitation of that email to the same call for the same role still waits (neither
    /// used nor expired; another call, another role or a lapsed invitation does not block), then counted against the
    /// inviter's <see cref="ActionRateLimits.Invitations"/> limit (a refused duplicate counts nothing). Null when the
    /// invitation may be issued. Called inside the caller's change, which holds the call's lock: two facilitators
    /// inviting the same email at once are told apart. Static for the same reason as <see cref="IssueEvaluator"/>.
    /// </summary>
    public static async Task<DomainError?> RefuseCallInvitationAsync(
        AppDbContext db, ActionRateLimits limits, Actor actor, Guid callId, CallInvitationRole role, string email, DateTimeOffset now, CancellationToken ct)
    {
        var normalised = email.Trim().ToUpperInvariant();
        var pending = db.AccountInvitations.Where(i => i.Email.ToUpper() == normalised && i.UsedAt == null && i.ExpiresAt > now);
        var facilitator = role == CallInvitationRole.Facilitator;
        if (await (facilitator ? pending.Where(i => i.FacilitatesCallId == callId) : pending.Where(i => i.EvaluatesCallId == callId)).AnyAsync(ct))
        {
            return facilitator
                ? new DomainError(ErrorCodes.FacilitatorAlreadyInvited, "This email is already invited to facilitate the call: the invitation waits for them to register.")
                : new DomainError(EvaluationCodes.EvaluatorAlreadyInvited, "This email is already invited to evaluate the call: the invitation waits for them to register.");
        }

        return await limits.TryAcquireAsync(ActionRateLimits.Invitations, actor.UserId!, ct: ct) ? null : limits.Refusal(ActionRateLimits.Invitations, "invitations");
    }

    /// <summary>
    /// Adds the invitation of someone a call's facilitators name co-facilitator before they have an account: on
    /// registering they become facilitator of <paramref name="callId"/>. Saved with the caller's change, whose rights the
    /// caller checked, and <see cref="RefuseCallInvitationAsync"/> before it.
    /// </summary>
    public IssuedInvitation IssueFacilitator(AppDbContext db, Actor actor, string email, Guid callId) =>
        Issue(db, mails, email, null, null, actor.UserId!, clock.GetUtcNow(), facilitatesCallId: callId);

    /// <summary>
    /// Adds the invitation of an outside expert a call's facilitators name evaluator before they have an account: the
    /// mail says which call they are asked to evaluate, and on registering they evaluate <paramref name="callId"/>.
    /// Saved with the caller's change, whose rights the caller checked, and <see cref="RefuseCallInvitationAsync"/> before
    /// it. Static like <see cref="Issue"/>: the evaluation service that calls it lives as long as the application, this
    /// service only as long as a request.
    /// </summary>
    public static IssuedInvitation IssueEvaluator(AppDbContext db, AccountMails mails, Actor actor, string email, Guid callId, string callTitle, DateTimeOffset now)
    {
        var (invitation, token) = Add(db, email, null, null, actor.UserId!, now, evaluatesCallId: callId);
        return new IssuedInvitation(invitation, mails.EnqueueEvaluatorInvitation(db, invitation.Email, token, callTitle), token);
    }

    /// <summary>
    /// Adds an invitation and its mail to <paramref name="db"/>, saved together by the caller: the one way an invitation
    /// is made (here, by a facilitator's import of organisations, and for a co-facilitator; each caller checks its own
    /// rights and limit).
    /// </summary>
    public static IssuedInvitation Issue(AppDbContext db, AccountMails mails, string email, string? role, Guid? organisationId, string createdBy, DateTimeOffset now, Guid? facilitatesCallId = null)
    {
        var (invitation, token) = Add(db, email, role, organisationId, createdBy, now, facilitatesCallId: facilitatesCallId);
        return new IssuedInvitation(invitation, mails.EnqueueInvitation(db, invitation.Email, token), token);
    }

    private static (AccountInvitation Invitation, string Token) Add(
        AppDbContext db, string email, string? role, Guid? organisationId, string createdBy, DateTimeOffset now, Guid? facilitatesCallId = null, Guid? evaluatesCallId = null)
    {
        var token = SecretTokens.Create();
        var invitation = new AccountInvitation
        {
            TokenHash = SecretTokens.Hash(token),
            Email = email.Trim(),
            Role = role,
            OrganisationId = organisationId,
            FacilitatesCallId = facilitatesCallId,
            EvaluatesCallId = evaluatesCallId,
            CreatedByUserId = createdBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.AccountInvitations.Add(invitation);
        return (invitation, token);
    }

    /// <summary>
    /// Administrators invite anyone with any role; facilitators invite people without a platform role or
    /// organisation; a member of an organisation invites people to represent that organisation.
    /// </summary>
    private static async Task<bool> MayInviteAsync(AppDbContext db, Actor actor, CreateInvitation command, CancellationToken ct)
    {
        if (actor.IsAdministrator)
        {
            return true;
        }

        if (command.Role is not null || actor.UserId is not { } userId)
        {
            return false;
        }

        // A representative speaks (and spends) for the organisation: only its own members add one, never a
        // facilitator who is not one of them.
        return command.OrganisationId is { } organisationId
            ? await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == organisationId && m.UserId == userId, ct)
            : actor.IsFacilitator;
    }

    /// <summary>The pending invitation behind a link, or null when it is unknown, used or expired.</summary>
    public async Task<AccountInvitation?> FindPendingAsync(string token, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var hash = SecretTokens.Hash(token);
        var now = clock.GetUtcNow();
        return await db.AccountInvitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.UsedAt == null && i.ExpiresAt > now, ct);
    }

    public async Task<Result<AppUser>> RegisterAsync(Registration command, CancellationToken ct = default)
    {
        var validation = await registrationValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var hash = SecretTokens.Hash(command.Token);
        var now = clock.GetUtcNow();
        var invitation = await db.AccountInvitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || invitation.UsedAt is not null || invitation.ExpiresAt <= now)
        {
            return new DomainError(ErrorCodes.NotFound, "This invitation link is unknown, already used or expired.");
        }

        var user = new AppUser { UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = command.DisplayName.Trim() };
        var created = await users.CreateAsync(user, command.Password);
        if (!created.Succeeded)
        {
            return new DomainError(ErrorCodes.Validation, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        if (invitation.Role is not null)
        {
            await users.AddToRoleAsync(user, invitation.Role);
        }

        // One account answers every pending invitation to this address (an import may ask one person to represent
        // two organisations): the second link could not create the same account again.
        var normalised = invitation.Email.ToUpperInvariant();
        var pending = await db.AccountInvitations
            .Where(i => i.Id == invitation.Id || (i.Email.ToUpper() == normalised && i.UsedAt == null && i.ExpiresAt > now && i.Role == null))
            .ToListAsync(ct);
        foreach (var organisationId in pending.Select(i => i.OrganisationId).OfType<Guid>().Distinct())
        {
            db.OrganisationMembers.Add(new Domain.Organisations.OrganisationMember(organisationId, user.Id));
        }

        foreach (var callId in pending.Select(i => i.FacilitatesCallId).OfType<Guid>().Distinct())
        {
            if (await db.Calls.AnyAsync(c => c.Id == callId, ct))
            {
                db.Set<CallFacilitator>().Add(new CallFacilitator(callId, user.Id));
            }
        }

        foreach (var callId in pending.Select(i => i.EvaluatesCallId).OfType<Guid>().Distinct())
        {
            if (await db.Calls.AnyAsync(c => c.Id == callId, ct))
            {
                db.CallEvaluators.Add(new Domain.Evaluation.CallEvaluator(callId, user.Id, now));
            }
        }

        pending.ForEach(i => i.UsedAt = now);
        await db.SaveChangesAsync(ct);
        return user;
    }
}
