using CommonsCall.Domain.Commons;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.WorkingGroups;

namespace CommonsCall.Web.Api;

/// <summary>
/// A commons' description as the request bodies carry it: flat, beside the other members of a proposal, and
/// <c>lookingFor</c> as a list. The API's public shape; <see cref="CommonsDescriptionBody.ToDescription"/> turns it
/// into the domain's <see cref="CommonsDescription"/>, which commands carry.
/// </summary>
public interface ICommonsDescriptionBody
{
    string Title { get; }

    string Summary { get; }

    CommonsKind Kind { get; }

    string Licence { get; }

    CommonsMaturity Maturity { get; }

    string? Governance { get; }

    string? CommunityPlan { get; }

    string? CitizenInvolvement { get; }

    string? MissingResources { get; }

    IReadOnlyList<CommonsNeeds>? LookingFor { get; }

    string? SkillsWanted { get; }

    string? RepositoryUrl { get; }

    string? DocumentationUrl { get; }
}

public static class CommonsDescriptionBody
{
    public static CommonsDescription ToDescription(this ICommonsDescriptionBody body) =>
        new(body.Title, body.Summary, body.Kind, body.Licence, body.Maturity, body.Governance, body.CommunityPlan, body.CitizenInvolvement,
            body.MissingResources, (body.LookingFor ?? []).Combine(), body.SkillsWanted, body.RepositoryUrl, body.DocumentationUrl);
}

/// <summary>A commons proposal. <c>lookingFor</c> lists what it is looking for; amounts of the budget lines are minor units.</summary>
public sealed record CommonsProposalRequest(
    Guid OrganisationId,
    string Title,
    string Summary,
    CommonsKind Kind,
    string Licence,
    CommonsMaturity Maturity,
    string? Governance,
    string? CommunityPlan,
    string? CitizenInvolvement,
    string? MissingResources,
    IReadOnlyList<CommonsNeeds>? LookingFor,
    string? SkillsWanted,
    IReadOnlyList<BudgetLine> BudgetLines,
    IReadOnlyList<Guid>? ChallengeIds,
    IReadOnlyList<Guid>? CoCreatorIds,
    string? RepositoryUrl = null,
    string? DocumentationUrl = null) : ICommonsDescriptionBody;

/// <summary>A commons' description (budget lines, challenge links and co-creators have their own endpoints).</summary>
public sealed record CommonsEditRequest(
    string Title,
    string Summary,
    CommonsKind Kind,
    string Licence,
    CommonsMaturity Maturity,
    string? Governance,
    string? CommunityPlan,
    string? CitizenInvolvement,
    string? MissingResources,
    IReadOnlyList<CommonsNeeds>? LookingFor,
    string? SkillsWanted,
    string? RepositoryUrl = null,
    string? DocumentationUrl = null) : ICommonsDescriptionBody;

public sealed record BudgetLinesRequest(IReadOnlyList<BudgetLine> BudgetLines);

public sealed record ChallengeLinksRequest(IReadOnlyList<Guid> ChallengeIds);

public sealed record CoCreatorRequest(Guid OrganisationId);

/// <summary>The caller's positioning; <c>organisationId</c> may be left out when the caller represents one organisation in the call.</summary>
public sealed record PositioningRequest(Guid? OrganisationId, IReadOnlyList<PositioningKind> Kinds, string? Expectations, string? Availability);

public sealed record MilestoneRequest(string Title, DateOnly DueOn, Guid OwnerOrganisationId);

public sealed record MilestoneUpdateRequest(string Title, DateOnly DueOn, Guid OwnerOrganisationId, bool Done);

public sealed record MeetingRequest(DateOnly On, string? Note);

public static class CommonsEndpoints
{
    public static RouteGroupBuilder MapCommonsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/calls/{slug}/map", MapAsync)
            .WithTags("Working groups")
            .WithName("GetCallMap")
            .WithSummary("The call's map: which organisations produce, want or contribute to which commons; commons wanted by two or more and produced by none are listed apart.")
            .Produces<CallMapView>()
            .ProducesProblems(StatusCodes.Status404NotFound);

