using System.Globalization;
using System.Text.Json;
using CommonsCall.Domain.Accountability;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Dashboard;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Features.Accountability;

/// <summary>
/// Which audit entries of a call to read: of one kind, by one person (a user id; <c>system</c> for settlement and other
/// automatic changes), from and to a day (UTC, both included); a page of <see cref="PageSize"/> entries, newest first.
/// </summary>
public sealed record AuditFilter(Guid CallId, string? Kind = null, string? ActorId = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = AuditFilter.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

public sealed class AuditFilterValidator : AbstractValidator<AuditFilter>
{
    public AuditFilterValidator()
    {
        RuleFor(x => x.Kind).Must(k => k is null || AuditKinds.IsKnown(k)).WithErrorCode(ErrorCodes.UnknownAuditKind).WithMessage("Unknown kind of audit entry.");
        RuleFor(x => x.ActorId).MaximumLength(SchemaConstants.UserIdLength);
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, AuditFilter.MaxPageSize);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null).WithMessage("The end of the period comes after its start.");
    }
}

/// <summary>One entry of the audit trail as people read it: a sentence in the reader's language, who, when, about what; the stored documents as they are.</summary>
public sealed record AuditLine(long Id, DateTimeOffset At, string Kind, string Sentence, string ActorId, string Actor, string? Subject, string? Before, string? After);

/// <summary>A person who appears in the call's audit trail (to filter by).</summary>
public sealed record AuditActor(string Id, string Name);

public sealed record AuditPage(IReadOnlyList<AuditLine> Lines, int Total, int Page, int PageSize, IReadOnlyList<AuditActor> Actors);

/// <summary>
/// The audit trail of a call, readable (issue 15 §7): for the call's facilitators (and platform administrators) and its
/// funders, who watch how it is run; others are refused. Each entry is told by the sentence of its kind
/// (<see cref="AuditKinds.SentenceKey"/>) and names what it concerns when its documents mention a commons, a challenge
/// or an organisation of the call.
/// </summary>
public sealed class AuditQueries(IDbContextFactory<AppDbContext> factory, IValidator<AuditFilter> validator, IStringLocalizer<SharedResource> localizer)
{
    public const string System = "system";

    public static readonly DomainError OnlyFacilitatorsAndFunders = new(ErrorCodes.Forbidden, "Only the call's facilitators and funders read its audit trail.");

    /// <summary>One page of the filtered trail, newest first.</summary>
    public async Task<Result<AuditPage>> PageAsync(Actor actor, AuditFilter filter, CancellationToken ct = default)
    {
        if (await validator.ValidateAsync(filter, ct) is { IsValid: false } invalid)
        {
            return Refusal(invalid);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await ReaderAsync(db, actor, filter.CallId, ct) is { } refused)
        {
            return refused;
        }

        var entries = Filtered(db, filter);
        var total = await entries.CountAsync(ct);
        var page = await entries.OrderByDescending(e => e.Id).Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(ct);
        var actorIds = await db.Audit.AsNoTracking().Where(e => e.CallId == filter.CallId).Select(e => e.ActorUserId).Distinct().ToListAsync(ct);
        var people = await PeopleAsync(db, actorIds, ct);
        var lines = await LinesAsync(db, filter.CallId, page, people, ct);
        return new AuditPage(lines, total, filter.Page, filter.PageSize,
            [.. actorIds.Select(id => new AuditActor(id, NameOf(people, id))).OrderBy(a => a.Name, StringComparer.CurrentCulture)]);
    }

    /// <summary>The whole filtered trail as CSV in the reader's language, oldest first.</summary>
    public async Task<Result<CsvFile>> CsvAsync(Actor actor, AuditFilter filter, CancellationToken ct = default)
    {
        if (await validator.ValidateAsync(filter with { Page = 1, PageSize = 1 }, ct) is { IsValid: false } invalid)
        {
            return Refusal(invalid);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await ReaderAsync(db, actor, filter.CallId, ct) is { } refused)
        {
            return refused;
        }

        var entries = await Filtered(db, filter).OrderBy(e => e.Id).ToListAsync(ct);
        var people = await PeopleAsync(db, entries.Select(e => e.ActorUserId).Distinct().ToList(), ct);
        var lines = await LinesAsync(db, filter.CallId, entries, people, ct);
        var slug = await db.Calls.Where(c => c.Id == filter.CallId).Select(c => c.Slug).SingleAsync(ct);
        var rows = new List<IEnumerable<string>>
        {
            new[] { L("audit.csv.at"), L("audit.csv.kind"), L("audit.csv.sentence"), L("audit.csv.actor"), L("audit.csv.subject"), L("audit.csv.before"), L("audit.csv.after") },
        };
        rows.AddRange(lines.Select(l => new[] { Csv.Date(l.At), l.Kind, Csv.Text(l.Sentence), Csv.Text(l.Actor), Csv.Text(l.Subject), Csv.Text(l.Before), Csv.Text(l.After) }));
        return new CsvFile($"{slug}-audit.csv", Csv.Write(rows, CultureInfo.CurrentCulture));
    }

