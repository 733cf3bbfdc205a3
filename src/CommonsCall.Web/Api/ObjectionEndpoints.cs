using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Objections;

namespace CommonsCall.Web.Api;

/// <summary>The objection window before a commons is approved (issue 16 §4).</summary>
public static class ObjectionEndpoints
{
    private const string UnknownCommons = "No such commons in a call you take part in.";

    public static RouteGroupBuilder MapObjectionEndpoints(this RouteGroupBuilder api)
    {
        var call = api.MapGroup("/calls/{slug}").WithTags("Objections");
        call.MapGet("/commons/{id:guid}/objections", ListAsync)
            .WithName("ListObjections")
            .WithSummary("The commons' objection window and its objections with the facilitators' answers, for the people taking part in the call. 404 for anyone else.")
            .Produces<ObjectionsView>()
            .ProducesProblems(StatusCodes.Status404NotFound);
        call.MapPost("/commons/{id:guid}/objection-window", OpenWindowAsync)
            .RequireAuthorization()
            .WithName("OpenObjectionWindow")
            .WithSummary("Facilitators: opens the commons' objection window for durationHours (1 to 720; 168, seven days, when left out). Until it ends the commons cannot be approved (422 objection_window_open). 422 objection_commons_not_proposed once approved; audited.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        call.MapPost("/commons/{id:guid}/objections", RaiseAsync)
            .RequireAuthorization()
            .WithName("RaiseObjection")
            .WithSummary("A participant objects to approving the commons, on behalf of its organisation, with a reason of 30 characters at least, while the window is open (else 422 objection_window_closed). An open objection blocks approval (422 objection_open) until a facilitator answers it. The facilitators are notified.")
            .Produces<CreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        call.MapPost("/objections/{objectionId:guid}/answer", AnswerAsync)
            .RequireAuthorization()
            .WithName("AnswerObjection")
            .WithSummary("Facilitators: answers an objection, outcome Resolved or Overridden, with a public answer (the reason for going on, when overridden). 422 objection_not_open when answered already. The objector is notified; audited.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ListAsync(string slug, Guid id, Actor actor, ObjectionQueries queries, CancellationToken ct) =>
        await queries.ForCommonsAsync(actor, slug, id, ct) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound(UnknownCommons);

    private static Task<IResult> OpenWindowAsync(string slug, Guid id, OpenObjectionWindow command, Actor actor, CallQueries calls, ObjectionService objections, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => objections.OpenWindowAsync(actor, command with { CallId = callId, CommonsId = id }, ct), ct);

    private static Task<IResult> RaiseAsync(string slug, Guid id, RaiseObjection command, Actor actor, CallQueries calls, ObjectionService objections, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await objections.RaiseAsync(actor, command with { CallId = call.Call.Id, CommonsId = id }, ct))
            .ToApiResult(created => TypedResults.Created($"{ApiEndpoints.Prefix}/v1/calls/{slug}/commons/{id}/objections", new CreatedResponse(created))), ct);

    private static Task<IResult> AnswerAsync(string slug, Guid objectionId, AnswerObjection command, Actor actor, CallQueries calls, ObjectionService objections, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => objections.AnswerAsync(actor, command with { CallId = callId, ObjectionId = objectionId }, ct), ct);
}