        var commons = api.MapGroup("/calls/{slug}/commons").WithTags("Commons");
        commons.MapGet("", ListAsync)
            .WithName("ListCommons")
            .WithSummary("The commons of a call, with their goals and the size of their working group.")
            .Produces<CommonsListView>()
            .ProducesProblems(StatusCodes.Status404NotFound);
        commons.MapPost("", ProposeAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithName("ProposeCommons")
            .WithSummary("A representative of a joined member organisation proposes a commons while the call is in phase Commons (else commons_phase_closed). The licence must be an open licence (SPDX); budget lines need a description, a minimum above 0 and a maximum at least the minimum.")
            .Produces<CommonsDetailView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        commons.MapGet("/{id:guid}", GetAsync)
            .WithName("GetCommons")
            .WithSummary("One commons with its budget, challenges, co-creators, funding (once the round is on), working group, milestones, meetings and cadence warnings, and what the caller may do.")
            .Produces<CommonsDetailView>()
            .ProducesProblems(StatusCodes.Status404NotFound);
        commons.MapPut("/{id:guid}", EditAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithName("EditCommons")
            .WithSummary("Changes the description. Co-creators edit in phase Commons until the commons is approved (else commons_locked); facilitators at any time.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem();
        commons.MapPut("/{id:guid}/budget-lines", SetBudgetLinesAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithName("SetCommonsBudgetLines")
            .WithSummary("Replaces the budget lines; their sums become the minimum and maximum goals. Refused once the budget round has opened (budget_lines_locked).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem();
        commons.MapPut("/{id:guid}/challenges", LinkChallengesAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithName("SetCommonsChallenges")
            .WithSummary("Replaces the micro-challenges the commons answers: published challenges of the same call only (else unknown_challenge).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem();
        commons.MapPost("/{id:guid}/co-creators", AddCoCreatorAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithName("AddCommonsCoCreator")
            .WithSummary("Adds a co-creator: a member organisation that joined the call (else unknown_organisation).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem();
        commons.MapDelete("/{id:guid}/co-creators/{organisationId:guid}", RemoveCoCreatorAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithName("RemoveCommonsCoCreator")
            .WithSummary("Removes a co-creator; the proposing organisation always stays (cannot_remove_proposer).")
            .Produces(StatusCodes.Status204NoContent);

        commons.MapPut("/{id:guid}/positionings/mine", SetPositioningAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithTags("Working groups")
            .WithName("SetMyPositioning")
            .WithSummary("Sets the positioning of the caller's organisation (a joined member or funder): produces, wants, contributes; expectations and availability.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem();
        commons.MapDelete("/{id:guid}/positionings/mine", WithdrawPositioningAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithTags("Working groups")
            .WithName("WithdrawMyPositioning")
            .WithSummary("Withdraws the positioning of the caller's organisation (organisationId in the query when the caller represents several); withdrawing twice changes nothing.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem();
        commons.MapPost("/{id:guid}/milestones", AddMilestoneAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithTags("Working groups")
            .WithName("AddMilestone")
            .WithSummary("Adds a milestone, owned by an organisation of the working group (else not_in_working_group). The group's organisations and the facilitators manage milestones.")
            .Produces<CreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        commons.MapPut("/{id:guid}/milestones/{milestoneId:guid}", UpdateMilestoneAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithTags("Working groups")
            .WithName("UpdateMilestone")
            .WithSummary("Changes a milestone: title, due date, owner, done.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem();
        commons.MapDelete("/{id:guid}/milestones/{milestoneId:guid}", DeleteMilestoneAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithTags("Working groups")
            .WithName("DeleteMilestone")
            .WithSummary("Deletes a milestone.")
            .Produces(StatusCodes.Status204NoContent);
        commons.MapPost("/{id:guid}/meetings", AddMeetingAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithTags("Working groups")
            .WithName("AddMeeting")
            .WithSummary("Records a meeting date of the working group (past or planned; one a day). The cadence warnings are in the commons' detail.")
            .Produces<CreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        commons.MapDelete("/{id:guid}/meetings/{meetingId:guid}", DeleteMeetingAsync)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .WithTags("Working groups")
            .WithName("DeleteMeeting")
            .WithSummary("Removes a meeting date.")
            .Produces(StatusCodes.Status204NoContent);
        return api;
    }

    private static async Task<IResult> MapAsync(string slug, Actor actor, CallMapQueries map, CancellationToken ct) =>
        await map.MapAsync(actor, slug, ct) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound(CallRoute.UnknownCall);

    private static async Task<IResult> ListAsync(string slug, Actor actor, CommonsQueries queries, CancellationToken ct) =>
        await queries.ListAsync(actor, slug, ct) is { } list ? TypedResults.Ok(list) : ApiResults.NotFound(CallRoute.UnknownCall);

    private static async Task<IResult> GetAsync(string slug, Guid id, Actor actor, CommonsQueries queries, CancellationToken ct) =>
        await queries.DetailAsync(actor, slug, id, ct) is { } detail ? TypedResults.Ok(detail) : ApiResults.NotFound("No such commons in a call visible to you.");

    private static async Task<IResult> ProposeAsync(string slug, CommonsProposalRequest request, Actor actor, CallQueries calls, CommonsQueries queries, CommonsService commons, CancellationToken ct)
    {
        if (await calls.ReadableAsync(slug, actor, ct) is not { } call)
        {
            return ApiResults.NotFound(CallRoute.UnknownCall);
        }

        var command = new ProposeCommons(call.Call.Id, request.OrganisationId, request.ToDescription(), request.BudgetLines, request.ChallengeIds, request.CoCreatorIds);
        var result = await commons.ProposeAsync(actor, command, ct);
        return result.IsSuccess
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/v1/calls/{slug}/commons/{result.Value}", await queries.DetailAsync(actor, slug, result.Value, ct))
            : result.Error!.ToProblem();
    }

    private static Task<IResult> EditAsync(string slug, Guid id, CommonsEditRequest request, Actor actor, CallQueries calls, CommonsService commons, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => commons.EditAsync(actor, new EditCommons(callId, id, request.ToDescription()), ct), ct);

    private static Task<IResult> SetBudgetLinesAsync(string slug, Guid id, BudgetLinesRequest request, Actor actor, CallQueries calls, CommonsService commons, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => commons.SetBudgetLinesAsync(actor, new SetCommonsBudget(callId, id, request.BudgetLines), ct), ct);

    private static Task<IResult> LinkChallengesAsync(string slug, Guid id, ChallengeLinksRequest request, Actor actor, CallQueries calls, CommonsService commons, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => commons.LinkChallengesAsync(actor, new LinkCommonsChallenges(callId, id, request.ChallengeIds), ct), ct);

    private static Task<IResult> AddCoCreatorAsync(string slug, Guid id, CoCreatorRequest request, Actor actor, CallQueries calls, CommonsService commons, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => commons.AddCoCreatorAsync(actor, new AddCoCreator(callId, id, request.OrganisationId), ct), ct);

    private static Task<IResult> RemoveCoCreatorAsync(string slug, Guid id, Guid organisationId, Actor actor, CallQueries calls, CommonsService commons, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => commons.RemoveCoCreatorAsync(actor, new RemoveCoCreator(callId, id, organisationId), ct), ct);

    private static Task<IResult> SetPositioningAsync(string slug, Guid id, PositioningRequest request, Actor actor, CallQueries calls, PositioningService positionings, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => positionings.SetAsync(actor, new SetPositioning(callId, id, request.OrganisationId, request.Kinds, request.Expectations, request.Availability), ct), ct);

    private static Task<IResult> WithdrawPositioningAsync(string slug, Guid id, Guid? organisationId, Actor actor, CallQueries calls, PositioningService positionings, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => positionings.WithdrawAsync(actor, new WithdrawPositioning(callId, id, organisationId), ct), ct);

    private static async Task<IResult> AddMilestoneAsync(string slug, Guid id, MilestoneRequest request, Actor actor, CallQueries calls, WorkingGroupService groups, CancellationToken ct)
    {
        if (await calls.ReadableAsync(slug, actor, ct) is not { } call)
        {
            return ApiResults.NotFound(CallRoute.UnknownCall);
        }

        var result = await groups.AddMilestoneAsync(actor, new AddMilestone(call.Call.Id, id, request.Title, request.DueOn, request.OwnerOrganisationId), ct);
        return result.ToApiResult(created => TypedResults.Created($"{ApiEndpoints.Prefix}/v1/calls/{slug}/commons/{id}/milestones/{created}", new CreatedResponse(created)));
    }

    private static Task<IResult> UpdateMilestoneAsync(string slug, Guid id, Guid milestoneId, MilestoneUpdateRequest request, Actor actor, CallQueries calls, WorkingGroupService groups, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => groups.UpdateMilestoneAsync(actor, new UpdateMilestone(callId, id, milestoneId, request.Title, request.DueOn, request.OwnerOrganisationId, request.Done), ct), ct);

    private static Task<IResult> DeleteMilestoneAsync(string slug, Guid id, Guid milestoneId, Actor actor, CallQueries calls, WorkingGroupService groups, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => groups.DeleteMilestoneAsync(actor, new DeleteMilestone(callId, id, milestoneId), ct), ct);

    private static async Task<IResult> AddMeetingAsync(string slug, Guid id, MeetingRequest request, Actor actor, CallQueries calls, WorkingGroupService groups, CancellationToken ct)
    {
        if (await calls.ReadableAsync(slug, actor, ct) is not { } call)
        {
            return ApiResults.NotFound(CallRoute.UnknownCall);
        }

        var result = await groups.AddMeetingAsync(actor, new AddMeeting(call.Call.Id, id, request.On, request.Note), ct);
        return result.ToApiResult(created => TypedResults.Created($"{ApiEndpoints.Prefix}/v1/calls/{slug}/commons/{id}/meetings/{created}", new CreatedResponse(created)));
    }

    private static Task<IResult> DeleteMeetingAsync(string slug, Guid id, Guid meetingId, Actor actor, CallQueries calls, WorkingGroupService groups, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => groups.DeleteMeetingAsync(actor, new DeleteMeeting(callId, id, meetingId), ct), ct);
}
