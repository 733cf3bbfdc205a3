using System.Globalization;
using System.Text.Json.Serialization;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Features.Evaluation;

namespace CommonsCall.Web.Api;

// The API contract of the evaluation (issue 16 §1-3). Scores are integers: a weighted score in hundredths of a percent
// of the best possible (0 to 10 000), a criterion's mean in hundredths of a unit of its scale.

public sealed record SaveGridRequest([property: JsonRequired] IReadOnlyList<CriterionTerms> Criteria);

public sealed record AppointEvaluatorRequest([property: JsonRequired] string Email);

/// <summary>
/// Who was named: <c>UserId</c> when the email had an account (they evaluate the call now); otherwise <c>Invited</c>,
/// with the invitation mailed to the email, which makes them evaluator when they register.
/// </summary>
public sealed record AppointedEvaluatorResponse(string? UserId, Guid? InvitationId, bool Invited);

public sealed record AssignCommonsRequest([property: JsonRequired] Guid CommonsId, [property: JsonRequired] string EvaluatorId);

public sealed record ScoreCommonsRequest([property: JsonRequired] IReadOnlyList<Mark> Marks, string? Note);

public sealed record OpenSessionRequest([property: JsonRequired] string Title, [property: JsonRequired] DateOnly HeldOn);

public sealed record OpenedSessionResponse(Guid Id);

public sealed record PublishSessionRequest([property: JsonRequired] IReadOnlyList<DecisionTerms> Decisions);

/// <summary>
/// A call's evaluation grid, evaluators, scores and selection sessions. The slug is resolved for the caller as the
/// evaluation sees it (a call they may read, or one they evaluate; 404 otherwise); the services check every role.
/// </summary>
public static class EvaluationEndpoints
{
    public static RouteGroupBuilder MapEvaluationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/evaluation-templates", (HttpContext _) => TypedResults.Ok(GridTemplates.All(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)))
            .WithTags("Evaluation").WithName("ListGridTemplates")
            .WithSummary("The ready-made grids to start from (ADEME's entry gates, NLnet's weights, both), in the caller's language.")
            .Produces<IReadOnlyList<GridTemplate>>();

