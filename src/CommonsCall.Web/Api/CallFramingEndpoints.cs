using CommonsCall.Web.Features.Calls;

namespace CommonsCall.Web.Api;

/// <summary>
/// Creating and framing a call: details and planned dates, glossary, scope, and participants. A call the caller
/// may not see is a 404 here too, exactly as on <c>GET /calls/{slug}</c>.
/// </summary>
public static class CallFramingEndpoints
{
    public static RouteGroupBuilder MapCallFramingEndpoints(this RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/calls").WithTags("Calls").RequireAuthorization().ProducesProblems(StatusCodes.Status401Unauthorized);
        calls.MapPost("", CreateAsync)
            .WithName("CreateCall")
            .WithSummary("Creates a call in Draft; the caller (a facilitator or an administrator) becomes its facilitator. 422 duplicate_slug when the slug is taken.")
            .Produces<CreatedCall>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        calls.MapPut("/{slug}", EditAsync)
            .WithName("EditCall")
            .WithSummary("Changes the call's description, visibility, currency (until money is recorded: currency_locked) and planned dates. Facilitators only.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        calls.MapPost("/{slug}/glossary", AddTermAsync)
            .WithName("AddGlossaryTerm")
            .WithSummary("Adds a term and its definition to the glossary (duplicate_term when the term is already defined). Facilitators only.")
            .Produces<CreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        calls.MapPut("/{slug}/glossary/{termId:guid}", EditTermAsync)
            .WithName("EditGlossaryTerm")
            .WithSummary("Changes a glossary term or its definition. Facilitators only.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        calls.MapDelete("/{slug}/glossary/{termId:guid}", RemoveTermAsync)
            .WithName("RemoveGlossaryTerm")
            .WithSummary("Removes a glossary term. Facilitators only.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        calls.MapPost("/{slug}/scope", AddStatementAsync)
            .WithName("AddScopeStatement")
            .WithSummary("Adds an in-scope or out-of-scope statement. Facilitators only.")
            .Produces<CreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        calls.MapPut("/{slug}/scope/{statementId:guid}", EditStatementAsync)
            .WithName("EditScopeStatement")
            .WithSummary("Changes a scope statement's text or side. Facilitators only.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        calls.MapDelete("/{slug}/scope/{statementId:guid}", RemoveStatementAsync)
            .WithName("RemoveScopeStatement")
            .WithSummary("Removes a scope statement. Facilitators only.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        calls.MapPost("/{slug}/participants", InviteAsync)
            .WithName("InviteParticipant")
            .WithSummary("Invites an organisation as Member or Funder (again, if it declined or left). already_participant when it is invited or joined in that role. Facilitators only.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        calls.MapPost("/{slug}/participants/{organisationId:guid}/{role}/accept", AcceptAsync)
            .WithName("AcceptInvitation")
            .WithSummary("A representative of the invited organisation accepts its invitation (role: Member or Funder).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        calls.MapPost("/{slug}/participants/{organisationId:guid}/{role}/leave", LeaveAsync)
            .WithName("LeaveCall")
            .WithSummary("A representative declines the invitation or leaves the call; participation_locked once the organisation holds money in the call or the budget round opened.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> CreateAsync(CreateCall command, Actor actor, CallFramingService framing, CancellationToken ct) =>
        (await framing.CreateAsync(actor, command, ct)).ToApiResult(created => TypedResults.Created($"/api/v1/calls/{created.Slug}", created));

    private static Task<IResult> EditAsync(string slug, EditCall command, Actor actor, CallQueries calls, CallFramingService framing, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, id => framing.EditAsync(actor, command with { CallId = id }, ct), ct);

    private static Task<IResult> AddTermAsync(string slug, SaveGlossaryTerm command, Actor actor, CallQueries calls, CallFramingService framing, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await framing.AddGlossaryTermAsync(actor, command with { CallId = call.Call.Id }, ct))
            .ToApiResult(termId => TypedResults.Created((string?)null, new CreatedResponse(termId))), ct);

    private static Task<IResult> EditTermAsync(string slug, Guid termId, SaveGlossaryTerm command, Actor actor, CallQueries calls, CallFramingService framing, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, id => framing.EditGlossaryTermAsync(actor, termId, command with { CallId = id }, ct), ct);

    private static Task<IResult> RemoveTermAsync(string slug, Guid termId, Actor actor, CallQueries calls, CallFramingService framing, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, id => framing.RemoveGlossaryTermAsync(actor, new RemoveGlossaryTerm(id, termId), ct), ct);

    private static Task<IResult> AddStatementAsync(string slug, SaveScopeStatement command, Actor actor, CallQueries calls, CallFramingService framing, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await framing.AddScopeStatementAsync(actor, command with { CallId = call.Call.Id }, ct))
            .ToApiResult(statementId => TypedResults.Created((string?)null, new CreatedResponse(statementId))), ct);

    private static Task<IResult> EditStatementAsync(string slug, Guid statementId, SaveScopeStatement command, Actor actor, CallQueries calls, CallFramingService framing, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, id => framing.EditScopeStatementAsync(actor, statementId, command with { CallId = id }, ct), ct);

    private static Task<IResult> RemoveStatementAsync(string slug, Guid statementId, Actor actor, CallQueries calls, CallFramingService framing, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, id => framing.RemoveScopeStatementAsync(actor, new RemoveScopeStatement(id, statementId), ct), ct);

    private static Task<IResult> InviteAsync(string slug, InviteParticipant command, Actor actor, CallQueries calls, ParticipationService participation, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, id => participation.InviteAsync(actor, command with { CallId = id }, ct), ct);

    private static Task<IResult> AcceptAsync(string slug, Guid organisationId, ParticipantRole role, Actor actor, CallQueries calls, ParticipationService participation, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, id => participation.AcceptAsync(actor, new AnswerInvitation(id, organisationId, role), ct), ct);

    private static Task<IResult> LeaveAsync(string slug, Guid organisationId, ParticipantRole role, Actor actor, CallQueries calls, ParticipationService participation, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, id => participation.LeaveAsync(actor, new AnswerInvitation(id, organisationId, role), ct), ct);
}
