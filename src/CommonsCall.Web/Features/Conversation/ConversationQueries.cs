using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Conversation;

/// <summary>What the viewer may do with one message now.</summary>
public sealed record CommentRights(bool CanEdit, bool CanDelete, bool CanHide, bool CanReport, bool CanAccept);

/// <summary>
/// One message as the viewer sees it. <see cref="Body"/> is null when it was deleted, and when it was hidden for
/// everyone but the call's moderators (who still read it, to judge); <see cref="OpenReports"/> is counted for moderators only.
/// </summary>
public sealed record CommentView(
    Guid Id,
    Guid? ParentId,
    CommentKind Kind,
    string AuthorName,
    string? Body,
    CommentState State,
    string? HiddenReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool IsAccepted,
    int OpenReports,
    CommentRights You);

/// <summary>A thread: its first message and its replies, the accepted answer first, then in the order they came.</summary>
public sealed record ThreadView(CommentView Root, IReadOnlyList<CommentView> Replies)
{
    public bool IsAnswered => Replies.Any(r => r.IsAccepted);
}

public sealed record DiscussionRights(bool CanPost, bool CanAsk, bool CanModerate);

public sealed record DiscussionView(Guid CallId, string CallSlug, SubjectRef Subject, IReadOnlyList<ThreadView> Threads, DiscussionRights You);

/// <summary>A reported message waiting for a facilitator, with what the reports said.</summary>
public sealed record ReportedComment(
    Guid Id, SubjectRef Subject, string AuthorName, string? Body, CommentState State, DateTimeOffset CreatedAt, int Reports, IReadOnlyList<string> Reasons, DateTimeOffset LastReportedAt);

public sealed record ModerationView(Guid CallId, string CallSlug, string CallTitle, IReadOnlyList<ReportedComment> Reported);

public sealed record AnnouncementView(Guid Id, string Title, string Body, string AuthorName, DateTimeOffset PublishedAt);

public sealed record AnnouncementsView(Guid CallId, IReadOnlyList<AnnouncementView> Announcements, bool CanPublish);

/// <summary>Reading a call's conversation, within what the viewer may see (the call's visibility, then the subject's).</summary>
public sealed class ConversationQueries(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>The discussion about a micro-challenge or a commons; null when the viewer may not see the call or the subject.</summary>
    public async Task<DiscussionView?> DiscussionAsync(Actor actor, string slug, DiscussionSubject kind, Guid subjectId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access)
            || await DiscussionSubjects.FindAsync(db, access, call.Id, kind, subjectId, ct) is not { } subject)
        {
            return null;
        }

        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.SubjectId == subjectId && c.Subject == kind && c.CallId == call.Id)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync(ct);
        var ids = comments.Select(c => c.Id).ToList();
        var reports = access.IsFacilitator
            ? await db.CommentReports.AsNoTracking().Where(r => ids.Contains(r.CommentId) && r.ResolvedAt == null)
                .GroupBy(r => r.CommentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct)
            : [];
        var names = await NamesAsync(db, comments.Select(c => c.AuthorUserId), ct);
        var now = clock.GetUtcNow();
        var mayTalk = DiscussionSubjects.MayTalk(access);

        CommentView View(Comment c, Comment root) => new(
            c.Id,
            c.ParentId,
            c.Kind,
            names.GetValueOrDefault(c.AuthorUserId, "?"),
            c.State == CommentState.Visible || (c.State == CommentState.Hidden && access.IsFacilitator) ? c.Body : null,
            c.State,
            c.HiddenReason,
            c.CreatedAt,
            c.EditedAt,
            root.AcceptedAnswerId == c.Id,
            reports.GetValueOrDefault(c.Id),
            new CommentRights(
                c.IsEditableBy(actor.UserId, now),
                c.AuthorUserId == actor.UserId && c.State != CommentState.Deleted,
                access.IsFacilitator && c.State == CommentState.Visible,
                DiscussionSubjects.MayReport(access) && c.State == CommentState.Visible && c.AuthorUserId != actor.UserId,
                !c.IsRoot && root.Kind == CommentKind.Question && c.State == CommentState.Visible && root.AcceptedAnswerId != c.Id
                    && Comment.MayAccept(root, actor.UserId, access.IsFacilitator, subject.ResourcePersonUserId)));

        var replies = comments.Where(c => !c.IsRoot).ToLookup(c => c.ParentId!.Value);
        var threads = comments.Where(c => c.IsRoot)
            .Select(root => new ThreadView(
                View(root, root),
                [.. replies[root.Id].OrderByDescending(r => r.Id == root.AcceptedAnswerId).Select(r => View(r, root))]))
            .ToList();
        return new DiscussionView(call.Id, call.Slug, subject, threads,
            new DiscussionRights(mayTalk, mayTalk && kind == DiscussionSubject.Challenge, access.IsFacilitator));
    }

    /// <summary>The reported messages of a call, for its facilitators; refused to others (not found when they may not see the call).</summary>
    public async Task<Result<ModerationView>> ModerationAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access))
        {
            return new DomainError(ErrorCodes.NotFound, "No call with this slug is visible to you.");
        }

        if (!access.IsFacilitator)
        {
            return new DomainError(ErrorCodes.Forbidden, "Only the call's facilitators moderate its conversation.");
        }

        var open = await db.CommentReports.AsNoTracking()
            .Where(r => r.ResolvedAt == null && db.Comments.Any(c => c.Id == r.CommentId && c.CallId == call.Id))
            .ToListAsync(ct);
        var commentIds = open.Select(r => r.CommentId).Distinct().ToList();
        var comments = await db.Comments.AsNoTracking().Where(c => commentIds.Contains(c.Id)).ToListAsync(ct);
        var names = await NamesAsync(db, comments.Select(c => c.AuthorUserId), ct);
        var reported = new List<ReportedComment>();
        foreach (var c in comments)
        {
            var subject = await DiscussionSubjects.FindAsync(db, access, call.Id, c.Subject, c.SubjectId, ct);
            var mine = open.Where(r => r.CommentId == c.Id).ToList();
            reported.Add(new ReportedComment(
                c.Id, subject!, names.GetValueOrDefault(c.AuthorUserId, "?"), c.State == CommentState.Deleted ? null : c.Body, c.State, c.CreatedAt,
                mine.Count, [.. mine.Select(r => r.Reason).OfType<string>()], mine.Max(r => r.At)));
        }

        return new ModerationView(call.Id, call.Slug, call.Title, [.. reported.OrderByDescending(r => r.Reports).ThenBy(r => r.LastReportedAt)]);
    }

    /// <summary>The call's announcements, newest first; null when the viewer may not see the call.</summary>
    public async Task<AnnouncementsView?> AnnouncementsAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CallAccess.ReadableAsync(db, slug, actor, ct) is not var (call, access))
        {
            return null;
        }

        var announcements = await db.Announcements.AsNoTracking().Where(a => a.CallId == call.Id)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).ToListAsync(ct);
        var names = await NamesAsync(db, announcements.Select(a => a.AuthorUserId), ct);
        return new AnnouncementsView(
            call.Id,
            [.. announcements.Select(a => new AnnouncementView(a.Id, a.Title, a.Body, names.GetValueOrDefault(a.AuthorUserId, "?"), a.PublishedAt))],
            access.IsFacilitator);
    }

    private static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, IEnumerable<string> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
