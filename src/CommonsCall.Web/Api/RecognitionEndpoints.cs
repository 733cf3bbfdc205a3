using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Recognition;

namespace CommonsCall.Web.Api;

/// <summary>A call's Open Badges for its facilitators: the list, and revoking one (the public documents are <see cref="BadgeEndpoints"/>).</summary>
public static class RecognitionEndpoints
{
    public static RouteGroupBuilder MapRecognitionEndpoints(this RouteGroupBuilder api)
    {
        var call = api.MapGroup("/calls/{slug}").WithTags("Badges").RequireAuthorization();
        call.MapGet("/badges", ListAsync)
            .WithName("ListCallBadges")
            .WithSummary("Facilitators and administrators: every badge of the call, newest first, with its recipient, class, subject, date of issue and, once revoked, when and why. pageUrl is its public page; the Open Badges assertion is at /badges/{id}.json.")
            .Produces<CallBadges>()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        call.MapPost("/badges/{badgeId:guid}/revoke", RevokeAsync)
            .WithName("RevokeBadge")
            .WithSummary("Facilitators and administrators: revokes a badge of the call with a reason (required, 500 characters at most), which its assertion (then 410 with revoked: true) and the revocation list publish. 422 badge_already_revoked the second time (the published reason stays); a badge of another call is 404. Audited.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ListAsync(string slug, Actor actor, BadgeQueries badges, CancellationToken ct) =>
        (await badges.OfCallAsync(actor, slug, ct)).ToApiResult(TypedResults.Ok);

    private static Task<IResult> RevokeAsync(string slug, Guid badgeId, RevokeBadge command, Actor actor, CallQueries calls, BadgeService badges, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => badges.RevokeAsync(actor, command with { CallId = callId, BadgeId = badgeId }, ct), ct);
}
