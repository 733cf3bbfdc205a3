using CommonsCall.Web.Features.Challenges;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.OpenData;

namespace CommonsCall.Web.Api;

/// <summary>
/// Open data (DESIGN.md: public data of public calls is readable without a token): the final results of a call,
/// and challenges and commons by id alone. The calls, challenge and commons lists and details of the other
/// endpoint groups are readable without a token too; all of them hide members-only calls (404) and drafts.
/// </summary>
public static class OpenDataEndpoints
{
    public static RouteGroupBuilder MapOpenDataEndpoints(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("").WithTags("Open data").AllowAnonymous();
        open.MapGet("/calls/{slug}/results", ResultsAsync)
            .WithName("GetCallResults")
            .WithSummary("The final results once the round is settled (phase Results or later): per commons funded or not, total, match, awarded and released, who gave what (as the visibility rule allows), and what is left of each funder's money. 404 when the call is not visible to the caller; results_not_published (422) before settlement.")
            .Produces<CallResults>()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        open.MapGet("/challenges/{id:guid}", ChallengeAsync)
            .WithName("GetChallengeById")
            .WithSummary("One micro-challenge by its id alone, as GET /calls/{slug}/challenges/{id} answers it. 404 when it does not exist or the caller may not see it (a draft, or a members-only call).")
            .Produces<ChallengeResponse>()
            .ProducesProblems(StatusCodes.Status404NotFound);
        open.MapGet("/commons/{id:guid}", CommonsAsync)
            .WithName("GetCommonsById")
            .WithSummary("One commons by its id alone, as GET /calls/{slug}/commons/{id} answers it. 404 when it does not exist or its call is not visible to the caller.")
            .Produces<CommonsDetailView>()
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ResultsAsync(string slug, Actor actor, OpenDataQueries queries, CancellationToken ct) =>
        (await queries.ResultsAsync(actor, slug, ct)).ToApiResult(results => TypedResults.Ok(results));

    private static async Task<IResult> ChallengeAsync(Guid id, Actor actor, OpenDataQueries queries, ChallengeQueries challenges, CancellationToken ct) =>
        await queries.CallOfChallengeAsync(id, ct) is { } slug && await challenges.FindAsync(actor, slug, id, ct) is { } detail
            ? TypedResults.Ok(ChallengeEndpoints.ToResponse(detail))
            : ApiResults.NotFound("No such micro-challenge is visible to you.");

    private static async Task<IResult> CommonsAsync(Guid id, Actor actor, OpenDataQueries queries, CommonsQueries commons, CancellationToken ct) =>
        await queries.CallOfCommonsAsync(id, ct) is { } slug && await commons.DetailAsync(actor, slug, id, ct) is { } detail
            ? TypedResults.Ok(detail)
            : ApiResults.NotFound("No such commons in a call visible to you.");
}
