using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Conversation;

namespace CommonsCall.Web.Api;

public static class ConversationEndpoints
{
    private const string UnknownSubject = "No such micro-challenge or commons is visible to you in this call.";

    public static RouteGroupBuilder MapConversationEndpoints(this RouteGroupBuilder api)
    {
        var call = api.MapGroup("/calls/{slug}").WithTags("Conversation");
        foreach (var (path, kind, what) in new[] { ("challenges", DiscussionSubject.Challenge, "micro-challenge"), ("commons", DiscussionSubject.Commons, "commons") })
        {
            var name = kind == DiscussionSubject.Challenge ? "Challenge" : "Commons";
            call.MapGet($"/{path}/{{id:guid}}/comments", (string slug, Guid id, Actor actor, ConversationQueries queries, CancellationToken ct) => DiscussionAsync(slug, kind, id, actor, queries, ct))
                .WithName($"List{name}Comments")
                .WithSummary($"The discussion about a {what}: its threads (one level deep), each question's accepted answer first. Deleted messages keep their place without their words; hidden ones show the facilitators' reason (facilitators still read them). 404 when the call or the {what} is not visible to the caller.")
                .Produces<DiscussionView>()
                .ProducesProblems(StatusCodes.Status404NotFound);
            call.MapPost($"/{path}/{{id:guid}}/comments", (string slug, Guid id, PostComment command, Actor actor, CallQueries calls, CommentService comments, ConversationQueries queries, CancellationToken ct) =>
                    PostAsync(slug, kind, id, command, actor, calls, comments, ct))
                .WithName($"Post{name}Comment")
                .WithSummary(kind == DiscussionSubject.Challenge
                    ? "Posts a message about the micro-challenge (whoever takes part in the call or is invited to it): a comment, a question to its resource person (kind: Question), or a reply (replyTo: any message of the thread; a reply to a reply joins its thread). Markdown without raw HTML. 429 rate_limited when the caller posted too many messages in a short time."
                    : "Posts a message about the commons (whoever takes part in the call or is invited to it): a comment, or a reply (replyTo). Questions go to micro-challenges. Markdown without raw HTML. 429 rate_limited when the caller posted too many messages in a short time.")
                .Produces<CreatedResponse>(StatusCodes.Status201Created)
                .ProducesValidationProblem()
                .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        }

        var comment = call.MapGroup("/comments/{commentId:guid}");
        comment.MapPut("", EditAsync)
            .WithName("EditComment")
            .WithSummary($"The author changes a message's words, within {Comment.EditWindow.TotalMinutes:0} minutes of posting it (422 comment_edit_window_closed after).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        comment.MapDelete("", DeleteAsync)
            .WithName("DeleteComment")
            .WithSummary("The author deletes a message: \"message deleted\" stays in its thread. Deleting twice changes nothing.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        comment.MapPost("/hide", HideAsync)
            .WithName("HideComment")
            .WithSummary("A facilitator hides a message with a reason shown in its place; its open reports are closed; audited.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        comment.MapPost("/reports", ReportAsync)
            .WithName("ReportComment")
            .WithSummary("Asks the call's facilitators to look at a message (anyone signed in who reads it), optionally with a reason. Reporting twice changes nothing.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        comment.MapDelete("/reports", DismissAsync)
            .WithName("DismissCommentReports")
            .WithSummary("A facilitator closes a message's open reports without hiding it; audited.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        comment.MapPost("/accept", AcceptAsync)
            .WithName("AcceptAnswer")
            .WithSummary("Marks a reply to a question as its accepted answer (the asker, the micro-challenge's resource person or a facilitator); it is then listed first.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        call.MapGet("/moderation", ModerationAsync)
            .WithName("ListReportedComments")
            .WithSummary("The call's messages with open reports, most reported first (facilitators).")
            .Produces<ModerationView>()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        call.MapGet("/announcements", AnnouncementsAsync)
            .WithName("ListAnnouncements")
            .WithSummary("The call's announcements, newest first. 404 when the call is not visible to the caller.")
            .Produces<AnnouncementsView>()
            .ProducesProblems(StatusCodes.Status404NotFound);
        call.MapPost("/announcements", PublishAsync)
            .WithName("PublishAnnouncement")
            .WithSummary("A facilitator publishes an announcement (title, Markdown body): shown on the call page and notified to every participant's representatives, by mail as their preferences say.")
            .Produces<CreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> DiscussionAsync(string slug, DiscussionSubject kind, Guid id, Actor actor, ConversationQueries queries, CancellationToken ct) =>
        await queries.DiscussionAsync(actor, slug, kind, id, ct) is { } discussion ? TypedResults.Ok(discussion) : ApiResults.NotFound(UnknownSubject);

    private static Task<IResult> PostAsync(string slug, DiscussionSubject kind, Guid id, PostComment command, Actor actor, CallQueries calls, CommentService comments, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            (await comments.PostAsync(actor, command with { CallId = call.Call.Id, Subject = kind, SubjectId = id }, ct))
                .ToApiResult(created => TypedResults.Created($"{ApiEndpoints.Prefix}/v1/calls/{slug}/comments/{created}", new CreatedResponse(created))), ct);

    private static Task<IResult> EditAsync(string slug, Guid commentId, EditComment command, Actor actor, CallQueries calls, CommentService comments, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => comments.EditAsync(actor, command with { CallId = callId, CommentId = commentId }, ct), ct);

    private static Task<IResult> DeleteAsync(string slug, Guid commentId, Actor actor, CallQueries calls, CommentService comments, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => comments.DeleteAsync(actor, new DeleteComment(callId, commentId), ct), ct);

    private static Task<IResult> HideAsync(string slug, Guid commentId, HideComment command, Actor actor, CallQueries calls, CommentService comments, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => comments.HideAsync(actor, command with { CallId = callId, CommentId = commentId }, ct), ct);

    private static Task<IResult> ReportAsync(string slug, Guid commentId, ReportComment command, Actor actor, CallQueries calls, CommentService comments, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => comments.ReportAsync(actor, command with { CallId = callId, CommentId = commentId }, ct), ct);

    private static Task<IResult> DismissAsync(string slug, Guid commentId, Actor actor, CallQueries calls, CommentService comments, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => comments.DismissReportsAsync(actor, new DismissReports(callId, commentId), ct), ct);

    private static Task<IResult> AcceptAsync(string slug, Guid commentId, Actor actor, CallQueries calls, CommentService comments, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => comments.AcceptAsync(actor, new AcceptAnswer(callId, commentId), ct), ct);

    private static async Task<IResult> ModerationAsync(string slug, Actor actor, ConversationQueries queries, CancellationToken ct) =>
        (await queries.ModerationAsync(actor, slug, ct)).ToApiResult(view => TypedResults.Ok(view));

    private static async Task<IResult> AnnouncementsAsync(string slug, Actor actor, ConversationQueries queries, CancellationToken ct) =>
        await queries.AnnouncementsAsync(actor, slug, ct) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound(CallRoute.UnknownCall);

    private static Task<IResult> PublishAsync(string slug, PublishAnnouncement command, Actor actor, CallQueries calls, AnnouncementService announcements, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            (await announcements.PublishAsync(actor, command with { CallId = call.Call.Id }, ct))
                .ToApiResult(created => TypedResults.Created($"{ApiEndpoints.Prefix}/v1/calls/{slug}/announcements", new CreatedResponse(created))), ct);
}
