using CommonsCall.Web.Features.Calls;

namespace CommonsCall.Web.Api;

/// <summary>A call's co-facilitators: its facilitators (and administrators) name and remove them.</summary>
public static class FacilitatorEndpoints
{
    public static RouteGroupBuilder MapFacilitatorEndpoints(this RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/calls/{slug}/facilitators").WithTags("Calls").RequireAuthorization().ProducesProblems(StatusCodes.Status401Unauthorized);
        calls.MapGet("", ListAsync)
            .WithName("ListFacilitators")
            .WithSummary("The call's facilitators (name, email) and the people invited to become one who have not registered yet. Facilitators only.")
            .Produces<FacilitatorsView>()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        calls.MapPost("", AppointAsync)
            .WithName("AppointFacilitator")
            .WithSummary("Names the person with this email facilitator of the call; an email without an account is sent an invitation that makes them facilitator when they register (the answer says which, and gives the invitation's link). 422 already_facilitator, "
                + "facilitator_already_invited (an invitation to this call still waits for them); 429 when the facilitator sent too many invitations. Facilitators only; audited.")
            .Produces<AppointedFacilitator>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        calls.MapDelete("/{userId}", RemoveAsync)
            .WithName("RemoveFacilitator")
            .WithSummary("Removes a facilitator from the call (themselves included); the last one stays: 422 last_facilitator. 404 for someone who does not facilitate it. Facilitators only; audited.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static Task<IResult> ListAsync(string slug, Actor actor, CallQueries calls, FacilitatorService facilitators, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await facilitators.ListAsync(actor, call.Call.Id, ct)).ToApiResult(TypedResults.Ok), ct);

    private static Task<IResult> AppointAsync(string slug, AppointFacilitator command, Actor actor, CallQueries calls, FacilitatorService facilitators, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await facilitators.AppointAsync(actor, command with { CallId = call.Call.Id }, ct))
            .ToApiResult(appointed => TypedResults.Created((string?)null, appointed)), ct);

    private static Task<IResult> RemoveAsync(string slug, string userId, Actor actor, CallQueries calls, FacilitatorService facilitators, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, id => facilitators.RemoveAsync(actor, new RemoveFacilitator(id, userId), ct), ct);
}