        var group = api.MapGroup("/calls/{slug}/evaluation").WithTags("Evaluation").RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        var changes = group.MapGroup("").ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/grid", (string slug, Actor actor, EvaluationQueries q, CancellationToken ct) =>
                InCall(slug, actor, q, async id => (await q.GridAsync(actor, id, ct)).ToApiResult(TypedResults.Ok), ct))
            .WithName("GetEvaluationGrid").WithSummary("Facilitators and evaluators: the grid, and whether the first score has locked it.").Produces<GridView>();
        changes.MapPut("/grid", (string slug, SaveGridRequest body, Actor actor, EvaluationQueries q, EvaluationService s, CancellationToken ct) =>
                Change(slug, actor, q, id => s.SaveGridAsync(actor, new SaveGrid(id, body.Criteria), ct), ct))
            .WithName("SaveEvaluationGrid").WithSummary("Facilitators: replaces the grid (gates, and scored criteria with weight and scale); refused with grid_locked once a score is given.")
            .Produces(StatusCodes.Status204NoContent);

        group.MapGet("/evaluators", (string slug, Actor actor, EvaluationQueries q, CancellationToken ct) =>
                InCall(slug, actor, q, async id => (await q.EvaluatorsAsync(actor, id, ct)).ToApiResult(TypedResults.Ok), ct))
            .WithName("ListEvaluators").WithSummary("Facilitators: the call's evaluators, with what each was assigned and has scored.").Produces<IReadOnlyList<EvaluatorView>>();
        changes.MapPost("/evaluators", (string slug, AppointEvaluatorRequest body, Actor actor, EvaluationQueries q, EvaluationService s, CancellationToken ct) =>
                InCall(slug, actor, q, async id => (await s.AppointAsync(actor, new AppointEvaluator(id, body.Email), ct))
                    .ToApiResult(a => TypedResults.Ok(new AppointedEvaluatorResponse(a.UserId, a.InvitationId, a.Invited))), ct))
            .WithName("AppointEvaluator")
            .WithSummary("Facilitators: names the person with this email (a facilitator or an expert) evaluator of the call; an email without an account is "
                + "sent an invitation that makes them evaluator when they register (invited, with the invitation's id). 422 already_evaluator, "
                + "evaluator_already_invited (an invitation to this call still waits for them); 429 when the facilitator sent too many invitations.")
            .ProducesProblems(StatusCodes.Status429TooManyRequests)
            .Produces<AppointedEvaluatorResponse>();
        changes.MapDelete("/evaluators/{userId}", (string slug, string userId, Actor actor, EvaluationQueries q, EvaluationService s, CancellationToken ct) =>
                Change(slug, actor, q, id => s.RemoveAsync(actor, new RemoveEvaluator(id, userId), ct), ct))
            .WithName("RemoveEvaluator").WithSummary("Facilitators: removes an evaluator who has not scored, with their assignments.").Produces(StatusCodes.Status204NoContent);

        changes.MapPost("/assignments", (string slug, AssignCommonsRequest body, Actor actor, EvaluationQueries q, EvaluationService s, CancellationToken ct) =>
                Change(slug, actor, q, id => s.AssignAsync(actor, new AssignCommons(id, body.CommonsId, body.EvaluatorId), ct), ct))
            .WithName("AssignCommons").WithSummary("Facilitators: gives a commons to an evaluator, never to one whose organisation co-creates it (conflict_of_interest, audited).")
            .Produces(StatusCodes.Status204NoContent);
        changes.MapDelete("/assignments/{commonsId:guid}/{evaluatorId}", (string slug, Guid commonsId, string evaluatorId, Actor actor, EvaluationQueries q, EvaluationService s, CancellationToken ct) =>
                Change(slug, actor, q, id => s.UnassignAsync(actor, new UnassignCommons(id, commonsId, evaluatorId), ct), ct))
            .WithName("UnassignCommons").WithSummary("Facilitators: takes a commons back from an evaluator who has not scored it.").Produces(StatusCodes.Status204NoContent);

        group.MapGet("/mine", (string slug, Actor actor, EvaluationQueries q, CancellationToken ct) =>
                InCall(slug, actor, q, async id => (await q.MineAsync(actor, id, ct)).ToApiResult(TypedResults.Ok), ct))
            .WithName("GetMyEvaluations").WithSummary("An evaluator: the grid and the commons assigned to them, with their own marks and private notes.").Produces<MyEvaluationView>();
        changes.MapPut("/commons/{commonsId:guid}/score", (string slug, Guid commonsId, ScoreCommonsRequest body, Actor actor, EvaluationQueries q, EvaluationService s, CancellationToken ct) =>
                Change(slug, actor, q, id => s.ScoreAsync(actor, new ScoreCommons(id, commonsId, body.Marks, body.Note), ct), ct))
            .WithName("ScoreCommons").WithSummary("An evaluator scores a commons assigned to them: one mark per criterion of the current grid (a gate 0 or 1), and a private note.")
            .Produces(StatusCodes.Status204NoContent);

        group.MapGet("/progress", (string slug, ProgressFilter? filter, Actor actor, EvaluationQueries q, CancellationToken ct) =>
                InCall(slug, actor, q, async id => (await q.ProgressAsync(actor, id, filter ?? ProgressFilter.All, ct)).ToApiResult(TypedResults.Ok), ct))
            .WithName("GetEvaluationProgress").WithSummary("Facilitators: evaluated or not, per commons and per evaluator (filter: All, Evaluated, NotEvaluated).").Produces<ProgressView>();
        group.MapGet("/ranking", (string slug, RankingOrder? order, Actor actor, EvaluationQueries q, CancellationToken ct) =>
                InCall(slug, actor, q, async id => (await q.RankingAsync(actor, id, order ?? RankingOrder.Rank, ct)).ToApiResult(TypedResults.Ok), ct))
            .WithName("GetEvaluationRanking")
            .WithSummary("Facilitators: the commons ranked by weighted mean (gates first), with median, spread, disagreement, per-criterion means and each evaluator's score and note.")
            .Produces<RankingView>();

        group.MapGet("/sessions", (string slug, Actor actor, EvaluationQueries q, CancellationToken ct) =>
                InCall(slug, actor, q, async id => (await q.SessionsAsync(actor, id, ct)).ToApiResult(TypedResults.Ok), ct))
            .WithName("ListSelectionSessions").WithSummary("Facilitators: the call's dated sessions and the decisions of those published.").Produces<IReadOnlyList<SessionView>>();
        changes.MapPost("/sessions", (string slug, OpenSessionRequest body, Actor actor, EvaluationQueries q, SelectionService s, CancellationToken ct) =>
                InCall(slug, actor, q, async id => (await s.OpenAsync(actor, new OpenSession(id, body.Title, body.HeldOn), ct))
                    .ToApiResult(sessionId => TypedResults.Ok(new OpenedSessionResponse(sessionId))), ct))
            .WithName("OpenSelectionSession").WithSummary("Facilitators: plans a dated evaluation session.").Produces<OpenedSessionResponse>();
        changes.MapPost("/sessions/{sessionId:guid}/publication", (string slug, Guid sessionId, PublishSessionRequest body, Actor actor, EvaluationQueries q, SelectionService s, CancellationToken ct) =>
                Change(slug, actor, q, id => s.PublishAsync(actor, new PublishSession(id, sessionId, body.Decisions), ct), ct))
            .WithName("PublishSelectionSession")
            .WithSummary("Facilitators: closes the session with a decision per commons (Selected, NotSelected, Deferred) and its reason; the applicants are notified and read the scores.")
            .Produces(StatusCodes.Status204NoContent);

        api.MapGet("/calls/{slug}/commons/{commonsId:guid}/evaluation-feedback", (string slug, Guid commonsId, Actor actor, EvaluationQueries q, CancellationToken ct) =>
                InCall(slug, actor, q, async id => (await q.FeedbackAsync(actor, id, commonsId, ct)).ToApiResult(TypedResults.Ok), ct))
            .WithTags("Evaluation").RequireAuthorization().WithName("GetEvaluationFeedback")
            .WithSummary("The commons' holders and the facilitators: each published decision on it, with its reason and aggregated scores per criterion.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound)
            .Produces<IReadOnlyList<FeedbackView>>();
        return api;
    }

    private static async Task<IResult> InCall(string slug, Actor actor, EvaluationQueries queries, Func<Guid, Task<IResult>> then, CancellationToken ct) =>
        await queries.FindAsync(slug, actor, ct) is { } call ? await then(call.Id) : ApiResults.NotFound(CallRoute.UnknownCall);

    private static Task<IResult> Change(string slug, Actor actor, EvaluationQueries queries, Func<Guid, Task<Result>> change, CancellationToken ct) =>
        InCall(slug, actor, queries, async id => (await change(id)).ToApiResult(), ct);
}
