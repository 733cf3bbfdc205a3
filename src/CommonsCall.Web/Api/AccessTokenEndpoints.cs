using CommonsCall.Web.Features.Accounts;

namespace CommonsCall.Web.Api;

public static class AccessTokenEndpoints
{
    public static RouteGroupBuilder MapAccessTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/me/tokens").WithTags("Access tokens").RequireAuthorization();
        tokens.MapPost("", CreateAsync)
            .WithName("CreateAccessToken")
            .WithSummary($"Creates a personal access token valid for expiresInDays days (1-365, 90 when left out). The secret (token) is in this response only: it cannot be read again. Only a person signed in on CommonsCall's pages may: with a token, 403 interactive_session_required; with a sign-in more than {RecentSignIn.Window.TotalMinutes} minutes old, 403 recent_sign_in_required (sign in again).")
            .Produces<CreatedAccessToken>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden);
        tokens.MapGet("", ListAsync)
            .WithName("ListAccessTokens")
            .WithSummary("The caller's personal access tokens, newest first, revoked and expired ones included (never the secrets), with their expiry and last use.")
            .Produces<IReadOnlyList<AccessTokenView>>();
        tokens.MapDelete("/{id:guid}", RevokeAsync)
            .WithName("RevokeAccessToken")
            .WithSummary("Revokes one of the caller's tokens at once; revoking it again changes nothing.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> CreateAsync(CreateAccessToken command, Actor actor, PersonalAccessTokenService tokens, CancellationToken ct) =>
        (await tokens.CreateAsync(actor, command, ct)).ToApiResult(created => TypedResults.Created((string?)null, created));

    private static async Task<IResult> ListAsync(Actor actor, PersonalAccessTokenService tokens, CancellationToken ct) =>
        (await tokens.ListAsync(actor, ct)).ToApiResult(TypedResults.Ok);

    private static async Task<IResult> RevokeAsync(Guid id, Actor actor, PersonalAccessTokenService tokens, CancellationToken ct) =>
        (await tokens.RevokeAsync(actor, id, ct)).ToApiResult();
}
