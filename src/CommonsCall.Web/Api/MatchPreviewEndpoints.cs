using CommonsCall.Web.Features.Budgeting;

namespace CommonsCall.Web.Api;

/// <summary>The match a gift would bring, before it is given: what the co-funding page shows under the amount being typed.</summary>
public static class MatchPreviewEndpoints
{
    public static RouteGroupBuilder MapMatchPreviewEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/calls/{slug}").WithTags("Budget round").RequireAuthorization()
            .MapGet("/commons/{commonsId:guid}/match-preview", PreviewAsync)
            .WithName("PreviewMatch")
            .WithSummary("A member organisation the caller represents asks what setting its contribution to this commons at amount (minor units, absolute as contributions are set: 0 previews withdrawing everything; 0 to 100000000000000) would bring of the matching pool. mode is the call's matching mode; under Proportional, match is exact (what the gift would reserve now, negative when it releases) and isEstimate false; under Quadratic, match is the change of the commons' match if the round closed now, an estimate. match is null when there is nothing to preview: no matching pool, or quadratic totals the visibility rule hides from the caller. 403 unless the caller represents the organisation as a joined member of the call; 404 for a commons not open to funding in the call.")
            .Produces<MatchPreviewView>()
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> PreviewAsync(string slug, Guid commonsId, Guid organisationId, long amount, Actor actor, MatchPreviews previews, CancellationToken ct) =>
        (await previews.PreviewAsync(actor, slug, new PreviewMatch(commonsId, organisationId, amount), ct)).ToApiResult(TypedResults.Ok);
}
