using CommonsCall.Web.Features.Accounts;

namespace CommonsCall.Web.Api;

public static class AccessTokenEndpoints
{
    public static RouteGroupBuilder MapAccessTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/me/tokens").WithTags("Access tokens").RequireAuthorization();
        tokens.MapPost("", CreateAsync)
            .WithName("CreateAccessToken")
            .WithSummary("Creates a personal access token. The secret (token) is in this response only: it cannot be read again.")
            .Produces<CreatedAccessToken>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        tokens.MapGet("", ListAsync)
            .WithName("ListAccessTokens")
            .WithSummary("The caller's personal access tokens, newest first, revoked ones included (never the secrets).")
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
