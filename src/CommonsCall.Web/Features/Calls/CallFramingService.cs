using System.Data;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Calls;

/// <summary>The planned start date of one phase.</summary>
public sealed record PlannedDate(CallPhase Phase, DateOnly Date);

/// <summary>What a facilitator says about a call, at creation and when editing it.</summary>
public interface ICallDetails
{
    string Title { get; }

    string Summary { get; }

    string Ecosystem { get; }

    string Currency { get; }

    CallVisibility Visibility { get; }

    IReadOnlyList<PlannedDate>? PlannedDates { get; }
}

/// <summary>Creates a call; its slug (its address, /calls/{slug}) never changes afterwards.</summary>
public sealed record CreateCall(
    string Title,
    string Slug,
    string Summary,
    string Ecosystem,
    string Currency,
    CallVisibility Visibility,
    IReadOnlyList<PlannedDate>? PlannedDates = null) : ICallDetails;

public sealed record EditCall(
    string Title,
    string Summary,
    string Ecosystem,
    string Currency,
    CallVisibility Visibility,
    IReadOnlyList<PlannedDate>? PlannedDates = null) : ICallDetails, ICallCommand
{
    [JsonIgnore]
    public Guid CallId { get; init; }
}

public sealed record SaveGlossaryTerm(string Term, string Definition) : ICallCommand
{
    [JsonIgnore]
    public Guid CallId { get; init; }
}

public sealed record SaveScopeStatement(string Text, bool InScope) : ICallCommand
{
    [JsonIgnore]
    public Guid CallId { get; init; }
}

public sealed record RemoveGlossaryTerm(Guid CallId, Guid TermId);

public sealed record RemoveScopeStatement(Guid CallId, Guid StatementId);

/// <summary>A framing command: the call it changes, which the API takes from the route, never from the body.</summary>
public interface ICallCommand
{
    Guid CallId { get; }
}

public sealed record CreatedCall(Guid Id, string Slug);

/// <summary>The rules every call description follows, written once for creation and editing.</summary>
public abstract class CallDetailsValidator<T> : AbstractValidator<T>
    where T : ICallDetails
{
    protected CallDetailsValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(SchemaConstants.TitleLength);
        RuleFor(x => x.Summary).NotEmpty().MaximumLength(SchemaConstants.LongTextLength);
        RuleFor(x => x.Ecosystem).NotEmpty().MaximumLength(SchemaConstants.NameLength);
        RuleFor(x => x.Currency).Must(Currencies.IsSupported)
            .WithMessage($"The currency must be one of {string.Join(", ", Currencies.Supported)} (ISO 4217 code).");
        RuleFor(x => x.Visibility).IsInEnum();
        RuleForEach(x => x.PlannedDates).ChildRules(d => d.RuleFor(p => p.Phase)
            .Must(PhaseSchedule.IsPlanned).WithMessage("Only the phases after Draft have a planned date."));
        RuleFor(x => x.PlannedDates)
            .Must(d => d!.Select(p => p.Phase).Distinct().Count() == d!.Count).WithMessage("Each phase has at most one planned date.")
            .Must(d => Schedule(d).FirstOutOfOrder() is null).WithMessage("The planned dates must follow the order of the phases.")
            .When(x => x.PlannedDates is not null && x.PlannedDates.All(p => PhaseSchedule.IsPlanned(p.Phase)));
    }

    internal static PhaseSchedule Schedule(IReadOnlyList<PlannedDate>? dates) =>
        PhaseSchedule.From((dates ?? []).Select(d => (d.Phase, d.Date)));
}

public sealed partial class CreateCallValidator : CallDetailsValidator<CreateCall>
{
    /// <summary>Slugs that are pages of their own under /calls/.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal) { "new" };

