using CommonsCall.Domain.Accounts;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>One page (from 1) of the accounts whose name or email contains <paramref name="Query"/> (every account when empty).</summary>
public sealed record UserSearch(string? Query, int Page = 1, int PageSize = UserAdministrationService.DefaultPageSize);

public sealed record UserSummary(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, DateTimeOffset? DisabledAt)
{
    public bool IsDisabled => DisabledAt is not null;
}

public sealed record UserPage(IReadOnlyList<UserSummary> Users, int Total, int Page, int PageSize);

/// <summary>A platform role given to or taken from an account.</summary>
public sealed record ChangeUserRole(string UserId, string Role);

public sealed class UserSearchValidator : AbstractValidator<UserSearch>
{
    public UserSearchValidator()
    {
        RuleFor(x => x.Query).MaximumLength(SchemaConstants.EmailLength);
        RuleFor(x => x.Page).InclusiveBetween(1, 1_000_000);
        RuleFor(x => x.PageSize).InclusiveBetween(1, UserAdministrationService.MaxPageSize);
    }
}

public sealed class ChangeUserRoleValidator : AbstractValidator<ChangeUserRole>
{
    public ChangeUserRoleValidator()
    {
        RuleFor(x => x.UserId).NotEmpty().MaximumLength(SchemaConstants.UserIdLength);
        RuleFor(x => x.Role).Must(r => Roles.All.Contains(r)).WithMessage($"Unknown role: one of {string.Join(", ", Roles.All)}.");
    }
}

