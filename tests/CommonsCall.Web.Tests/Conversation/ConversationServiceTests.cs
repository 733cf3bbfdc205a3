using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Conversation;
using CommonsCall.Web.Tests.Support;

namespace CommonsCall.Web.Tests.Conversation;

/// <summary>The call's conversation through its services, on PostgreSQL: threads, questions and answers, visibility, moderation.</summary>
public sealed class ConversationServiceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<ConversationScenario> ScenarioAsync(CallVisibility visibility = CallVisibility.Public) => ConversationScenario.CreateAsync(app, visibility);

    [Fact]
    public async Task A_member_asks_the_resource_person_and_the_accepted_answer_is_shown_first()
    {
        var s = await ScenarioAsync();
        var asker = s.Call.Author.User;
        var question = await s.PostAsync(asker, "Qui tient la liste des aires ?", CommentKind.Question);
        var guess = await s.PostAsync(s.Call.Other.User, "Peut-être la région ?", replyTo: question);
        var answer = await s.PostAsync(s.Call.Facilitator, "La métropole, depuis 2024.", replyTo: question);

        // Someone who is neither the asker, nor the resource person, nor a facilitator cannot settle the question.
        (await s.Comments.AcceptAsync(s.Call.Other.User, new AcceptAnswer(s.CallId, guess))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Comments.AcceptAsync(asker, new AcceptAnswer(s.CallId, answer))).Error.ShouldBeNull();

        var thread = (await s.DiscussionAsync(s.Call.Third.User)).Threads.ShouldHaveSingleItem();
        thread.Root.Kind.ShouldBe(CommentKind.Question);
        thread.IsAnswered.ShouldBeTrue();
        thread.Replies.Select(r => r.Id).ShouldBe([answer, guess]);
        thread.Replies[0].IsAccepted.ShouldBeTrue();
        (await s.DiscussionAsync(s.Call.Third.User)).Subject.ResourcePersonUserId.ShouldBe(s.Call.Facilitator.UserId);
    }

    [Fact]
    public async Task The_resource_person_accepts_an_answer_and_a_comment_cannot_be_accepted()
    {
        var s = await ScenarioAsync();
        var question = await s.PostAsync(s.Call.Author.User, "Qui finance ?", CommentKind.Question);
        var answer = await s.PostAsync(s.Call.Other.User, "La métropole.", replyTo: question);
        var comment = await s.PostAsync(s.Call.Author.User, "Bonne idée.");
        var reply = await s.PostAsync(s.Call.Other.User, "Merci !", replyTo: comment);

        (await s.Comments.AcceptAsync(s.Call.Facilitator, new AcceptAnswer(s.CallId, answer))).Error.ShouldBeNull();
        (await s.Comments.AcceptAsync(s.Call.Author.User, new AcceptAnswer(s.CallId, reply))).Error!.Code.ShouldBe(ErrorCodes.NotAQuestion);
        (await s.Comments.AcceptAsync(s.Call.Author.User, new AcceptAnswer(s.CallId, question))).Error!.Code.ShouldBe(ErrorCodes.NotAQuestion);
        (await s.ReloadAsync(question)).AcceptedAnswerId.ShouldBe(answer);
        (await s.ReloadAsync(comment)).AcceptedAnswerId.ShouldBeNull();
    }

    [Fact]
    public async Task A_reply_to_a_reply_joins_the_thread_of_its_root()
    {
        var s = await ScenarioAsync();
        var root = await s.PostAsync(s.Call.Author.User, "Faut-il un identifiant unique ?");
        var reply = await s.PostAsync(s.Call.Other.User, "Oui.", replyTo: root);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var replyToReply = await s.PostAsync(s.Call.Author.User, "Lequel ?", replyTo: reply);

        (await s.ReloadAsync(replyToReply)).ParentId.ShouldBe(root);
        var thread = (await s.DiscussionAsync(Actor.Anonymous)).Threads.ShouldHaveSingleItem();
        thread.Replies.Select(r => r.Id).ShouldBe([reply, replyToReply]);
    }

    [Fact]
    public async Task Questions_go_to_micro_challenges_only()
    {
        var s = await ScenarioAsync();
        var refused = await s.Comments.PostAsync(s.Call.Author.User, s.On() with { Subject = DiscussionSubject.Commons, SubjectId = s.Challenge, Kind = CommentKind.Question });

        // A challenge's id is no commons: not found, whatever the kind.
        refused.Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Comments.PostAsync(s.Call.Author.User, s.On(kind: CommentKind.Reply))).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await s.Comments.PostAsync(s.Call.Author.User, s.On(kind: (CommentKind)42))).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await s.DiscussionAsync(s.Call.Facilitator)).Threads.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_author_edits_within_fifteen_minutes_then_no_longer()
    {
        var s = await ScenarioAsync();
        var id = await s.PostAsync(s.Call.Author.User, "Premier jet");

        (await s.Comments.EditAsync(s.Call.Other.User, new EditComment("Pirate") { CallId = s.CallId, CommentId = id })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Comments.EditAsync(s.Call.Author.User, new EditComment("Version revue") { CallId = s.CallId, CommentId = id })).Error.ShouldBeNull();
        (await s.DiscussionAsync(s.Call.Author.User)).Threads.Single().Root.ShouldSatisfyAllConditions(
            c => c.Body.ShouldBe("Version revue"), c => c.EditedAt.ShouldNotBeNull(), c => c.You.CanEdit.ShouldBeTrue());

        app.Clock.Advance(Comment.EditWindow + TimeSpan.FromMinutes(1));
        var late = await s.Comments.EditAsync(s.Call.Author.User, new EditComment("Trop tard") { CallId = s.CallId, CommentId = id });

        late.Error!.Code.ShouldBe(ErrorCodes.EditWindowClosed);
        (await s.ReloadAsync(id)).Body.ShouldBe("Version revue");
        (await s.DiscussionAsync(s.Call.Author.User)).Threads.Single().Root.You.CanEdit.ShouldBeFalse();
    }

    [Fact]
    public async Task The_author_deletes_and_the_thread_keeps_a_trace_without_the_words()
    {
        var s = await ScenarioAsync();
        var question = await s.PostAsync(s.Call.Author.User, "Qui finance ?", CommentKind.Question);
        var answer = await s.PostAsync(s.Call.Other.User, "La métropole.", replyTo: question);
        (await s.Comments.AcceptAsync(s.Call.Author.User, new AcceptAnswer(s.CallId, answer))).Error.ShouldBeNull();

        (await s.Comments.DeleteAsync(s.Call.Author.User, new DeleteComment(s.CallId, answer))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Comments.DeleteAsync(s.Call.Other.User, new DeleteComment(s.CallId, answer))).Error.ShouldBeNull();

        var thread = (await s.DiscussionAsync(s.Call.Third.User)).Threads.Single();
        var deleted = thread.Replies.ShouldHaveSingleItem();
        (deleted.State, deleted.Body, deleted.IsAccepted).ShouldBe((CommentState.Deleted, null, false));
        thread.IsAnswered.ShouldBeFalse();
        (await s.ReloadAsync(answer)).Body.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_report_reaches_the_moderation_list_and_hiding_is_audited_with_its_reason()
    {
        var s = await ScenarioAsync();
        var rude = await s.PostAsync(s.Call.Other.User, "Propos déplacés");
        (await s.Comments.ReportAsync(s.Call.Author.User, new ReportComment("Insultant") { CallId = s.CallId, CommentId = rude })).Error.ShouldBeNull();
        (await s.Comments.ReportAsync(s.Call.Author.User, new ReportComment("Encore") { CallId = s.CallId, CommentId = rude })).Error.ShouldBeNull();
        (await s.Comments.ReportAsync(s.Call.Third.User, new ReportComment(null) { CallId = s.CallId, CommentId = rude })).Error.ShouldBeNull();

        (await s.Queries.ModerationAsync(s.Call.Author.User, s.Slug)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        var reported = (await s.Queries.ModerationAsync(s.Call.Facilitator, s.Slug)).Value!.Reported.ShouldHaveSingleItem();
        (reported.Id, reported.Reports, reported.Body).ShouldBe((rude, 2, "Propos déplacés"));
        reported.Reasons.ShouldBe(["Insultant"]);

        var before = await s.StateAsync();
        (await s.Comments.HideAsync(s.Call.Author.User, new HideComment("Non") { CallId = s.CallId, CommentId = rude })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Comments.HideAsync(s.Call.Facilitator, new HideComment("  ") { CallId = s.CallId, CommentId = rude })).Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await s.StateAsync()).ShouldBe(before);

        (await s.Comments.HideAsync(s.Call.Facilitator, new HideComment("Hors charte") { CallId = s.CallId, CommentId = rude })).Error.ShouldBeNull();

        var seenByMember = (await s.DiscussionAsync(s.Call.Author.User)).Threads.Single().Root;
        (seenByMember.State, seenByMember.Body, seenByMember.HiddenReason).ShouldBe((CommentState.Hidden, null, "Hors charte"));
        (await s.DiscussionAsync(s.Call.Facilitator)).Threads.Single().Root.Body.ShouldBe("Propos déplacés");
        (await s.Queries.ModerationAsync(s.Call.Facilitator, s.Slug)).Value!.Reported.ShouldBeEmpty();
        (await s.Call.AuditActionsAsync()).ShouldContain("comment.hidden");
    }

    [Fact]
    public async Task Dismissing_reports_leaves_the_message_and_is_audited()
    {
        var s = await ScenarioAsync();
        var id = await s.PostAsync(s.Call.Other.User, "Avis tranché mais correct");
        (await s.Comments.ReportAsync(s.Call.Author.User, new ReportComment("Pas d'accord") { CallId = s.CallId, CommentId = id })).Error.ShouldBeNull();

        (await s.Comments.DismissReportsAsync(s.Call.Other.User, new DismissReports(s.CallId, id))).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Comments.DismissReportsAsync(s.Call.Facilitator, new DismissReports(s.CallId, id))).Error.ShouldBeNull();

        (await s.Queries.ModerationAsync(s.Call.Facilitator, s.Slug)).Value!.Reported.ShouldBeEmpty();
        (await s.DiscussionAsync(s.Call.Third.User)).Threads.Single().Root.State.ShouldBe(CommentState.Visible);
        (await s.Call.AuditActionsAsync()).ShouldContain("comment.reports_dismissed");
    }

    [Fact]
    public async Task A_members_only_conversation_is_not_found_outside_and_another_calls_thread_is_out_of_reach()
    {
        var s = await ScenarioAsync(CallVisibility.MembersOnly);
        var elsewhere = await ScenarioAsync(CallVisibility.MembersOnly);
        var question = await s.PostAsync(s.Call.Author.User, "Question privée ?", CommentKind.Question);
        var theirs = await elsewhere.PostAsync(elsewhere.Call.Author.User, "Ailleurs");
        var before = await s.StateAsync();
        var beforeElsewhere = await elsewhere.StateAsync();

        foreach (var stranger in new[] { Actor.Anonymous, s.Call.Outsider, elsewhere.Call.Author.User })
        {
            (await s.Queries.DiscussionAsync(stranger, s.Slug, DiscussionSubject.Challenge, s.Challenge)).ShouldBeNull();
            (await s.Queries.AnnouncementsAsync(stranger, s.Slug)).ShouldBeNull();
            (await s.Comments.PostAsync(stranger, s.On())).Error!.Code.ShouldBe(ErrorCodes.NotFound);
            (await s.Comments.ReportAsync(stranger, new ReportComment(null) { CallId = s.CallId, CommentId = question })).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        }

        // Ids of another call's thread, sent in this call: not found, whoever asks.
        (await s.Comments.PostAsync(s.Call.Author.User, s.On(replyTo: theirs))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Comments.PostAsync(s.Call.Author.User, s.On(challenge: elsewhere.Challenge))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Comments.HideAsync(s.Call.Facilitator, new HideComment("Non") { CallId = s.CallId, CommentId = theirs })).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Comments.DeleteAsync(elsewhere.Call.Author.User, new DeleteComment(s.CallId, theirs))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Comments.EditAsync(elsewhere.Call.Author.User, new EditComment("Non") { CallId = s.CallId, CommentId = theirs })).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Queries.DiscussionAsync(s.Call.Author.User, s.Slug, DiscussionSubject.Challenge, elsewhere.Challenge)).ShouldBeNull();

        (await s.StateAsync()).ShouldBe(before);
        (await elsewhere.StateAsync()).ShouldBe(beforeElsewhere);
    }

    [Fact]
    public async Task A_public_call_is_read_by_anyone_but_only_those_involved_talk()
    {
        var s = await ScenarioAsync();
        await s.PostAsync(s.Call.Author.User, "Visible de tous");

        (await s.DiscussionAsync(Actor.Anonymous)).ShouldSatisfyAllConditions(d => d.Threads.Count.ShouldBe(1), d => d.You.CanPost.ShouldBeFalse());
        (await s.Comments.PostAsync(s.Call.Outsider, s.On())).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Comments.PostAsync(Actor.Anonymous, s.On())).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.DiscussionAsync(s.Call.Outsider)).Threads.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_draft_challenges_discussion_is_seen_only_by_those_who_see_the_draft()
    {
        var s = await ScenarioAsync();
        var draft = await s.Call.WriteAsync(publish: false, question: "Comment nommer les arrêts ?");

        (await s.Comments.PostAsync(s.Call.Author.User, s.On(challenge: draft))).Error.ShouldBeNull();

        (await s.Queries.DiscussionAsync(s.Call.Other.User, s.Slug, DiscussionSubject.Challenge, draft)).ShouldBeNull();
        (await s.Comments.PostAsync(s.Call.Other.User, s.On(challenge: draft))).Error!.Code.ShouldBe(ErrorCodes.NotFound);
        (await s.Queries.DiscussionAsync(s.Call.Facilitator, s.Slug, DiscussionSubject.Challenge, draft))!.Threads.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_over_long_or_empty_message_is_refused_and_nothing_is_stored()
    {
        var s = await ScenarioAsync();
        var before = await s.StateAsync();

        var overLong = await s.Comments.PostAsync(s.Call.Author.User, s.On(body: new string('x', FieldLimits.CommentLength + 1)));
        var empty = await s.Comments.PostAsync(s.Call.Author.User, s.On(body: "   "));

        overLong.Error!.Fields!.Keys.ShouldContain("Body");
        empty.Error!.Code.ShouldBe(ErrorCodes.Validation);
        (await s.StateAsync()).ShouldBe(before);
        (await s.Comments.PostAsync(s.Call.Author.User, s.On(body: new string('x', FieldLimits.CommentLength)))).Error.ShouldBeNull();
    }

    [Fact]
    public async Task Facilitators_publish_announcements_newest_first_and_others_are_refused()
    {
        var s = await ScenarioAsync();
        (await s.Announcements.PublishAsync(s.Call.Author.User, new PublishAnnouncement("Non", "Non") { CallId = s.CallId })).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.Announcements.PublishAsync(s.Call.Facilitator, new PublishAnnouncement("", "Corps") { CallId = s.CallId })).Error!.Code.ShouldBe(ErrorCodes.Validation);

        (await s.Announcements.PublishAsync(s.Call.Facilitator, new PublishAnnouncement("Atelier", "Jeudi **14 h**") { CallId = s.CallId })).Error.ShouldBeNull();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await s.Announcements.PublishAsync(s.Call.Administrator, new PublishAnnouncement("Report", "Vendredi") { CallId = s.CallId })).Error.ShouldBeNull();

        var view = (await s.Queries.AnnouncementsAsync(Actor.Anonymous, s.Slug))!;
        view.Announcements.Select(a => a.Title).ShouldBe(["Report", "Atelier"]);
        view.CanPublish.ShouldBeFalse();
        (await s.Queries.AnnouncementsAsync(s.Call.Facilitator, s.Slug))!.CanPublish.ShouldBeTrue();
        (await s.Call.AuditActionsAsync()).Count(a => a == "announcement.published").ShouldBe(2);
    }
}