    public CreateCallValidator()
    {
        RuleFor(x => x.Slug)
            .NotEmpty()
            .MinimumLength(3)
            .MaximumLength(SchemaConstants.SlugLength)
            .Matches(SlugPattern()).WithMessage("Use lowercase letters, digits and single hyphens, starting and ending with a letter or digit.")
            .Must(s => !ReservedSlugs.Contains(s)).WithMessage("This address is reserved.");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}

public sealed class EditCallValidator : CallDetailsValidator<EditCall>;

public sealed class SaveGlossaryTermValidator : AbstractValidator<SaveGlossaryTerm>
{
    public SaveGlossaryTermValidator()
    {
        RuleFor(x => x.Term).NotEmpty().MaximumLength(SchemaConstants.NameLength);
        RuleFor(x => x.Definition).NotEmpty().MaximumLength(SchemaConstants.LongTextLength);
    }
}

public sealed class SaveScopeStatementValidator : AbstractValidator<SaveScopeStatement>
{
    public SaveScopeStatementValidator()
    {
        RuleFor(x => x.Text).NotEmpty().MaximumLength(SchemaConstants.ShortTextLength);
    }
}

/// <summary>
/// A facilitator creates and frames a call: its description and timeline, its glossary and its scope. Every
/// change is written to the audit log. Phase moves are <see cref="CallPhaseService"/>'s.
/// </summary>
public sealed class CallFramingService(
    IDbContextFactory<AppDbContext> factory,
    CallChanges changes,
    IValidator<CreateCall> createValidator,
    IValidator<EditCall> editValidator,
    IValidator<SaveGlossaryTerm> termValidator,
    IValidator<SaveScopeStatement> scopeValidator,
    TimeProvider clock)
{
    /// <summary>Platform facilitators and administrators create calls, and facilitate the calls they create.</summary>
    public static bool MayCreate(Actor actor) => actor.IsAuthenticated && (actor.IsFacilitator || actor.IsAdministrator);

    public async Task<Result<CreatedCall>> CreateAsync(Actor actor, CreateCall command, CancellationToken ct = default)
    {
        if (!MayCreate(actor))
        {
            return new DomainError(ErrorCodes.Forbidden, "Only facilitators and administrators create calls.");
        }

        var validation = await createValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Calls.AnyAsync(c => c.Slug == command.Slug, ct))
        {
            return DuplicateSlug(command.Slug);
        }

        var now = clock.GetUtcNow();
        var call = new Call(command.Title.Trim(), command.Slug, command.Summary.Trim(), command.Ecosystem.Trim(), command.Currency, command.Visibility, now);
        call.SetPlannedDates(CreateCallValidator.Schedule(command.PlannedDates));
        call.AddFacilitator(actor.UserId!);
        db.Calls.Add(call);
        AuditLog.Record(db, call.Id, actor, "call.created", null, Snapshot(call), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return DuplicateSlug(command.Slug);
        }

        return new CreatedCall(call.Id, call.Slug);
    }

    public async Task<Result> EditAsync(Actor actor, EditCall command, CancellationToken ct = default)
    {
        var callId = command.CallId;
        var validation = await editValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        return await FrameAsync(actor, callId, async x =>
        {
            var before = Snapshot(x.Call);
            var moneyRecorded = await x.Db.Ledger.AnyAsync(e => e.CallId == callId, ct);
            var described = x.Call.Describe(command.Title.Trim(), command.Summary.Trim(), command.Ecosystem.Trim(), command.Currency, command.Visibility, moneyRecorded);
            var outcome = described.IsSuccess ? x.Call.SetPlannedDates(EditCallValidator.Schedule(command.PlannedDates)) : described;
            return x.Audited(outcome, "call.edited", before, () => Snapshot(x.Call));
        }, ct);
    }

    /// <summary>Adds a term to the glossary and returns its id.</summary>
    public Task<Result<Guid>> AddGlossaryTermAsync(Actor actor, SaveGlossaryTerm command, CancellationToken ct = default) =>
        AddAsync(_glossary, actor, command, ct);

    public Task<Result> EditGlossaryTermAsync(Actor actor, Guid termId, SaveGlossaryTerm command, CancellationToken ct = default) =>
        EditAsync(_glossary, actor, termId, command, ct);

    public Task<Result> RemoveGlossaryTermAsync(Actor actor, RemoveGlossaryTerm command, CancellationToken ct = default) =>
        RemoveAsync(_glossary, actor, command.CallId, command.TermId, ct);

    /// <summary>Adds an in-scope or out-of-scope statement and returns its id.</summary>
    public Task<Result<Guid>> AddScopeStatementAsync(Actor actor, SaveScopeStatement command, CancellationToken ct = default) =>
        AddAsync(_scope, actor, command, ct);

    public Task<Result> EditScopeStatementAsync(Actor actor, Guid statementId, SaveScopeStatement command, CancellationToken ct = default) =>
        EditAsync(_scope, actor, statementId, command, ct);

    public Task<Result> RemoveScopeStatementAsync(Actor actor, RemoveScopeStatement command, CancellationToken ct = default) =>
        RemoveAsync(_scope, actor, command.CallId, command.StatementId, ct);

