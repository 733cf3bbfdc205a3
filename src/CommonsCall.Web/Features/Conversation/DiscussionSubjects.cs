using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Challenges;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Conversation;

/// <summary>What a discussion is about, as its readers see it; questions go to <see cref="ResourcePersonUserId"/>.</summary>
public sealed record SubjectRef(DiscussionSubject Kind, Guid Id, string Title, string? ResourcePersonName, string? ResourcePersonUserId);

/// <summary>
/// A discussion follows its subject's visibility: a draft micro-challenge's thread is seen by those who see the draft,
/// and a subject of another call is not found.
/// </summary>
public static class DiscussionSubjects
{
    public static async Task<SubjectRef?> FindAsync(AppDbContext db, CallAccess access, Guid callId, DiscussionSubject kind, Guid id, CancellationToken ct)
    {
        if (kind == DiscussionSubject.Challenge)
        {
            var challenge = await db.Challenges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.CallId == callId, ct);
            return challenge is not null && ChallengeQueries.MaySee(access, challenge)
                ? new SubjectRef(kind, id, challenge.Question, challenge.ResourcePersonName, challenge.ResourcePersonUserId)
                : null;
        }

        var title = await db.Commons.AsNoTracking().Where(c => c.Id == id && c.CallId == callId).Select(c => c.Title).SingleOrDefaultAsync(ct);
        return title is null ? null : new SubjectRef(kind, id, title, null, null);
    }

    /// <summary>Who may post, ask and reply: whoever is involved in the call (facilitators, members, funders, invited organisations).</summary>
    public static bool MayTalk(CallAccess access) => access.Actor.IsAuthenticated && access.IsInvolved;

    /// <summary>Who may report a message: anyone signed in who reads it.</summary>
    public static bool MayReport(CallAccess access) => access.Actor.IsAuthenticated;
}
