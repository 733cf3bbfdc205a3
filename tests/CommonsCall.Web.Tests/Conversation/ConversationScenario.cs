using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Challenges;
using CommonsCall.Web.Features.Conversation;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Conversation;

/// <summary>A challenge scenario (a call in phase Challenges) with a published challenge whose resource person is the facilitator.</summary>
public sealed class ConversationScenario
{
    private ConversationScenario(ChallengeScenario call, Guid challenge)
    {
        Call = call;
        Challenge = challenge;
    }

    public ChallengeScenario Call { get; }

    public Guid Challenge { get; }

    public AppFactory App => Call.App;

    public Guid CallId => Call.Call.Id;

    public string Slug => Call.Slug;

    public CommentService Comments => App.Services.GetRequiredService<CommentService>();

    public ConversationQueries Queries => App.Services.GetRequiredService<ConversationQueries>();

    public AnnouncementService Announcements => App.Services.GetRequiredService<AnnouncementService>();

    public static async Task<ConversationScenario> CreateAsync(AppFactory app, CallVisibility visibility = CallVisibility.Public)
    {
        var call = await ChallengeScenario.CreateAsync(app, visibility);
        var challenge = await call.WriteAsync();
        (await call.Service.SetResourcePersonAsync(call.Facilitator, new SetResourcePerson(null, call.Facilitator.UserId) { CallId = call.Call.Id, ChallengeId = challenge })).Error.ShouldBeNull();
        return new ConversationScenario(call, challenge);
    }

    public PostComment On(Guid? challenge = null, string body = "Qui tient la liste des aires ?", CommentKind kind = CommentKind.Comment, Guid? replyTo = null) => new()
    {
        CallId = CallId, Subject = DiscussionSubject.Challenge, SubjectId = challenge ?? Challenge, Body = body, Kind = kind, ReplyTo = replyTo,
    };

    public async Task<Guid> PostAsync(Actor author, string body = "Qui tient la liste des aires ?", CommentKind kind = CommentKind.Comment, Guid? replyTo = null)
    {
        var posted = await Comments.PostAsync(author, On(body: body, kind: kind, replyTo: replyTo));
        posted.Error.ShouldBeNull();
        return posted.Value;
    }

    public async Task<DiscussionView> DiscussionAsync(Actor viewer) =>
        (await Queries.DiscussionAsync(viewer, Slug, DiscussionSubject.Challenge, Challenge)).ShouldNotBeNull();

    public async Task<Comment> ReloadAsync(Guid id)
    {
        await using var db = await new TestData(App).DbAsync();
        return await db.Comments.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    /// <summary>Every message, report and announcement of the call, as rows: what a refused operation must leave alone.</summary>
    public async Task<string> StateAsync()
    {
        await using var db = await new TestData(App).DbAsync();
        var comments = await db.Comments.AsNoTracking().Where(c => c.CallId == CallId).OrderBy(c => c.Id)
            .Select(c => $"{c.Id}|{c.Body}|{c.EditedAt}|{c.DeletedAt}|{c.HiddenAt}|{c.AcceptedAnswerId}").ToListAsync();
        var reports = await db.CommentReports.AsNoTracking().Where(r => db.Comments.Any(c => c.Id == r.CommentId && c.CallId == CallId))
            .Select(r => $"{r.Id}|{r.ResolvedAt}").ToListAsync();
        var announcements = await db.Announcements.CountAsync(a => a.CallId == CallId);
        return string.Join("\n", comments.Concat(reports).Append(announcements.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
