using System.Data;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Access;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Features.Commons;

/// <summary>
/// Proposing a commons and changing it: its description, budget lines, the challenges it answers and its
/// co-creators. Members propose while the call is in phase Commons; the co-creators edit until the commons
/// is approved, facilitators at any time (audited); budget lines freeze when the budget round opens.
/// </summary>
public sealed class CommonsService(
    IDbContextFactory<AppDbContext> factory,
    CallLocks locks,
    TimeProvider clock,
    IValidator<ProposeCommons> proposeValidator,
    IValidator<EditCommons> editValidator,
    IValidator<SetCommonsBudget> budgetValidator,
    IValidator<LinkCommonsChallenges> linkValidator,
    IValidator<AddCoCreator> coCreatorValidator)
{
    public async Task<Result<Guid>> ProposeAsync(Actor actor, ProposeCommons command, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var scope = await locks.LockAsync(db, command.CallId, CallLock.Shared, ct) is { } call ? await CallScope.OfAsync(db, actor, call, ct) : null;
        if (scope is null)
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown call.");
        }

        if (!scope.Access.Represents(command.OrganisationId))
        {
            return new DomainError(ErrorCodes.Forbidden, "Only the representatives of a joined member organisation propose commons on its behalf.");
        }

        var validation = await proposeValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        var phase = CommonsEntity.CheckCanPropose(scope.Call.Phase);
        if (!phase.IsSuccess)
        {
            return phase.Error!;
        }

        var challenges = await CheckChallengesAsync(db, scope.Call.Id, command.ChallengeIds ?? [], ct);
        if (!challenges.IsSuccess)
        {
            return challenges.Error!;
        }

        var coCreators = (command.CoCreatorIds ?? []).Where(id => id != command.OrganisationId).Distinct().ToList();
        if (!await AreJoinedMembersAsync(db, scope.Call.Id, coCreators, ct))
        {
            return new DomainError(ErrorCodes.UnknownOrganisation, "Co-creators must be member organisations that joined the call.");
        }

        var commons = new CommonsEntity(scope.Call.Id, command.OrganisationId, command.Title, command.Summary, command.Kind, command.Licence, clock.GetUtcNow());
        var changed = Combine(commons.Revise(command.ToDescription()), () => commons.SetBudgetLines(command.BudgetLines));
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        commons.LinkChallenges(command.ChallengeIds ?? []);
        coCreators.ForEach(commons.AddCoCreator);
        db.Commons.Add(commons);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return commons.Id;
    }

    public async Task<Result> EditAsync(Actor actor, EditCommons command, CancellationToken ct = default)
    {
        return await ChangeAsync(actor, command.CallId, command.CommonsId, () => editValidator.ValidateAsync(command, ct), budgetLines: false, "commons.edited", q => q, (_, c) =>
        {
            var before = Snapshot(c);
            var result = c.Revise(command.ToDescription());
            return Task.FromResult<(Result, object?, object?)>((result, before, Snapshot(c)));
        }, ct);
    }

    public async Task<Result> SetBudgetLinesAsync(Actor actor, SetCommonsBudget command, CancellationToken ct = default)
    {
        return await ChangeAsync(actor, command.CallId, command.CommonsId, () => budgetValidator.ValidateAsync(command, ct), budgetLines: true, "commons.budget_changed", q => q, (_, c) =>
        {
            var before = new { c.MinimumGoal, c.MaximumGoal, Lines = c.BudgetLines.ToList() };
            var result = c.SetBudgetLines(command.BudgetLines);
            return Task.FromResult<(Result, object?, object?)>((result, before, new { c.MinimumGoal, c.MaximumGoal, Lines = c.BudgetLines.ToList() }));
        }, ct);
    }

    public async Task<Result> LinkChallengesAsync(Actor actor, LinkCommonsChallenges command, CancellationToken ct = default)
    {
        return await ChangeAsync(actor, command.CallId, command.CommonsId, () => linkValidator.ValidateAsync(command, ct), budgetLines: false, "commons.challenges_linked", q => q.Include(c => c.Challenges), async (db, c) =>
        {
            var checkedIds = await CheckChallengesAsync(db, command.CallId, command.ChallengeIds, ct);
            if (!checkedIds.IsSuccess)
            {
                return (checkedIds, null, null);
            }

            var before = c.Challenges.Select(x => x.ChallengeId).ToList();
            c.LinkChallenges(command.ChallengeIds);
            return (Result.Ok(), before, command.ChallengeIds.Distinct().ToList());
        }, ct);
    }

    public async Task<Result> AddCoCreatorAsync(Actor actor, AddCoCreator command, CancellationToken ct = default)
    {
        return await ChangeAsync(actor, command.CallId, command.CommonsId, () => coCreatorValidator.ValidateAsync(command, ct), budgetLines: false, "commons.co_creator_added", q => q, async (db, c) =>
        {
            if (!await AreJoinedMembersAsync(db, command.CallId, [command.OrganisationId], ct))
            {
                return (Result.Fail(ErrorCodes.UnknownOrganisation, "Co-creators must be member organisations that joined the call."), null, null);
            }

            c.AddCoCreator(command.OrganisationId);
            return (Result.Ok(), null, new { command.OrganisationId });
        }, ct);
    }

    public Task<Result> RemoveCoCreatorAsync(Actor actor, Guid callId, Guid commonsId, Guid organisationId, CancellationToken ct = default) =>
        ChangeAsync(actor, callId, commonsId, validate: null, budgetLines: false, "commons.co_creator_removed", q => q, (_, c) =>
            Task.FromResult<(Result, object?, object?)>((c.RemoveCoCreator(organisationId), new { OrganisationId = organisationId }, null)), ct);

    /// <summary>
    /// Loads the commons under a shared lock on its call, works out who edits it (facilitator or co-creator), then
    /// validates the input, checks that this editor may change it now, applies <paramref name="change"/> and saves;
    /// facilitators' changes are audited.
    /// </summary>
    private async Task<Result> ChangeAsync(
        Actor actor,
        Guid callId,
        Guid commonsId,
        Func<Task<FluentValidation.Results.ValidationResult>>? validate,
        bool budgetLines,
        string auditAction,
        Func<IQueryable<CommonsEntity>, IQueryable<CommonsEntity>> include,
        Func<AppDbContext, CommonsEntity, Task<(Result Result, object? Before, object? After)>> change,
        CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var scope = await locks.LockAsync(db, callId, CallLock.Shared, ct) is { } call ? await CallScope.OfAsync(db, actor, call, ct) : null;
        if (scope is null)
        {
            return Result.Fail(ErrorCodes.NotFound, "Unknown call.");
        }

        var commons = await include(db.Commons.Include(c => c.CoCreators)).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == commonsId && c.CallId == callId, ct);
        if (commons is null)
        {
            return Result.Fail(ErrorCodes.NotFound, "Unknown commons in this call.");
        }

        if (EditorOf(scope.Access, commons) is not { } editor)
        {
            return Result.Fail(ErrorCodes.Forbidden, "Only the commons' co-creators and the call's facilitators change it.");
        }

        if (validate is not null && await validate() is { IsValid: false } invalid)
        {
            return invalid.ToDomainError();
        }

        var editable = commons.CheckEditable(editor, scope.Call.Phase, budgetLines);
        if (!editable.IsSuccess)
        {
            return editable;
        }

        var (result, before, after) = await change(db, commons);
        if (!result.IsSuccess)
        {
            return result;
        }

        if (editor == CommonsEditor.Facilitator)
        {
            AuditLog.Record(db, callId, actor, auditAction, before is null ? new { commons.Id } : new { commons.Id, Before = before }, after, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>Facilitators edit as such; otherwise the representatives of a co-creator (a joined member) edit as co-creators.</summary>
    public static CommonsEditor? EditorOf(CallAccess access, CommonsEntity commons) =>
        access.IsFacilitator ? CommonsEditor.Facilitator
        : commons.CoCreators.Any(c => access.Represents(c.OrganisationId)) ? CommonsEditor.CoCreator
        : null;

    private static async Task<Result> CheckChallengesAsync(AppDbContext db, Guid callId, IReadOnlyList<Guid> challengeIds, CancellationToken ct)
    {
        var ids = challengeIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return Result.Ok();
        }

        var found = await db.Challenges.CountAsync(c => ids.Contains(c.Id) && c.CallId == callId && c.Status == ChallengeStatus.Published, ct);
        return found == ids.Count
            ? Result.Ok()
            : Result.Fail(ErrorCodes.UnknownChallenge, "A commons answers only published micro-challenges of its own call.");
    }

    private static async Task<bool> AreJoinedMembersAsync(AppDbContext db, Guid callId, IReadOnlyList<Guid> organisationIds, CancellationToken ct) =>
        organisationIds.Count == 0
        || await db.Participants.CountAsync(p => p.CallId == callId && organisationIds.Contains(p.OrganisationId)
            && p.Role == ParticipantRole.Member && p.State == InvitationState.Joined, ct) == organisationIds.Count;

    private static Result Combine(Result first, Func<Result> then) => first.IsSuccess ? then() : first;

    private static object Snapshot(CommonsEntity c) =>
        new { c.Title, c.Summary, Kind = c.Kind.ToString(), c.Licence, Maturity = c.Maturity.ToString(), c.Governance, c.CommunityPlan, c.CitizenInvolvement, c.MissingResources, LookingFor = c.LookingFor.ToString(), c.SkillsWanted };
}
