using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Conversation;

/// <summary>What a discussion hangs from.</summary>
public enum DiscussionSubject
{
    Challenge = 0,
    Commons = 1,
}

/// <summary>A thread starts with a comment or (on a micro-challenge) a question; what answers it is a reply.</summary>
public enum CommentKind
{
    Comment = 0,
    Question = 1,
    Reply = 2,
}

/// <summary>Whether a comment's words are shown: the author deletes, a facilitator hides; both leave a trace in the thread.</summary>
public enum CommentState
{
    Visible = 0,
    Deleted = 1,
    Hidden = 2,
}

/// <summary>
/// A message of a call's conversation about a micro-challenge or a commons. Threads are one level deep: a reply
/// to a reply joins its thread's root. A question (the root of a thread on a micro-challenge) may have one accepted
/// answer among its replies. The author edits within <see cref="EditWindow"/> and deletes at any time; a deleted or
/// hidden comment stays in its thread as a trace.
/// </summary>
public sealed class Comment
{
    /// <summary>How long after posting the author may still change the words: long enough to fix a typo, short enough that replies stay meaningful.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    private Comment()
    {
        AuthorUserId = Body = string.Empty;
    }

    private Comment(Guid callId, DiscussionSubject subject, Guid subjectId, Guid? parentId, CommentKind kind, string authorUserId, string body, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        CallId = callId;
        Subject = subject;
        SubjectId = subjectId;
        ParentId = parentId;
        Kind = kind;
        AuthorUserId = authorUserId;
        Body = body.Trim();
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public DiscussionSubject Subject { get; private set; }

    public Guid SubjectId { get; private set; }

    /// <summary>The thread's root for a reply; null for a root.</summary>
    public Guid? ParentId { get; private set; }

    public CommentKind Kind { get; private set; }

    public string AuthorUserId { get; private set; }

    /// <summary>Markdown, rendered with raw HTML disabled; emptied when the author deletes the comment.</summary>
    public string Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? EditedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public DateTimeOffset? HiddenAt { get; private set; }

    public string? HiddenReason { get; private set; }

    public string? HiddenByUserId { get; private set; }

    /// <summary>On a question: the reply accepted as its answer.</summary>
    public Guid? AcceptedAnswerId { get; private set; }

    public bool IsRoot => ParentId is null;

    /// <summary>The id of the thread this comment belongs to (its own for a root).</summary>
    public Guid ThreadId => ParentId ?? Id;

    public CommentState State => DeletedAt is not null ? CommentState.Deleted : HiddenAt is not null ? CommentState.Hidden : CommentState.Visible;

    public bool IsRemoved => State != CommentState.Visible;

    /// <summary>Starts a thread; only a micro-challenge takes questions (they go to its resource person).</summary>
    public static Result<Comment> Start(Guid callId, DiscussionSubject subject, Guid subjectId, CommentKind kind, string authorUserId, string body, DateTimeOffset now)
    {
        if (kind == CommentKind.Reply)
        {
            return new DomainError(ErrorCodes.Validation, "A reply names the comment it answers.");
        }

        if (kind == CommentKind.Question && subject != DiscussionSubject.Challenge)
        {
            return new DomainError(ErrorCodes.NotAQuestion, "Questions are asked on micro-challenges, to their resource person.");
        }

        return new Comment(callId, subject, subjectId, null, kind, authorUserId, body, now);
    }

    /// <summary>
    /// A reply in the thread of <paramref name="root"/>, the root of whatever comment was answered (the caller finds it
    /// through <see cref="ThreadId"/>): threads stay one level deep. A deleted or hidden root takes no more replies.
    /// </summary>
    public static Result<Comment> Reply(Comment root, string authorUserId, string body, DateTimeOffset now)
    {
        if (!root.IsRoot)
        {
            throw new ArgumentException("Replies attach to the root of a thread.", nameof(root));
        }

        return root.IsRemoved
            ? new DomainError(ErrorCodes.CommentRemoved, "This thread's first message was removed: it takes no more replies.")
            : new Comment(root.CallId, root.Subject, root.SubjectId, root.Id, CommentKind.Reply, authorUserId, body, now);
    }

    /// <summary>Whether <paramref name="userId"/> may still change the words at <paramref name="now"/>.</summary>
    public bool IsEditableBy(string? userId, DateTimeOffset now) =>
        userId == AuthorUserId && !IsRemoved && now - CreatedAt <= EditWindow;

    public Result Edit(string? userId, string body, DateTimeOffset now)
    {
        if (userId != AuthorUserId)
        {
            return Result.Fail(ErrorCodes.Forbidden, "Only the author changes a comment.");
        }

        if (IsRemoved)
        {
            return Result.Fail(ErrorCodes.CommentRemoved, "This comment was removed.");
        }

        if (now - CreatedAt > EditWindow)
        {
            return Result.Fail(ErrorCodes.EditWindowClosed, $"A comment may be changed during the {EditWindow.TotalMinutes:0} minutes after it was posted.");
        }

        Body = body.Trim();
        EditedAt = now;
        return Result.Ok();
    }

    /// <summary>The author removes the words; "message deleted" stays in the thread. Deleting twice changes nothing.</summary>
    public Result Delete(string? userId, DateTimeOffset now)
    {
        if (userId != AuthorUserId)
        {
            return Result.Fail(ErrorCodes.Forbidden, "Only the author deletes a comment; facilitators hide it.");
        }

        if (DeletedAt is null)
        {
            DeletedAt = now;
            Body = string.Empty;
        }

        return Result.Ok();
    }

    /// <summary>A facilitator hides the comment, saying why; the words stay for the moderators. Hiding again changes nothing.</summary>
    public void Hide(string moderatorUserId, string reason, DateTimeOffset now)
    {
        if (HiddenAt is not null)
        {
            return;
        }

        HiddenAt = now;
        HiddenReason = reason.Trim();
        HiddenByUserId = moderatorUserId;
    }

    /// <summary>Who may accept an answer to a question: its asker, the challenge's resource person, a facilitator of the call.</summary>
    public static bool MayAccept(Comment question, string? userId, bool isFacilitator, string? resourcePersonUserId) =>
        isFacilitator || (userId is not null && (userId == question.AuthorUserId || userId == resourcePersonUserId));

    /// <summary>Marks <paramref name="answer"/>, a visible reply of this question, as its accepted answer (in place of any other).</summary>
    public Result Accept(Comment answer)
    {
        if (Kind != CommentKind.Question)
        {
            return Result.Fail(ErrorCodes.NotAQuestion, "Only the replies to a question can be accepted as its answer.");
        }

        if (answer.ParentId != Id)
        {
            throw new ArgumentException("The answer belongs to another thread.", nameof(answer));
        }

        if (answer.IsRemoved)
        {
            return Result.Fail(ErrorCodes.CommentRemoved, "This answer was removed.");
        }

        AcceptedAnswerId = answer.Id;
        return Result.Ok();
    }

    /// <summary>An accepted answer that is deleted or hidden is no longer the answer.</summary>
    public void Forget(Guid answerId)
    {
        if (AcceptedAnswerId == answerId)
        {
            AcceptedAnswerId = null;
        }
    }
}
