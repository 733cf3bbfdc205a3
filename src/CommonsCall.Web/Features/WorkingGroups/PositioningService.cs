using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommonsCall.Web.Features.WorkingGroups;

/// <summary>
/// An organisation declares on a commons what it produces, wants or contributes; <see cref="OrganisationId"/>
/// may be left out when the user represents a single organisation taking part in the call.
/// </summary>
public sealed record SetPositioning(Guid CallId, Guid CommonsId, Guid? OrganisationId, IReadOnlyList<PositioningKind> Kinds, string? Expectations, string? Availability);

/// <summary>Withdraws the positioning of <see cref="OrganisationId"/> (may be left out like <see cref="SetPositioning.OrganisationId"/>).</summary>
public sealed record WithdrawPositioning(Guid CallId, Guid CommonsId, Guid? OrganisationId);

public sealed class SetPositioningValidator : AbstractValidator<SetPositioning>
{
    public SetPositioningValidator()
    {
        RuleFor(x => x.Kinds).NotEmpty().WithMessage("Choose at least one way of taking part: produces, wants or contributes.");
        RuleForEach(x => x.Kinds).IsInEnum();
        RuleFor(x => x.Expectations).MaximumLength(SchemaConstants.NoteLength);
        RuleFor(x => x.Availability).MaximumLength(SchemaConstants.ShortTextLength);
    }
}

/// <summary>Positionings (déclarations d'engagement): any organisation taking part in the call, member or funder, sets or withdraws its own.</summary>
public sealed class PositioningService(IDbContextFactory<AppDbContext> factory, TimeProvider clock, IValidator<SetPositioning> validator)
{
    public async Task<Result> SetAsync(Actor actor, SetPositioning command, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var target = await ResolveAsync(db, actor, command.CallId, command.CommonsId, command.OrganisationId, ct);
        if (!target.IsSuccess)
        {
            return target.Error!;
        }

        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        var (scope, organisationId) = target.Value;
        var now = clock.GetUtcNow();
        var positioning = await db.Positionings.SingleOrDefaultAsync(p => p.CommonsId == command.CommonsId && p.OrganisationId == organisationId, ct);
        if (positioning is null)
        {
            db.Positionings.Add(new Positioning(command.CallId, command.CommonsId, organisationId, command.Kinds, command.Expectations, command.Availability, now));
        }
        else
        {
            positioning.Update(command.Kinds, command.Expectations, command.Availability, now);
        }

        if (scope.Access.IsFacilitator)
        {
            AuditLog.Record(db, command.CallId, actor, "positioning.set", null, new { command.CommonsId, OrganisationId = organisationId, Kinds = command.Kinds.Select(k => k.ToString()) }, now);
        }

        return await SaveAsync(db, ct);
    }

    public async Task<Result> WithdrawAsync(Actor actor, WithdrawPositioning command, CancellationToken ct = default)
    {
        var (callId, commonsId, organisationId) = command;
        await using var db = await factory.CreateDbContextAsync(ct);
        var target = await ResolveAsync(db, actor, callId, commonsId, organisationId, ct);
        if (!target.IsSuccess)
        {
            return target.Error!;
        }

        var (scope, organisation) = target.Value;
        var positioning = await db.Positionings.SingleOrDefaultAsync(p => p.CommonsId == commonsId && p.OrganisationId == organisation, ct);
        if (positioning is null)
        {
            return Result.Ok();
        }

        db.Positionings.Remove(positioning);
        if (scope.Access.IsFacilitator)
        {
            AuditLog.Record(db, callId, actor, "positioning.withdrawn", new { commonsId, OrganisationId = organisation }, null, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The call, and the organisation the actor speaks for: the one named, or its only organisation taking part in the call.</summary>
    private static async Task<Result<(CallScope Scope, Guid OrganisationId)>> ResolveAsync(AppDbContext db, Actor actor, Guid callId, Guid commonsId, Guid? organisationId, CancellationToken ct)
    {
        var scope = await CallScope.LoadAsync(db, actor, callId, ct);
        if (scope is null || !await db.Commons.AnyAsync(c => c.Id == commonsId && c.CallId == callId, ct))
        {
            return new DomainError(ErrorCodes.NotFound, "Unknown commons in this call.");
        }

        var mine = scope.ParticipatingOrganisations;
        if (organisationId is { } named)
        {
            return mine.Contains(named)
                ? (scope, named)
                : new DomainError(ErrorCodes.Forbidden, "Only the representatives of an organisation taking part in the call position it.");
        }

        return mine.Count switch
        {
            0 => new DomainError(ErrorCodes.Forbidden, "Only the representatives of an organisation taking part in the call position it."),
            1 => (scope, mine.Single()),
            _ => new DomainError(ErrorCodes.Validation, "You represent several organisations in this call: say which one.",
                new Dictionary<string, string[]> { ["OrganisationId"] = ["You represent several organisations in this call: say which one."] }),
        };
    }

    /// <summary>Two first positionings of the same organisation racing: the loser is told to retry rather than failing with a 500.</summary>
    internal static async Task<Result> SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Result.Fail(ErrorCodes.Conflict, "Someone changed this at the same time: reload and try again.");
        }
    }
}