    private static DomainError Refusal(FluentValidation.Results.ValidationResult invalid) =>
        invalid.Errors.Any(e => e.ErrorCode == ErrorCodes.UnknownAuditKind)
            ? new DomainError(ErrorCodes.UnknownAuditKind, "Unknown kind of audit entry.")
            : invalid.ToDomainError();

    /// <summary>Null when the actor may read the trail; the refusal otherwise (a call it may not see does not exist for it).</summary>
    private static async Task<DomainError?> ReaderAsync(AppDbContext db, Actor actor, Guid callId, CancellationToken ct) =>
        await CallScope.LoadAsync(db, actor, callId, ct) switch
        {
            null => new DomainError(ErrorCodes.NotFound, "Unknown call."),
            { Access: { IsFacilitator: false, IsFunder: false } } => OnlyFacilitatorsAndFunders,
            _ => null,
        };

    private static IQueryable<AuditEntry> Filtered(AppDbContext db, AuditFilter filter)
    {
        var entries = db.Audit.AsNoTracking().Where(e => e.CallId == filter.CallId);
        if (filter.Kind is { } kind)
        {
            entries = entries.Where(e => e.Action == kind);
        }

        if (filter.ActorId is { } who)
        {
            entries = entries.Where(e => e.ActorUserId == who);
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At < end);
        }

        return entries;
    }

    private static Task<Dictionary<string, string>> PeopleAsync(AppDbContext db, IReadOnlyList<string> ids, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

    private string NameOf(IReadOnlyDictionary<string, string> people, string id) =>
        id == System ? L("audit.actor.system") : people.GetValueOrDefault(id) is { Length: > 0 } name ? name : L("audit.actor.unknown");

    private async Task<IReadOnlyList<AuditLine>> LinesAsync(
        AppDbContext db, Guid callId, IReadOnlyList<AuditEntry> entries, IReadOnlyDictionary<string, string> people, CancellationToken ct)
    {
        var mentioned = entries.SelectMany(e => IdsIn(e.After).Concat(IdsIn(e.Before))).Distinct().ToList();
        // Commons and challenges of the call first: an organisation's name is the subject only when nothing else is mentioned.
        var names = await db.Commons.AsNoTracking().Where(c => c.CallId == callId && mentioned.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        foreach (var challenge in await db.Challenges.AsNoTracking().Where(c => c.CallId == callId && mentioned.Contains(c.Id)).Select(c => new { c.Id, c.Question }).ToListAsync(ct))
        {
            names[challenge.Id] = challenge.Question;
        }

        foreach (var organisation in await db.Organisations.AsNoTracking().Where(o => mentioned.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
        {
            names.TryAdd(organisation.Id, organisation.Name);
        }

        return [.. entries.Select(e =>
        {
            var actor = NameOf(people, e.ActorUserId);
            var sentence = L(AuditKinds.SentenceKey(e.Action), actor, AuditKinds.IsKnown(e.Action) ? DetailOf(e) : e.Action);
            var subject = IdsIn(e.After).Concat(IdsIn(e.Before)).Select(id => names.GetValueOrDefault(id)).FirstOrDefault(n => n is not null);
            return new AuditLine(e.Id, e.At, e.Action, sentence, e.ActorUserId, actor, subject, e.Before, e.After);
        })];
    }

    /// <summary>What a sentence says beyond its kind ({1} in its resource): the phase a call moved to; nothing for other kinds.</summary>
    private string DetailOf(AuditEntry entry)
    {
        if (entry.Action != "call.phase_changed" || entry.After is null)
        {
            return string.Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(entry.After) is { } text && Enum.TryParse<CallPhase>(text, out var phase) ? L($"phase.{phase}") : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    /// <summary>The ids a stored document mentions, in document order (nested objects included): what the entry is about comes first.</summary>
    private static IEnumerable<Guid> IdsIn(string? json)
    {
        if (json is null)
        {
            return [];
        }

        var ids = new List<Guid>();
        try
        {
            using var document = JsonDocument.Parse(json);
            Collect(document.RootElement, ids);
        }
        catch (JsonException)
        {
            // A document this reader does not understand names nothing; the entry is still told.
        }

        return ids;
    }

    private static void Collect(JsonElement element, List<Guid> ids)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, ids);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, ids);
                }

                break;
            case JsonValueKind.String when Guid.TryParse(element.GetString(), out var id):
                ids.Add(id);
                break;
        }
    }

    private string L(string key, params object[] arguments) => localizer[key, arguments].Value;
}
