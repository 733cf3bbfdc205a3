using Microsoft.AspNetCore.Identity;

namespace CommonsCall.Web.Features.Accounts;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>
    /// Set by an administrator: the person cannot sign in, their sessions end at their next request (the security
    /// stamp changes with it) and their access tokens and calendar feed are refused until they are enabled again.
    /// </summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public bool IsDisabled => DisabledAt is not null;
}

/// <summary>Platform-wide roles; per-call roles (facilitator of a call, member, funder) live with the call.</summary>
public static class Roles
{
    public const string Administrator = Domain.Accounts.PlatformAdministration.AdministratorRole;
    public const string Facilitator = "Facilitator";

    public static IReadOnlyList<string> All { get; } = [Administrator, Facilitator];
}

/// <summary>
/// A single-use link that lets someone create an account (optionally as a representative of an organisation
/// or with a platform role). Only a hash of the token is stored.
/// </summary>
public sealed class AccountInvitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string TokenHash { get; set; }

    public required string Email { get; set; }

    public string? Role { get; set; }

    public Guid? OrganisationId { get; set; }

    /// <summary>The call whose facilitator the person becomes on registering (a co-facilitator who had no account).</summary>
    public Guid? FacilitatesCallId { get; set; }

    /// <summary>The call whose evaluator the person becomes on registering (an outside expert who had no account).</summary>
    public Guid? EvaluatesCallId { get; set; }

    public required string CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
