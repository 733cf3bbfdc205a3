using System.Data;
using CommonsCall.Domain.Challenges;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommonsCall.Web.Features.Challenges;

/// <summary>
/// Writing micro-challenges. A joined member organisation's representatives write, publish and support
/// challenges while the call is in phase Challenges or Commons; the author organisation edits its own; the
/// call's facilitators edit any challenge in any phase, name its resource person and archive it.
/// </summary>
public sealed class ChallengeService(
    CallChanges changes,
    IValidator<CreateChallenge> createValidator,
    IValidator<EditChallenge> editValidator,
    IValidator<SetResourcePerson> resourcePersonValidator,
    TimeProvider clock)
{
    public Task<Result<Guid>> CreateAsync(Actor actor, CreateChallenge command, CancellationToken ct = default) =>
        changes.ShareAsync<Guid>(actor, command.CallId, NotFound(), x => CreateAsync(x, command, ct), ct);

    private async Task<Result<Guid>> CreateAsync(CallChange x, CreateChallenge command, CancellationToken ct)
    {
        var (db, call, access) = (x.Db, x.Call, x.Access);
        var author = ResolveOrganisation(command.AuthorOrganisationId, access.MemberOrganisations, nameof(CreateChallenge.AuthorOrganisationId));
        if (!author.IsSuccess)
        {
            // A facilitator who represents no member organisation must say for whom the challenge is written.
            return access.IsMember || access.IsFacilitator ? author.Error! : Forbidden("Only a member organisation of the call writes micro-challenges.");
        }

        var authorId = author.Value;
        var asMember = access.Represents(authorId);
        if (asMember && !access.IsFacilitator && !Challenge.MembersMayContribute(call.Phase))
        {
            return WrongPhase(call.Phase);
        }

        if (!asMember)
        {
            if (!access.IsFacilitator)
            {
                return Forbidden("Only the representatives of a joined member organisation write its micro-challenges.");
            }

            var isJoinedMember = await db.Participants.AnyAsync(
                p => p.CallId == call.Id && p.OrganisationId == authorId && p.Role == ParticipantRole.Member && p.State == InvitationState.Joined, ct);
            if (!isJoinedMember)
            {
                return new DomainError(ErrorCodes.UnknownOrganisation, "The author must be a member organisation that joined the call.");
            }
        }

        var validation = await createValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        var now = x.Now;
        var challenge = new Challenge(call.Id, authorId, command.Question, command.Context ?? string.Empty, now);
        challenge.Describe(command.ToContent());
        if (command.Publish)
        {
            challenge.Publish(now);
        }

        db.Challenges.Add(challenge);
        if (!asMember || !Challenge.MembersMayContribute(call.Phase))
        {
            x.Audit("challenge.created", null, new { challenge.Id, challenge.AuthorOrganisationId, challenge.Question, Status = challenge.Status.ToString() });
        }

        return challenge.Id;
    }

    public Task<Result> EditAsync(Actor actor, EditChallenge command, CancellationToken ct = default) =>
        ChangeAsync(actor, command, Right.Write, async x =>
        {
            var validation = await editValidator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            if (command.Version is { } version)
            {
                x.Db.Entry(x.Challenge).Property(c => c.Version).OriginalValue = version;
            }

            var before = Snapshot(x.Challenge);
            x.Challenge.Describe(command.ToContent());
            if (x.AsFacilitator)
            {
                x.Scope.Audit("challenge.edited", before, Snapshot(x.Challenge));
            }

            return Ok;
        }, ct);

    /// <summary>Publishes a draft (or puts an archived challenge back, for facilitators); publishing twice changes nothing.</summary>
    public Task<Result> PublishAsync(Actor actor, PublishChallenge command, CancellationToken ct = default) =>
        ChangeAsync(actor, command, Right.Write, x =>
        {
            var before = x.Challenge.Status;
            x.Challenge.Publish(clock.GetUtcNow());
            if (x.AsFacilitator && before != x.Challenge.Status)
            {
                x.Scope.Audit("challenge.published", StatusOf(x.Challenge.Id, before), StatusOf(x.Challenge.Id, x.Challenge.Status));
            }

            return Ok;
        }, ct);

    public Task<Result> ArchiveAsync(Actor actor, ArchiveChallenge command, CancellationToken ct = default) =>
        ChangeAsync(actor, command, Right.Facilitate, x =>
        {
            var before = x.Challenge.Status;
            x.Challenge.Archive();
            if (before != x.Challenge.Status)
            {
                x.Scope.Audit("challenge.archived", StatusOf(x.Challenge.Id, before), StatusOf(x.Challenge.Id, x.Challenge.Status));
            }

            return Ok;
        }, ct);

    /// <summary>A facilitator names the resource person: one of the call's facilitators or someone named; neither removes it.</summary>
    public Task<Result> SetResourcePersonAsync(Actor actor, SetResourcePerson command, CancellationToken ct = default) =>
        ChangeAsync(actor, command, Right.Facilitate, async x =>
        {
            var validation = await resourcePersonValidator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            var userId = string.IsNullOrWhiteSpace(command.UserId) ? null : command.UserId.Trim();
            var name = command.Name;
            if (userId is not null)
            {
                if (!x.Call.IsFacilitator(userId))
                {
                    return Result.Fail(ErrorCodes.ResourcePersonNotFacilitator, "A resource person with an account must be one of the call's facilitators; name anyone else without an account.");
                }

                if (string.IsNullOrWhiteSpace(name))
                {
                    name = await x.Db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(ct);
                }
            }

            var c = x.Challenge;
            var before = new { c.Id, Name = c.ResourcePersonName, UserId = c.ResourcePersonUserId };
            c.AssignResourcePerson(name, userId);
            x.Scope.Audit("challenge.resource_person_set", before, new { c.Id, Name = c.ResourcePersonName, UserId = c.ResourcePersonUserId });
            return Ok;
        }, ct);

    /// <summary>
    /// <see cref="SupportChallenge.OrganisationId"/> (may be left out by someone who represents exactly one other member
    /// organisation) supports the challenge; supporting twice changes nothing.
    /// </summary>
    public Task<Result> SupportAsync(Actor actor, SupportChallenge command, CancellationToken ct = default) =>
        ChangeSupportAsync(actor, command, (challenge, supporter) => challenge.Support(supporter, clock.GetUtcNow()), ct);

    /// <summary>Withdraws an organisation's support; withdrawing a support that does not exist changes nothing.</summary>
    public Task<Result> WithdrawSupportAsync(Actor actor, SupportChallenge command, CancellationToken ct = default) =>
        ChangeSupportAsync(actor, command, (challenge, supporter) => challenge.WithdrawSupport(supporter), ct);

    private async Task<Result> ChangeSupportAsync(Actor actor, SupportChallenge command, Func<Challenge, Guid, Result> change, CancellationToken ct)
    {
        var organisationId = command.OrganisationId;
        try
        {
            return await ChangeAsync(actor, command, Right.Support, x =>
            {
                // Left out, the organisation is the only other one the actor represents; the author's own
                // representatives are then told that an organisation does not support its own challenge.
                var candidates = x.Access.MemberOrganisations.Where(o => o != x.Challenge.AuthorOrganisationId).ToHashSet();
                var supporter = organisationId is null && candidates.Count == 0 && x.Access.Represents(x.Challenge.AuthorOrganisationId)
                    ? x.Challenge.AuthorOrganisationId
                    : ResolveOrganisation(organisationId, candidates, "OrganisationId");
                if (!supporter.IsSuccess)
                {
                    return x.Access.IsMember ? supporter.Error! : Forbidden("Only the member organisations of the call support its challenges.");
                }

                if (!x.Access.Represents(supporter.Value))
                {
                    return Forbidden("You may only support a challenge on behalf of a member organisation you represent.");
                }

                return !Challenge.MembersMayContribute(x.Call.Phase) ? WrongPhase(x.Call.Phase) : change(x.Challenge, supporter.Value);
            }, ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent request made the same change first: supporting and withdrawing are idempotent.
            return Result.Ok();
        }
    }

    private enum Right
    {
        /// <summary>The author organisation's representatives (in the members' phases) and the facilitators.</summary>
        Write,

        /// <summary>The call's facilitators.</summary>
        Facilitate,

        /// <summary>Checked by the operation itself (it knows which organisation acts).</summary>
        Support,
    }

    /// <summary>What an operation on one challenge works with, once the actor's right to it is checked.</summary>
    private sealed record Change(CallChange Scope, Challenge Challenge, bool AsFacilitator)
    {
        public AppDbContext Db => Scope.Db;

        public Call Call => Scope.Call;

        public CallAccess Access => Scope.Access;
    }

    /// <summary>
    /// Loads the challenge under a shared lock of its call (so that the phase cannot move meanwhile), checks that
    /// the actor may see it and has <paramref name="right"/>, applies <paramref name="change"/> and saves, all or nothing.
    /// </summary>
    private Task<Result> ChangeAsync(Actor actor, IChallengeCommand target, Right right, Func<Change, Result> change, CancellationToken ct) =>
        ChangeAsync(actor, target, right, x => Task.FromResult(change(x)), ct);

    private async Task<Result> ChangeAsync(Actor actor, IChallengeCommand target, Right right, Func<Change, Task<Result>> change, CancellationToken ct)
    {
        try
        {
            return await changes.ShareAsync(actor, target.CallId, NotFound(), async x =>
            {
                var challenge = await x.Db.Challenges.Include(c => c.Supporters).SingleOrDefaultAsync(c => c.Id == target.ChallengeId && c.CallId == x.Call.Id, ct);
                if (challenge is null || !ChallengeQueries.MaySee(x.Access, challenge))
                {
                    return NotFound();
                }

                var asFacilitator = false;
                switch (right)
                {
                    case Right.Facilitate when !x.Access.IsFacilitator:
                        return Forbidden("Only the call's facilitators do this.");
                    case Right.Write:
                        var refusal = RefusalAsAuthor(x.Access, x.Call.Phase, challenge);
                        if (refusal is not null && !x.Access.IsFacilitator)
                        {
                            return refusal;
                        }

                        asFacilitator = refusal is not null;
                        break;
                }

                return await change(new Change(x, challenge, asFacilitator));
            }, ct);
        }
        catch (DbUpdateConcurrencyException) when (right != Right.Support)
        {
            // The challenge row changed since it was read (its xmin moved): someone else's change must not be lost.
            return Result.Fail(ErrorCodes.Conflict, "Someone changed this challenge meanwhile: reload it and try again.");
        }
    }

    /// <summary>Why the author organisation's representatives may not change this challenge now, or null when they may.</summary>
    internal static DomainError? RefusalAsAuthor(CallAccess access, CallPhase phase, Challenge challenge) =>
        !access.Represents(challenge.AuthorOrganisationId)
            ? new DomainError(ErrorCodes.Forbidden, "Only the author organisation's representatives and the call's facilitators change this challenge.")
            : !Challenge.MembersMayContribute(phase)
                ? WrongPhase(phase)
                : challenge.Status == ChallengeStatus.Archived
                    ? new DomainError(ErrorCodes.ChallengeArchived, "This challenge is archived: only the call's facilitators change it now.")
                    : null;

    /// <summary>The organisation the actor acts for: the one given, or the only candidate when none is given.</summary>
    private static Result<Guid> ResolveOrganisation(Guid? given, IReadOnlySet<Guid> candidates, string field)
    {
        if (given is { } id)
        {
            return id;
        }

        if (candidates.Count == 1)
        {
            return candidates.Single();
        }

        var message = candidates.Count == 0
            ? "You represent no member organisation of this call that could do this."
            : "You represent several member organisations of this call: say which one acts.";
        return new DomainError(ErrorCodes.Validation, message, new Dictionary<string, string[]> { [field] = [message] });
    }

    private static object Snapshot(Challenge c) => new
    {
        c.Id,
        c.Question,
        c.Context,
        c.Pains,
        c.ScenarioBefore,
        c.ScenarioAfter,
        c.Indicators,
        c.WhoPays,
        c.WhoUses,
        c.WhoBenefits,
        c.TargetCommunityMin,
        c.TargetCommunityMax,
    };

    private static Result Ok => Result.Ok();

    private static object StatusOf(Guid id, ChallengeStatus status) => new { Id = id, Status = status.ToString() };

    private static DomainError NotFound() => new(ErrorCodes.NotFound, "No such micro-challenge is visible to you in this call.");

    private static DomainError Forbidden(string detail) => new(ErrorCodes.Forbidden, detail);

    private static DomainError WrongPhase(CallPhase phase) =>
        new(ErrorCodes.WrongPhase, $"Members write and support micro-challenges in the Challenges and Commons phases; the call is in {phase}.");
}