/// <summary>
/// The administrators' list of accounts: search, disable and enable, platform roles. Every change is audited with
/// what it changed, in the same transaction. A disabled account cannot sign in, its cookie sessions end at their next
/// request (its security stamp changes) and its access tokens and calendar feed are refused; removing a role also
/// changes the stamp, so that no open session keeps a role its owner lost (a granted role shows at the next sign-in,
/// at once with an access token).
/// </summary>
public sealed class UserAdministrationService(
    IDbContextFactory<AppDbContext> factory,
    IValidator<UserSearch> searchValidator,
    IValidator<ChangeUserRole> roleValidator,
    TimeProvider clock)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    private static readonly DomainError AdministratorsOnly = new(ErrorCodes.Forbidden, "Only platform administrators manage accounts.");
    private static readonly DomainError UnknownUser = new(ErrorCodes.NotFound, "No such account.");

    public async Task<Result<UserPage>> SearchAsync(Actor actor, UserSearch search, CancellationToken ct = default)
    {
        if (!actor.IsAdministrator)
        {
            return AdministratorsOnly;
        }

        var validation = await searchValidator.ValidateAsync(search, ct);
        if (!validation.IsValid)
        {
            return validation.ToDomainError();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Query))
        {
            var pattern = "%" + search.Query.Trim().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
            users = users.Where(u => EF.Functions.ILike(u.DisplayName, pattern, @"\") || EF.Functions.ILike(u.Email!, pattern, @"\"));
        }

        var total = await users.CountAsync(ct);
        var page = await users.OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ThenBy(u => u.Id)
            .Skip((search.Page - 1) * search.PageSize).Take(search.PageSize)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.DisabledAt })
            .ToListAsync(ct);
        var ids = page.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        return new UserPage(
            [.. page.Select(u => new UserSummary(u.Id, u.DisplayName, u.Email ?? string.Empty,
                [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal)], u.DisabledAt))],
            total, search.Page, search.PageSize);
    }

    /// <summary>Disables another account; disabling a disabled account changes nothing.</summary>
    public Task<Result> DisableAsync(Actor actor, string userId, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, (db, user, now) =>
        {
            if (PlatformAdministration.CheckDisable(actor.UserId!, user.Id) is { Error: { } refused })
            {
                return Task.FromResult<Result>(refused);
            }

            if (user.DisabledAt is null)
            {
                user.DisabledAt = now;
                user.SecurityStamp = NewStamp();
                AuditLog.Record(db, null, actor, "user.disabled", new { user.Id, DisabledAt = (DateTimeOffset?)null }, new { user.Id, user.DisabledAt }, now);
            }

            return Task.FromResult(Result.Ok());
        }, ct);

    /// <summary>Enables an account again; enabling an enabled account changes nothing.</summary>
    public Task<Result> EnableAsync(Actor actor, string userId, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, (db, user, now) =>
        {
            if (user.DisabledAt is { } disabledAt)
            {
                user.DisabledAt = null;
                AuditLog.Record(db, null, actor, "user.enabled", new { user.Id, DisabledAt = disabledAt }, new { user.Id, DisabledAt = (DateTimeOffset?)null }, now);
            }

            return Task.FromResult(Result.Ok());
        }, ct);

    /// <summary>Gives a platform role; giving it again changes nothing.</summary>
    public async Task<Result> GrantRoleAsync(Actor actor, ChangeUserRole command, CancellationToken ct = default)
    {
        if (await CheckRoleCommandAsync(actor, command, ct) is { } refused)
        {
            return refused;
        }

        return await ChangeAsync(actor, command.UserId, async (db, user, now) =>
        {
            var roleId = await RoleIdAsync(db, command.Role, ct);
            if (!await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && ur.RoleId == roleId, ct))
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
                AuditLog.Record(db, null, actor, "user.role_granted", null, new { user.Id, command.Role }, now);
            }

            return Result.Ok();
        }, ct);
    }

    /// <summary>Takes a platform role away (never one's own Administrator role); taking it again changes nothing.</summary>
    public async Task<Result> RevokeRoleAsync(Actor actor, ChangeUserRole command, CancellationToken ct = default)
    {
        if (await CheckRoleCommandAsync(actor, command, ct) is { } refused)
        {
            return refused;
        }

        return await ChangeAsync(actor, command.UserId, async (db, user, now) =>
        {
            if (PlatformAdministration.CheckRevokeRole(actor.UserId!, user.Id, command.Role) is { Error: { } self })
            {
                return self;
            }

            var roleId = await RoleIdAsync(db, command.Role, ct);
            if (await db.UserRoles.SingleOrDefaultAsync(ur => ur.UserId == user.Id && ur.RoleId == roleId, ct) is { } held)
            {
                db.UserRoles.Remove(held);
                user.SecurityStamp = NewStamp();
                AuditLog.Record(db, null, actor, "user.role_revoked", new { user.Id, command.Role }, null, now);
            }

            return Result.Ok();
        }, ct);
    }

    private async Task<DomainError?> CheckRoleCommandAsync(Actor actor, ChangeUserRole command, CancellationToken ct)
    {
        if (!actor.IsAdministrator)
        {
            return AdministratorsOnly;
        }

        var validation = await roleValidator.ValidateAsync(command, ct);
        return validation.IsValid ? null : validation.ToDomainError();
    }

    /// <summary>An administrator's change of one account: loaded, changed, audited and saved together, or not at all.</summary>
    private async Task<Result> ChangeAsync(Actor actor, string userId, Func<AppDbContext, AppUser, DateTimeOffset, Task<Result>> change, CancellationToken ct)
    {
        if (!actor.IsAdministrator)
        {
            return AdministratorsOnly;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var user = userId.Length <= SchemaConstants.UserIdLength ? await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) : null;
        if (user is null)
        {
            return UnknownUser;
        }

        var outcome = await change(db, user, clock.GetUtcNow());
        if (outcome.IsSuccess && db.ChangeTracker.HasChanges())
        {
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            await db.SaveChangesAsync(ct);
        }

        return outcome;
    }

    private static async Task<string> RoleIdAsync(AppDbContext db, string role, CancellationToken ct) =>
        await db.Roles.Where(r => r.NormalizedName == role.ToUpperInvariant()).Select(r => r.Id).SingleAsync(ct);

    /// <summary>A new security stamp: every cookie issued with the old one is refused at its next request.</summary>
    private static string NewStamp() => Guid.NewGuid().ToString("N").ToUpperInvariant();
}
