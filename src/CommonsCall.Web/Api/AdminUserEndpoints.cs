namespace CommonsCall.Web.Api;

/// <summary>The administrators' list of accounts: search, disable and enable, platform roles. Administrators only; audited.</summary>
public static class AdminUserEndpoints
{
    public static RouteGroupBuilder MapAdminUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/admin/users").WithTags("Administration").RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        users.MapGet("", SearchAsync)
            .WithName("SearchUsers")
            .WithSummary($"One page (from 1, {UserAdministrationService.DefaultPageSize} a page by default, at most {UserAdministrationService.MaxPageSize}) of the accounts whose name or email contains `search` (any case), by name, with their platform roles and whether they are disabled.")
            .Produces<UserPage>()
            .ProducesValidationProblem();
        users.MapPost("/{id}/disable", DisableAsync)
            .WithName("DisableUser")
            .WithSummary("Disables an account: it cannot sign in, its sessions end at their next request, its access tokens and calendar feed are refused. Not your own: 422 cannot_disable_self.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        users.MapPost("/{id}/enable", EnableAsync)
            .WithName("EnableUser")
            .WithSummary("Enables a disabled account again (it signs in anew; its unexpired access tokens work again).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status404NotFound);
        users.MapPut("/{id}/roles/{role}", GrantRoleAsync)
            .WithName("GrantUserRole")
            .WithSummary("Gives a platform role (Administrator or Facilitator); at once for access tokens, at the next sign-in for the pages.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status404NotFound);
        users.MapDelete("/{id}/roles/{role}", RevokeRoleAsync)
            .WithName("RevokeUserRole")
            .WithSummary("Takes a platform role away; the person's sessions end at their next request. Not your own Administrator role: 422 cannot_revoke_own_administration.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> SearchAsync(string? search, int? page, int? pageSize, Actor actor, UserAdministrationService users, CancellationToken ct) =>
        (await users.SearchAsync(actor, new UserSearch(search, page ?? 1, pageSize ?? UserAdministrationService.DefaultPageSize), ct)).ToApiResult(TypedResults.Ok);

    private static async Task<IResult> DisableAsync(string id, Actor actor, UserAdministrationService users, CancellationToken ct) =>
        (await users.DisableAsync(actor, id, ct)).ToApiResult();

    private static async Task<IResult> EnableAsync(string id, Actor actor, UserAdministrationService users, CancellationToken ct) =>
        (await users.EnableAsync(actor, id, ct)).ToApiResult();

    private static async Task<IResult> GrantRoleAsync(string id, string role, Actor actor, UserAdministrationService users, CancellationToken ct) =>
        (await users.GrantRoleAsync(actor, new ChangeUserRole(id, role), ct)).ToApiResult();

    private static async Task<IResult> RevokeRoleAsync(string id, string role, Actor actor, UserAdministrationService users, CancellationToken ct) =>
        (await users.RevokeRoleAsync(actor, new ChangeUserRole(id, role), ct)).ToApiResult();
}
