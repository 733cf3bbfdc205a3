using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommonsCall.Web.Features.Conversation;

/// <summary>
/// Posting, editing, deleting, reporting and moderating the messages of a call's conversation, and accepting answers.
/// Every operation runs under a shared lock of its call (<see cref="CallChanges.ShareAsync{T}(Actor, Guid, DomainError, Func{CallChange, Task{Result{T}}}, CancellationToken)"/>),
/// sees only what the actor may read, and changes nothing when refused.
/// </summary>
public sealed class CommentService(
    CallChanges changes,
    Notifier notifier,
    IOptionsMonitor<ConversationOptions> options,
    IValidator<PostComment> postValidator,
    IValidator<EditComment> editValidator,
    IValidator<HideComment> hideValidator,
    IValidator<ReportComment> reportValidator)
{
    public Task<Result<Guid>> PostAsync(Actor actor, PostComment command, CancellationToken ct = default) =>
        changes.ShareAsync<Guid>(actor, command.CallId, NotFound(), async x =>
        {
            var subject = await DiscussionSubjects.FindAsync(x.Db, x.Access, x.Call.Id, command.Subject, command.SubjectId, ct);
            if (subject is null)
            {
                return NotFound();
            }

            if (!DiscussionSubjects.MayTalk(x.Access))
            {
                return Forbidden("Only the people taking part in the call, or invited to it, join its conversation.");
            }

            var validation = await postValidator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            var author = actor.UserId!;
            Result<Comment> posted;
            Comment? root = null;
            if (command.ReplyTo is { } answered)
            {
                var target = await x.Db.Comments.SingleOrDefaultAsync(
                    c => c.Id == answered && c.CallId == x.Call.Id && c.Subject == command.Subject && c.SubjectId == command.SubjectId, ct);
                if (target is null)
                {
                    return NotFound();
                }

                root = target.IsRoot ? target : await x.Db.Comments.SingleAsync(c => c.Id == target.ThreadId, ct);
                posted = Comment.Reply(root, author, command.Body, x.Now);
            }
            else
            {
                posted = Comment.Start(x.Call.Id, command.Subject, command.SubjectId, command.Kind, author, command.Body, x.Now);
            }

            if (posted.Error is { } refused)
            {
                return refused;
            }

            if (await RateLimitAsync(x, author, ct) is { } limited)
            {
                return limited;
            }

            x.Db.Comments.Add(posted.Value!);
            if (root is not null && root.AuthorUserId != author)
            {
                await NotifyReplyAsync(x, subject, root, posted.Value!, ct);
            }

            return posted.Value!.Id;
        }, ct);

    /// <summary>
    /// Tells the thread's author, in the same transaction as the reply: an answer to their question (QuestionAnswered),
    /// or a reply to their comment (CommentReply).
    /// </summary>
    private async Task NotifyReplyAsync(CallChange x, SubjectRef subject, Comment root, Comment reply, CancellationToken ct)
    {
        var replier = await x.Db.Users.Where(u => u.Id == reply.AuthorUserId).Select(u => u.DisplayName).SingleAsync(ct);
        var page = subject.Kind == DiscussionSubject.Challenge ? "challenges" : "commons";
        var isAnswer = root.Kind == CommentKind.Question;
        var text = new NotificationText(
            new Words(isAnswer ? "notifications.question.answered.title" : "notifications.comment.reply.title", subject.Title),
            new Words(isAnswer ? "notifications.question.answered.body" : "notifications.comment.reply.body", replier),
            new Words("notifications.conversation.quote", Excerpt(reply.Body)));
        await notifier.NotifyUsersAsync(
            x.Db, [root.AuthorUserId], isAnswer ? NotificationType.QuestionAnswered : NotificationType.CommentReply, x.Call.Id,
            $"/calls/{x.Call.Slug}/{page}/{subject.Id}#comment-{reply.Id}", text, ct);
    }

    /// <summary>The start of a message, for a notification: the page has the rest.</summary>
    private static string Excerpt(string body) => body.Length <= ExcerptLength ? body : body[..ExcerptLength] + "…";

    private const int ExcerptLength = 500;

    public Task<Result> EditAsync(Actor actor, EditComment command, CancellationToken ct = default) =>
        OnCommentAsync(actor, command, async (x, comment) =>
        {
            if (comment.AuthorUserId != actor.UserId)
            {
                return Forbidden("Only the author changes a message.");
            }

            var validation = await editValidator.ValidateAsync(command, ct);
            return validation.IsValid ? comment.Edit(actor.UserId, command.Body, x.Now) : validation.ToDomainError();
        }, ct);

    /// <summary>The author deletes a message: "message deleted" stays in its thread; an accepted answer is no longer one.</summary>
    public Task<Result> DeleteAsync(Actor actor, DeleteComment command, CancellationToken ct = default) =>
        OnCommentAsync(actor, command, async (x, comment) =>
        {
            var deleted = comment.Delete(actor.UserId, x.Now);
            if (deleted.IsSuccess)
            {
                await ForgetAsAnswerAsync(x, comment, ct);
            }

            return deleted;
        }, ct);

    /// <summary>A facilitator hides a message with a reason; its open reports are closed; audited.</summary>
    public Task<Result> HideAsync(Actor actor, HideComment command, CancellationToken ct = default) =>
        OnCommentAsync(actor, command, async (x, comment) =>
        {
            if (!x.Access.IsFacilitator)
            {
                return Forbidden("Only the call's facilitators moderate its conversation.");
            }

            var validation = await hideValidator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            var before = Moderation(comment);
            comment.Hide(actor.UserId!, command.Reason, x.Now);
            var closed = await ResolveReportsAsync(x, comment.Id, ct);
            await ForgetAsAnswerAsync(x, comment, ct);
            x.Audit("comment.hidden", before, new { comment.Id, State = comment.State.ToString(), comment.HiddenReason, ReportsClosed = closed });
            return Result.Ok();
        }, ct);

    /// <summary>Anyone signed in who reads a message reports it once; reporting again changes nothing.</summary>
    public Task<Result> ReportAsync(Actor actor, ReportComment command, CancellationToken ct = default) =>
        OnCommentAsync(actor, command, async (x, comment) =>
        {
            if (!DiscussionSubjects.MayReport(x.Access))
            {
                return Forbidden("Sign in to report a message.");
            }

            var validation = await reportValidator.ValidateAsync(command, ct);
            if (!validation.IsValid)
            {
                return validation.ToDomainError();
            }

            if (comment.State == CommentState.Deleted)
            {
                return Result.Fail(ErrorCodes.CommentRemoved, "This message was deleted by its author.");
            }

            if (!await x.Db.CommentReports.AnyAsync(r => r.CommentId == comment.Id && r.ReporterUserId == actor.UserId, ct))
            {
                x.Db.CommentReports.Add(new CommentReport(comment.Id, actor.UserId!, command.Reason, x.Now));
            }

            return Result.Ok();
        }, ct);

    /// <summary>A facilitator closes a message's open reports and leaves it as it is; audited.</summary>
    public Task<Result> DismissReportsAsync(Actor actor, DismissReports command, CancellationToken ct = default) =>
        OnCommentAsync(actor, command, async (x, comment) =>
        {
            if (!x.Access.IsFacilitator)
            {
                return Forbidden("Only the call's facilitators moderate its conversation.");
            }

            var closed = await ResolveReportsAsync(x, comment.Id, ct);
            if (closed > 0)
            {
                x.Audit("comment.reports_dismissed", Moderation(comment), new { comment.Id, ReportsClosed = closed });
            }

            return Result.Ok();
        }, ct);

    /// <summary>The asker, the challenge's resource person or a facilitator marks a reply as the question's accepted answer.</summary>
    public Task<Result> AcceptAsync(Actor actor, AcceptAnswer command, CancellationToken ct = default) =>
        OnCommentAsync(actor, command, async (x, answer) =>
        {
            if (answer.IsRoot)
            {
                return Result.Fail(ErrorCodes.NotAQuestion, "Only a reply to a question can be accepted as its answer.");
            }

            var question = await x.Db.Comments.SingleAsync(c => c.Id == answer.ThreadId, ct);
            if (question.Kind != CommentKind.Question)
            {
                return Result.Fail(ErrorCodes.NotAQuestion, "Only a reply to a question can be accepted as its answer.");
            }

            var subject = await DiscussionSubjects.FindAsync(x.Db, x.Access, x.Call.Id, question.Subject, question.SubjectId, ct);
            return Comment.MayAccept(question, actor.UserId, x.Access.IsFacilitator, subject?.ResourcePersonUserId)
                ? question.Accept(answer)
                : Forbidden("The asker, the challenge's resource person or a facilitator accepts an answer.");
        }, ct);

    /// <summary>
    /// The message <paramref name="target"/> names in its call, as the actor may see it (a message about a draft the
    /// actor cannot see is not found), handed to <paramref name="change"/> under a shared lock of the call.
    /// </summary>
    private Task<Result> OnCommentAsync(Actor actor, ICommentCommand target, Func<CallChange, Comment, Task<Result>> change, CancellationToken ct) =>
        changes.ShareAsync(actor, target.CallId, NotFound(), async x =>
        {
            var comment = await x.Db.Comments.SingleOrDefaultAsync(c => c.Id == target.CommentId && c.CallId == x.Call.Id, ct);
            if (comment is null || await DiscussionSubjects.FindAsync(x.Db, x.Access, x.Call.Id, comment.Subject, comment.SubjectId, ct) is null)
            {
                return NotFound();
            }

            return await change(x, comment);
        }, ct);

    /// <summary>
    /// One person posts at most <see cref="ConversationOptions.CommentsPerWindow"/> messages per window. Their posts are
    /// counted under a transaction-scoped advisory lock of their own, so that simultaneous posts cannot all slip under it.
    /// </summary>
    private async Task<DomainError?> RateLimitAsync(CallChange x, string userId, CancellationToken ct)
    {
        var limits = options.CurrentValue;
        await x.Db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"comments:" + userId}))", ct);
        var since = x.Now - limits.RateWindow;
        var recent = x.Db.Comments.Where(c => c.AuthorUserId == userId && c.CreatedAt > since);
        if (await recent.CountAsync(ct) < limits.CommentsPerWindow)
        {
            return null;
        }

        // A message may be posted again once the oldest of the window leaves it.
        var oldest = await recent.MinAsync(c => c.CreatedAt, ct);
        return new DomainError(ErrorCodes.RateLimited,
            $"You may post {limits.CommentsPerWindow} messages every {limits.RateWindow.TotalSeconds:0} seconds: wait a moment before posting again.")
        {
            RetryAfter = oldest + limits.RateWindow - x.Now,
        };
    }

    private static async Task ForgetAsAnswerAsync(CallChange x, Comment comment, CancellationToken ct)
    {
        if (comment.ParentId is { } rootId)
        {
            (await x.Db.Comments.SingleAsync(c => c.Id == rootId, ct)).Forget(comment.Id);
        }
    }

    private static async Task<int> ResolveReportsAsync(CallChange x, Guid commentId, CancellationToken ct)
    {
        var open = await x.Db.CommentReports.Where(r => r.CommentId == commentId && r.ResolvedAt == null).ToListAsync(ct);
        open.ForEach(r => r.Resolve(x.Now));
        return open.Count;
    }

    private static object Moderation(Comment c) => new { c.Id, c.Subject, c.SubjectId, State = c.State.ToString(), c.AuthorUserId, c.Body };

    private static DomainError NotFound() => new(ErrorCodes.NotFound, "No such message is visible to you in this call.");

    private static DomainError Forbidden(string detail) => new(ErrorCodes.Forbidden, detail);
}
