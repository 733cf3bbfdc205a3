using CommonsCall.Domain.Common;
using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Organisations;

/// <summary>What an organisation says about itself, when it is created and each time it is edited.</summary>
public sealed record SaveOrganisation(string Name, OrganisationKind Kind, SizeBand SizeBand, DevelopmentStage Stage, string? Website, string? Description);

public sealed record OrganisationSummary(Guid Id, string Name, OrganisationKind Kind, SizeBand SizeBand, DevelopmentStage Stage, bool IsMine);

public sealed record OrganisationMemberView(string UserId, string DisplayName, string Email);

/// <summary>
/// An organisation as the actor may see it: <paramref name="Members"/> is empty unless the actor may edit it
/// (its members and administrators), since it lists people's addresses.
/// </summary>
public sealed record OrganisationDetail(
    Guid Id,
    string Name,
    OrganisationKind Kind,
    SizeBand SizeBand,
    DevelopmentStage Stage,
    string? Website,
    string? Description,
    bool CanEdit,
    IReadOnlyList<OrganisationMemberView> Members);

public sealed class SaveOrganisationValidator : AbstractValidator<SaveOrganisation>
{
    public SaveOrganisationValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(SchemaConstants.NameLength);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.SizeBand).IsInEnum();
        RuleFor(x => x.Stage).IsInEnum();
        RuleFor(x => x.Website)
            .MaximumLength(SchemaConstants.UrlLength)
            .Must(BeAWebAddress).WithMessage("The website must be a full http:// or https:// address.")
            .When(x => !string.IsNullOrWhiteSpace(x.Website));
        RuleFor(x => x.Description).MaximumLength(SchemaConstants.LongTextLength);
    }

    public static bool BeAWebAddress(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}

/// <summary>
/// Organisations and the people who represent them: anyone signed in creates one and becomes its first member;
/// its members (and administrators) edit it. Its members invite other representatives by link through
/// <see cref="InvitationService"/>.
/// </summary>
public sealed class OrganisationService(
    IDbContextFactory<AppDbContext> factory,
    IValidator<SaveOrganisation> validator,
    TimeProvider clock)
{
    public async Task<Result<OrganisationDetail>> CreateAsync(Actor actor, SaveOrganisation command, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return new DomainError(ErrorCodes.Forbidden, "Sign in to create an organisation.");
        }

        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var name = command.Name.Trim();
        if (await NameTakenAsync(db, name, except: null, ct))
        {
            return DuplicateName(name);
        }

        var organisation = new Organisation(name, command.Kind, command.SizeBand, command.Stage, clock.GetUtcNow());
        organisation.Describe(name, command.Kind, command.SizeBand, command.Stage, command.Website, command.Description);
        organisation.AddMember(userId);
        db.Organisations.Add(organisation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return DuplicateName(name);
        }

        return (await FindAsync(actor, organisation.Id, ct))!;
    }

    public async Task<Result<OrganisationDetail>> EditAsync(Actor actor, Guid organisationId, SaveOrganisation command, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var organisation = await db.Organisations.Include(o => o.Members).SingleOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null || !MaySee(actor, organisation))
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown organisation.");
        }

        if (!MayEdit(actor, organisation))
        {
            return new DomainError(ErrorCodes.Forbidden, "Only the organisation's members edit it.");
        }

        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        var name = command.Name.Trim();
        if (await NameTakenAsync(db, name, except: organisation.Id, ct))
        {
            return DuplicateName(name);
        }

        var before = Snapshot(organisation);
        organisation.Describe(name, command.Kind, command.SizeBand, command.Stage, command.Website, command.Description);
        if (actor.IsAdministrator && !organisation.HasMember(actor.UserId!))
        {
            // An administrator editing someone else's organisation leaves a trace.
            AuditLog.Record(db, null, actor, "organisation.edited", before, Snapshot(organisation), clock.GetUtcNow());
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return DuplicateName(name);
        }

        return (await FindAsync(actor, organisation.Id, ct))!;
    }

    /// <summary>
    /// Ends someone's representation of the organisation, at once: every call access they had through it goes with
    /// it (access is worked out from the representatives on each request). Its representatives (a person leaving
    /// removes themselves) and administrators may; audited, since it takes rights away.
    /// </summary>
    public async Task<Result> RemoveRepresentativeAsync(Actor actor, Guid organisationId, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var organisation = await db.Organisations.Include(o => o.Members).SingleOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null || !MaySee(actor, organisation))
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown organisation.");
        }

        if (!MayEdit(actor, organisation))
        {
            return new DomainError(ErrorCodes.Forbidden, "Only the organisation's representatives and administrators remove a representative.");
        }

        var removed = organisation.RemoveMember(userId);
        if (!removed.IsSuccess)
        {
            return removed;
        }

        AuditLog.Record(db, null, actor, "organisation.representative_removed", new { OrganisationId = organisation.Id, organisation.Name, UserId = userId }, null, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>
    /// The actor's organisations; administrators and facilitators (who invite organisations to calls) see
    /// every organisation, with <see cref="OrganisationSummary.IsMine"/> telling theirs apart.
    /// </summary>
    public async Task<IReadOnlyList<OrganisationSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var organisations = db.Organisations.AsNoTracking();
        if (!SeesAll(actor))
        {
            organisations = organisations.Where(o => o.Members.Any(m => m.UserId == userId));
        }

        return await organisations
            .OrderBy(o => o.Name)
            .Select(o => new OrganisationSummary(o.Id, o.Name, o.Kind, o.SizeBand, o.Stage, o.Members.Any(m => m.UserId == userId)))
            .ToListAsync(ct);
    }

    /// <summary>The organisation, or null when it does not exist or the actor may not see it.</summary>
    public async Task<OrganisationDetail?> FindAsync(Actor actor, Guid organisationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.Members).SingleOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null || !MaySee(actor, organisation))
        {
            return null;
        }

        var canEdit = MayEdit(actor, organisation);
        var members = canEdit
            ? await (from m in db.OrganisationMembers
                     join u in db.Users on m.UserId equals u.Id
                     where m.OrganisationId == organisationId
                     orderby u.DisplayName
                     select new OrganisationMemberView(u.Id, u.DisplayName, u.Email ?? string.Empty)).ToListAsync(ct)
            : [];
        return new OrganisationDetail(organisation.Id, organisation.Name, organisation.Kind, organisation.SizeBand, organisation.Stage,
            organisation.Website, organisation.Description, canEdit, members);
    }

    private static bool SeesAll(Actor actor) => actor.IsAdministrator || actor.IsFacilitator;

    private static bool MaySee(Actor actor, Organisation organisation) =>
        actor.UserId is { } id && (SeesAll(actor) || organisation.HasMember(id));

    private static bool MayEdit(Actor actor, Organisation organisation) =>
        actor.UserId is { } id && (actor.IsAdministrator || organisation.HasMember(id));

    private static Task<bool> NameTakenAsync(AppDbContext db, string name, Guid? except, CancellationToken ct)
    {
        var lowered = name.ToLowerInvariant();
        return db.Organisations.AnyAsync(o => o.Name.ToLower() == lowered && o.Id != except, ct);
    }

    private static DomainError DuplicateName(string name) =>
        new(ErrorCodes.DuplicateOrganisationName, $"An organisation named \"{name}\" already exists.");

    private static object Snapshot(Organisation o) =>
        new { o.Name, Kind = o.Kind.ToString(), SizeBand = o.SizeBand.ToString(), Stage = o.Stage.ToString(), o.Website, o.Description };
}
