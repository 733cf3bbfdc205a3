using System.Text.Json.Serialization;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.FollowUp;

namespace CommonsCall.Web.Api;

// The API contract of the follow-up: amounts are integers in the call currency's minor unit; the agreement is read as
// AgreementView, the feature's own record.

/// <summary>The schedule as the facilitator proposes it: the lead holder (a co-creator) and the tranches in order, in whole percentages summing to 100.</summary>
public sealed record ProposeScheduleRequest([property: JsonRequired] Guid LeadOrganisationId, [property: JsonRequired] IReadOnlyList<TrancheTerms> Tranches);

/// <summary>A co-creator the caller represents declares the milestone done, with links to the evidence.</summary>
public sealed record DeclareMilestoneRequest([property: JsonRequired] Guid OrganisationId, [property: JsonRequired] IReadOnlyList<string> Evidence);

public sealed record AskChangesRequest([property: JsonRequired] string Comment);

public sealed record CancelAgreementRequest([property: JsonRequired] string Reason);

/// <summary>The corrected award (total plus match, as it should have been settled) and why.</summary>
public sealed record CorrectAwardRequest([property: JsonRequired] long Award, [property: JsonRequired] string Reason);

/// <summary>
/// The funding agreement of each funded commons (DESIGN.md "Follow-up"): the slug is resolved as the caller may see
/// the call (404 otherwise); the feature's services check every role and rule.
/// </summary>
public static class FollowUpEndpoints
{
    public static RouteGroupBuilder MapFollowUpEndpoints(this RouteGroupBuilder api)
    {
        var agreement = api.MapGroup("/calls/{slug}/commons/{commonsId:guid}/agreement").WithTags("Follow-up").ProducesProblems(StatusCodes.Status404NotFound);
        agreement.MapGet("", GetAsync)
            .WithName("GetFundingAgreement")
            .WithSummary("The funded commons' agreement, for whoever sees the call's money: award, paid, returned to the pool and left, the schedule's tranches, the milestones with their declarations and lateness.")
            .Produces<AgreementView>();

        var signedIn = agreement.MapGroup("").RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        signedIn.MapPut("/schedule", ProposeScheduleAsync)
            .WithName("ProposeSchedule")
            .WithSummary("Facilitators: proposes the payment schedule (again, until the lead holder accepts it) and names the lead holder. Percentages become exact minor units, the remainder on the last tranche, which is tied to a milestone.")
            .Produces(StatusCodes.Status204NoContent);
        signedIn.MapPost("/schedule/acceptance", AcceptScheduleAsync)
            .WithName("AcceptSchedule")
            .WithSummary("The lead holder accepts the proposed schedule, which locks it; the tranche due at the start is paid (a ledger Payment).")
            .Produces(StatusCodes.Status204NoContent);
        signedIn.MapPost("/milestones/{milestoneId:guid}/declaration", DeclareAsync)
            .WithName("DeclareMilestoneDone")
            .WithSummary("A holder declares a milestone of the schedule done, with links to the evidence; a new declaration replaces one waiting or sent back.")
            .Produces(StatusCodes.Status204NoContent);
        signedIn.MapPost("/milestones/{milestoneId:guid}/acceptance", AcceptMilestoneAsync)
            .WithName("AcceptMilestone")
            .WithSummary("Facilitators: accepts a declared milestone, which pays its tranche once; the last one delivers the commons.")
            .Produces(StatusCodes.Status204NoContent);
        signedIn.MapPost("/milestones/{milestoneId:guid}/changes", AskChangesAsync)
            .WithName("AskMilestoneChanges")
            .WithSummary("Facilitators: sends a declared milestone back to the holders with a comment.")
            .Produces(StatusCodes.Status204NoContent);
        signedIn.MapPost("/cancellation", CancelAsync)
            .WithName("CancelAgreement")
            .WithSummary("Facilitators: cancels the commons with a reason; every tranche not yet paid goes back to the pool (ledger entries), what was paid stays paid.")
            .Produces(StatusCodes.Status204NoContent);
        signedIn.MapPost("/corrections", CorrectAsync)
            .WithName("CorrectAward")
            .WithSummary("Facilitators: corrects the settled award with a reason (a ledger Correction and an audit entry); the difference lands on the last tranche not yet paid.")
            .Produces(StatusCodes.Status204NoContent);
        return api;
    }

    private static Task<IResult> GetAsync(string slug, Guid commonsId, Actor actor, CallQueries calls, AgreementQueries agreements, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            await agreements.GetAsync(actor, call.Call.Id, commonsId, ct) is { } view
                ? TypedResults.Ok(view)
                : AgreementService.NoAgreement.ToProblem(), ct);

    private static Task<IResult> ProposeScheduleAsync(
        string slug, Guid commonsId, ProposeScheduleRequest body, Actor actor, CallQueries calls, AgreementService agreements, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => agreements.ProposeScheduleAsync(actor, new ProposeSchedule(callId, commonsId, body.LeadOrganisationId, body.Tranches), ct), ct);

    private static Task<IResult> AcceptScheduleAsync(string slug, Guid commonsId, Actor actor, CallQueries calls, AgreementService agreements, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => agreements.AcceptScheduleAsync(actor, new AcceptSchedule(callId, commonsId), ct), ct);

    private static Task<IResult> DeclareAsync(
        string slug, Guid commonsId, Guid milestoneId, DeclareMilestoneRequest body, Actor actor, CallQueries calls, AgreementService agreements, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => agreements.DeclareDoneAsync(actor, new DeclareMilestoneDone(callId, commonsId, milestoneId, body.OrganisationId, body.Evidence), ct), ct);

    private static Task<IResult> AcceptMilestoneAsync(string slug, Guid commonsId, Guid milestoneId, Actor actor, CallQueries calls, AgreementService agreements, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => agreements.AcceptMilestoneAsync(actor, new AcceptMilestone(callId, commonsId, milestoneId), ct), ct);

    private static Task<IResult> AskChangesAsync(
        string slug, Guid commonsId, Guid milestoneId, AskChangesRequest body, Actor actor, CallQueries calls, AgreementService agreements, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => agreements.AskChangesAsync(actor, new AskMilestoneChanges(callId, commonsId, milestoneId, body.Comment), ct), ct);

    private static Task<IResult> CancelAsync(
        string slug, Guid commonsId, CancelAgreementRequest body, Actor actor, CallQueries calls, AgreementService agreements, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => agreements.CancelAsync(actor, new CancelAgreement(callId, commonsId, body.Reason), ct), ct);

    private static Task<IResult> CorrectAsync(
        string slug, Guid commonsId, CorrectAwardRequest body, Actor actor, CallQueries calls, AgreementService agreements, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => agreements.CorrectAsync(actor, new CorrectAward(callId, commonsId, body.Award, body.Reason), ct), ct);
}
