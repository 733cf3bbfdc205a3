using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Accounts;

/// <summary>
/// What an administrator may do to an account, checked before anything changes. An administrator never locks
/// themselves out: they neither disable their own account nor give up their own Administrator role, so the
/// platform always keeps one administrator who can undo a mistake.
/// </summary>
public static class PlatformAdministration
{
    public const string AdministratorRole = "Administrator";

    /// <summary>1. Not one's own account.</summary>
    public static Result CheckDisable(string actorUserId, string targetUserId) =>
        actorUserId == targetUserId
            ? Result.Fail(ErrorCodes.CannotDisableSelf, "You cannot disable your own account: another administrator must.")
            : Result.Ok();

    /// <summary>1. Not one's own Administrator role (other roles of one's own account may go).</summary>
    public static Result CheckRevokeRole(string actorUserId, string targetUserId, string role) =>
        actorUserId == targetUserId && role == AdministratorRole
            ? Result.Fail(ErrorCodes.CannotRevokeOwnAdministration, "You cannot remove your own Administrator role: another administrator must.")
            : Result.Ok();
}
