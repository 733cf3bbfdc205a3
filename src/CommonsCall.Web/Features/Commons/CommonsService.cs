using System.Text.Json;
using System.Text.Json.Serialization;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Data;
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
    CallChanges changes,
    IValidator<ProposeCommons> proposeValidator,
    IValidator<EditCommons> editValidator,
    IValidator<SetCommonsBudget> budgetValidator,
    IValidator<LinkCommonsChallenges> linkValidator,
    IValidator<AddCoCreator> coCreatorValidator,
    IValidator<SetCommonsCover> coverValidator)
{
    public Task<Result<Guid>> ProposeAsync(Actor actor, ProposeCommons command, CancellationToken ct = default) =>
        changes.ShareAsync<Guid>(actor, command.CallId, UnknownCall, async x =>
        {
            if (!x.Access.Represents(command.OrganisationId))
            {
                return new DomainError(ErrorCodes.Forbidden, "Only the representatives of a joined member organisation propose commons on its behalf.");
            }

            var validation = await proposeValidator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            var phase = CommonsEntity.CheckCanPropose(x.Call.Phase);
            if (!phase.IsSuccess)
            {
                return phase.Error!;
            }

            var challenges = await CheckChallengesAsync(x.Db, x.Call.Id, command.ChallengeIds ?? [], ct);
            if (!challenges.IsSuccess)
            {
                return challenges.Error!;
            }

            var coCreators = (command.CoCreatorIds ?? []).Where(id => id != command.OrganisationId).Distinct().ToList();
            if (!await AreJoinedMembersAsync(x.Db, x.Call.Id, coCreators, ct))
            {
                return new DomainError(ErrorCodes.UnknownOrganisation, "Co-creators must be member organisations that joined the call.");
            }

            var d = command.Description;
            var commons = new CommonsEntity(x.Call.Id, command.OrganisationId, d.Title, d.Summary, d.Kind, d.Licence, x.Now);
            var changed = Combine(commons.Revise(d), () => commons.SetBudgetLines(command.BudgetLines));
            if (!changed.IsSuccess)
            {
                return changed.Error!;
            }

            commons.LinkChallenges(command.ChallengeIds ?? []);
            coCreators.ForEach(commons.AddCoCreator);
            x.Db.Commons.Add(commons);
            return commons.Id;
        }, ct);

    public Task<Result> EditAsync(Actor actor, EditCommons command, CancellationToken ct = default) =>
        ChangeAsync(actor, command.CallId, command.CommonsId, new("commons.edited", () => editValidator.ValidateAsync(command, ct)), e =>
        {
            var before = Snapshot(e.Commons);
            return Task.FromResult(e.Audited(e.Commons.Revise(command.Description), before, () => Snapshot(e.Commons)));
        }, ct);

    public Task<Result> SetBudgetLinesAsync(Actor actor, SetCommonsBudget command, CancellationToken ct = default) =>
        ChangeAsync(actor, command.CallId, command.CommonsId, new("commons.budget_changed", () => budgetValidator.ValidateAsync(command, ct), BudgetLines: true), e =>
        {
            var c = e.Commons;
            var before = new { c.MinimumGoal, c.MaximumGoal, Lines = c.BudgetLines.ToList() };
            return Task.FromResult(e.Audited(c.SetBudgetLines(command.BudgetLines), before, () => new { c.MinimumGoal, c.MaximumGoal, Lines = c.BudgetLines.ToList() }));
        }, ct);

    public Task<Result> LinkChallengesAsync(Actor actor, LinkCommonsChallenges command, CancellationToken ct = default) =>
        ChangeAsync(actor, command.CallId, command.CommonsId, new("commons.challenges_linked", () => linkValidator.ValidateAsync(command, ct), WithChallenges: true), async e =>
        {
            var checkedIds = await CheckChallengesAsync(e.Db, command.CallId, command.ChallengeIds, ct);
            if (!checkedIds.IsSuccess)
            {
                return checkedIds;
            }

            var before = e.Commons.Challenges.Select(x => x.ChallengeId).ToList();
            e.Commons.LinkChallenges(command.ChallengeIds);
            return e.Audited(Result.Ok(), before, () => command.ChallengeIds.Distinct().ToList());
        }, ct);

    public Task<Result> AddCoCreatorAsync(Actor actor, AddCoCreator command, CancellationToken ct = default) =>
        ChangeAsync(actor, command.CallId, command.CommonsId, new("commons.co_creator_added", () => coCreatorValidator.ValidateAsync(command, ct), CoCreators: true), async e =>
        {
            if (!await AreJoinedMembersAsync(e.Db, command.CallId, [command.OrganisationId], ct))
            {
                return Result.Fail(ErrorCodes.UnknownOrganisation, "Co-creators must be member organisations that joined the call.");
            }

            e.Commons.AddCoCreator(command.OrganisationId);
            return e.Audited(Result.Ok(), null, () => new { command.OrganisationId });
        }, ct);

    public Task<Result> RemoveCoCreatorAsync(Actor actor, RemoveCoCreator command, CancellationToken ct = default) =>
        ChangeAsync(actor, command.CallId, command.CommonsId, new("commons.co_creator_removed", CoCreators: true), e =>
            Task.FromResult(e.Audited(e.Commons.RemoveCoCreator(command.OrganisationId), new { command.OrganisationId }, () => null)), ct);

    /// <summary>Sets the cover image (decoded, fitted and re-encoded by <see cref="CoverImages"/>); editors as for the description.</summary>
    public Task<Result> SetCoverAsync(Actor actor, SetCommonsCover command, CancellationToken ct = default) =>
        ChangeAsync(actor, command.CallId, command.CommonsId, new("commons.cover_set", () => coverValidator.ValidateAsync(command, ct)), async e =>
        {
            var image = CoverImages.Process(command.Image);
            if (!image.IsSuccess)
            {
                return image.Error!;
            }

            var cover = await e.Db.CommonsCovers.SingleOrDefaultAsync(c => c.CommonsId == e.Commons.Id, ct);
            if (cover is null)
            {
                e.Db.CommonsCovers.Add(new CommonsCover(e.Commons.Id, image.Value!, command.AltText, e.Change.Now));
            }
            else
            {
                cover.Replace(image.Value!, command.AltText, e.Change.Now);
            }

            return e.Audited(Result.Ok(), null, () => new { AltText = command.AltText.Trim(), image.Value!.Width, image.Value.Height });
        }, ct);

    public Task<Result> RemoveCoverAsync(Actor actor, RemoveCommonsCover command, CancellationToken ct = default) =>
        ChangeAsync(actor, command.CallId, command.CommonsId, new("commons.cover_removed"), async e =>
        {
            if (await e.Db.CommonsCovers.SingleOrDefaultAsync(c => c.CommonsId == e.Commons.Id, ct) is { } cover)
            {
                e.Db.CommonsCovers.Remove(cover);
            }

            return e.Audited(Result.Ok(), null, () => null);
        }, ct);

    /// <summary>What kind of change a commons undergoes: its audit action, its input's validation, whether it touches the budget lines, the co-creators or the linked challenges.</summary>
    private sealed record CommonsChange(string AuditAction, Func<Task<FluentValidation.Results.ValidationResult>>? Validate = null, bool BudgetLines = false, bool WithChallenges = false, bool CoCreators = false);

    /// <summary>The commons being changed and who changes it; only facilitators' changes are audited.</summary>
    private sealed record EditedCommons(CallChange Change, CommonsEntity Commons, CommonsEditor Editor, string AuditAction)
    {
        public AppDbContext Db => Change.Db;

        public Result Audited(Result outcome, object? before, Func<object?> after) =>
            Editor != CommonsEditor.Facilitator ? outcome
            : Change.Audited(outcome, AuditAction, before is null ? new { Commons.Id } : new { Commons.Id, Before = before }, after);
    }

    /// <summary>
    /// Loads the commons under a shared lock on its call (<see cref="CallChanges"/>), works out who edits it
    /// (facilitator or co-creator), then validates the input, checks that this editor may change it now and applies
    /// <paramref name="apply"/>.
    /// </summary>
    private Task<Result> ChangeAsync(Actor actor, Guid callId, Guid commonsId, CommonsChange kind, Func<EditedCommons, Task<Result>> apply, CancellationToken ct) =>
        changes.ShareAsync(actor, callId, UnknownCall, async x =>
        {
            IQueryable<CommonsEntity> query = x.Db.Commons.Include(c => c.CoCreators);
            var commons = await (kind.WithChallenges ? query.Include(c => c.Challenges) : query)
                .AsSplitQuery().SingleOrDefaultAsync(c => c.Id == commonsId && c.CallId == callId, ct);
            if (commons is null)
            {
                return Result.Fail(ErrorCodes.NotFound, "Unknown commons in this call.");
            }

            if (EditorOf(x.Access, commons) is not { } editor)
            {
                return Result.Fail(ErrorCodes.Forbidden, "Only the commons' co-creators and the call's facilitators change it.");
            }

            if (kind.Validate is not null && await kind.Validate() is { IsValid: false } invalid)
            {
                return invalid.ToDomainError();
            }

            var editable = commons.CheckEditable(editor, x.Call.Phase, kind.BudgetLines, kind.CoCreators);
            return editable.IsSuccess ? await apply(new EditedCommons(x, commons, editor, kind.AuditAction)) : editable;
        }, ct);

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

    private static DomainError UnknownCall => new(ErrorCodes.NotFound, "Unknown call.");

    private static Result Combine(Result first, Func<Result> then) => first.IsSuccess ? then() : first;

    /// <summary>The description as the audit log keeps it, its choices by name.</summary>
    private static JsonElement Snapshot(CommonsEntity c) => JsonSerializer.SerializeToElement(c.Description, AuditJson);

    private static readonly JsonSerializerOptions AuditJson = new() { Converters = { new JsonStringEnumConverter() } };
}