    private readonly FramingList<SaveGlossaryTerm, GlossaryTerm> _glossary = new(
        "glossary_term", termValidator, c => c.Glossary, t => t.Id, t => new { t.Id, t.Term, t.Definition },
        (call, x) => call.AddGlossaryTerm(x.Term, x.Definition), (call, id, x) => call.EditGlossaryTerm(id, x.Term, x.Definition), (call, id) => call.RemoveGlossaryTerm(id));

    private readonly FramingList<SaveScopeStatement, ScopeStatement> _scope = new(
        "scope_statement", scopeValidator, c => c.Scope, s => s.Id, s => new { s.Id, s.Text, s.InScope },
        (call, x) => call.AddScopeStatement(x.Text, x.InScope), (call, id, x) => call.EditScopeStatement(id, x.Text, x.InScope), (call, id) => call.RemoveScopeStatement(id));

    /// <summary>One of the lists that frame a call (its glossary, its scope): how an item is written, found, audited and changed.</summary>
    private sealed record FramingList<TCommand, TItem>(
        string Name,
        IValidator<TCommand> Validator,
        Func<Call, IEnumerable<TItem>> Items,
        Func<TItem, Guid> Id,
        Func<TItem, object> Audited,
        Func<Call, TCommand, Result<TItem>> Add,
        Func<Call, Guid, TCommand, Result> Edit,
        Func<Call, Guid, Result> Remove)
        where TCommand : ICallCommand
    {
        public object? Find(Call call, Guid id) => Items(call).FirstOrDefault(i => Id(i) == id) is { } item ? Audited(item) : null;
    }

    private async Task<Result<Guid>> AddAsync<TCommand, TItem>(FramingList<TCommand, TItem> list, Actor actor, TCommand command, CancellationToken ct)
        where TCommand : ICallCommand
    {
        var validation = await list.Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        return await FrameAsync(actor, command.CallId, x =>
        {
            var added = list.Add(x.Call, command);
            if (added.Value is not { } item)
            {
                return Task.FromResult<Result<Guid>>(added.Error!);
            }

            x.Audit($"call.{list.Name}_added", null, list.Audited(item));
            return Task.FromResult<Result<Guid>>(list.Id(item));
        }, ct);
    }

    private async Task<Result> EditAsync<TCommand, TItem>(FramingList<TCommand, TItem> list, Actor actor, Guid id, TCommand command, CancellationToken ct)
        where TCommand : ICallCommand
    {
        var validation = await list.Validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        return await FrameAsync(actor, command.CallId, x =>
        {
            var before = list.Find(x.Call, id);
            return Task.FromResult(x.Audited(list.Edit(x.Call, id, command), $"call.{list.Name}_edited", before, () => list.Find(x.Call, id)));
        }, ct);
    }

    private Task<Result> RemoveAsync<TCommand, TItem>(FramingList<TCommand, TItem> list, Actor actor, Guid callId, Guid id, CancellationToken ct)
        where TCommand : ICallCommand =>
        FrameAsync(actor, callId, x =>
        {
            var before = list.Find(x.Call, id);
            return Task.FromResult(x.Audited(list.Remove(x.Call, id), $"call.{list.Name}_removed", before, () => null));
        }, ct);

    /// <summary>A framing change: the call locked exclusively (phase moves and money operations take the same lock), its facilitators only.</summary>
    private Task<Result<T>> FrameAsync<T>(Actor actor, Guid callId, Func<CallChange, Task<Result<T>>> change, CancellationToken ct) =>
        changes.ManageAsync(actor, callId, CallLock.Exclusive, "Only the call's facilitators frame it.", change, ct);

    private Task<Result> FrameAsync(Actor actor, Guid callId, Func<CallChange, Task<Result>> change, CancellationToken ct) =>
        changes.ManageAsync(actor, callId, CallLock.Exclusive, "Only the call's facilitators frame it.", change, ct);

    private static DomainError DuplicateSlug(string slug) =>
        new(ErrorCodes.DuplicateSlug, $"A call already uses the address \"{slug}\".");

    private static object Snapshot(Call call) => new
    {
        call.Title,
        call.Summary,
        call.Ecosystem,
        call.Currency,
        Visibility = call.Visibility.ToString(),
        PlannedDates = call.PlannedDates.Dates().ToDictionary(d => d.Phase.ToString(), d => d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
    };


}
