using CommonsCall.Domain.Common;
using CommonsCall.Domain.Conversation;

namespace CommonsCall.Domain.Tests;

/// <summary>The call's conversation: threads one level deep, the edit window, deletion and hiding, who accepts an answer.</summary>
public class CommentTests
{
    private const string Asker = "asker";
    private const string Answerer = "answerer";
    private const string ResourcePerson = "resource-person";
    private static readonly DateTimeOffset Now = TestClock.Start;

    private static Comment AQuestion() =>
        Comment.Start(Guid.NewGuid(), DiscussionSubject.Challenge, Guid.NewGuid(), CommentKind.Question, Asker, "Qui tient la liste des aires ?", Now).Value!;

    private static Comment AComment() =>
        Comment.Start(Guid.NewGuid(), DiscussionSubject.Commons, Guid.NewGuid(), CommentKind.Comment, Asker, "  Bonne idée.  ", Now).Value!;

    [Fact]
    public void A_thread_starts_with_a_comment_trimmed_and_dated() =>
        AComment().ShouldSatisfyAllConditions(c => c.Body.ShouldBe("Bonne idée."), c => c.IsRoot.ShouldBeTrue(), c => c.CreatedAt.ShouldBe(Now), c => c.ThreadId.ShouldBe(c.Id));

    [Fact]
    public void Questions_are_asked_on_micro_challenges_only() =>
        Comment.Start(Guid.NewGuid(), DiscussionSubject.Commons, Guid.NewGuid(), CommentKind.Question, Asker, "Pourquoi ?", Now).Error!.Code.ShouldBe(ErrorCodes.NotAQuestion);

    [Fact]
    public void A_thread_does_not_start_with_a_reply() =>
        Comment.Start(Guid.NewGuid(), DiscussionSubject.Challenge, Guid.NewGuid(), CommentKind.Reply, Asker, "Oui.", Now).Error!.Code.ShouldBe(ErrorCodes.Validation);

    [Fact]
    public void A_reply_joins_the_thread_of_its_root_on_the_same_subject()
    {
        var root = AQuestion();
        var reply = Comment.Reply(root, Answerer, "La métropole.", Now).Value!;

        (reply.ParentId, reply.ThreadId, reply.Kind, reply.Subject, reply.SubjectId, reply.CallId)
            .ShouldBe((root.Id, root.Id, CommentKind.Reply, root.Subject, root.SubjectId, root.CallId));
    }

    [Fact]
    public void A_reply_to_a_reply_stays_one_level_deep_because_replies_attach_to_the_thread_id()
    {
        var root = AQuestion();
        var first = Comment.Reply(root, Answerer, "La métropole.", Now).Value!;

        first.ThreadId.ShouldBe(root.Id);
        Should.Throw<ArgumentException>(() => Comment.Reply(first, Asker, "Merci !", Now));
    }

    [Fact]
    public void A_removed_root_takes_no_more_replies()
    {
        var root = AQuestion();
        root.Delete(Asker, Now).IsSuccess.ShouldBeTrue();

        Comment.Reply(root, Answerer, "Trop tard ?", Now).Error!.Code.ShouldBe(ErrorCodes.CommentRemoved);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(14, true)]
    [InlineData(15, true)]
    [InlineData(16, false)]
    [InlineData(60 * 24, false)]
    public void The_author_edits_within_the_edit_window(int minutesLater, bool accepted)
    {
        var comment = AComment();
        var at = Now.AddMinutes(minutesLater);

        var edit = comment.Edit(Asker, "Très bonne idée.", at);

        edit.IsSuccess.ShouldBe(accepted);
        comment.IsEditableBy(Asker, at).ShouldBe(accepted);
        if (accepted)
        {
            (comment.Body, comment.EditedAt).ShouldBe(("Très bonne idée.", at));
        }
        else
        {
            (edit.Error!.Code, comment.Body, comment.EditedAt).ShouldBe((ErrorCodes.EditWindowClosed, "Bonne idée.", null));
        }
    }

    [Fact]
    public void Only_the_author_edits()
    {
        var comment = AComment();

        comment.Edit(Answerer, "Pirate", Now).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        comment.IsEditableBy(Answerer, Now).ShouldBeFalse();
        comment.IsEditableBy(null, Now).ShouldBeFalse();
        comment.Body.ShouldBe("Bonne idée.");
    }

    [Fact]
    public void Deleting_leaves_a_trace_without_the_words_and_only_the_author_deletes()
    {
        var comment = AComment();

        comment.Delete(Answerer, Now).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        comment.Delete(Asker, Now.AddDays(3)).IsSuccess.ShouldBeTrue();

        (comment.State, comment.Body, comment.DeletedAt).ShouldBe((CommentState.Deleted, string.Empty, Now.AddDays(3)));
        comment.Edit(Asker, "Revenu", Now).Error!.Code.ShouldBe(ErrorCodes.CommentRemoved);
        comment.Delete(Asker, Now.AddDays(4)).IsSuccess.ShouldBeTrue();
        comment.DeletedAt.ShouldBe(Now.AddDays(3));
    }

    [Fact]
    public void Hiding_keeps_the_words_for_moderators_with_the_reason_and_happens_once()
    {
        var comment = AComment();

        comment.Hide("animation", "  Hors sujet ", Now);
        comment.Hide("autre", "Autre raison", Now.AddHours(1));

        (comment.State, comment.Body, comment.HiddenReason, comment.HiddenByUserId, comment.HiddenAt).ShouldBe((CommentState.Hidden, "Bonne idée.", "Hors sujet", "animation", Now));
        comment.IsEditableBy(Asker, Now).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Asker, false, true)]
    [InlineData(ResourcePerson, false, true)]
    [InlineData("facilitator", true, true)]
    [InlineData(Answerer, false, false)]
    [InlineData(null, false, false)]
    public void The_asker_the_resource_person_or_a_facilitator_accepts_an_answer(string? userId, bool isFacilitator, bool may) =>
        Comment.MayAccept(AQuestion(), userId, isFacilitator, ResourcePerson).ShouldBe(may);

    [Fact]
    public void Without_a_resource_person_account_nobody_accepts_as_resource_person() =>
        Comment.MayAccept(AQuestion(), Answerer, false, null).ShouldBeFalse();

    [Fact]
    public void One_answer_is_accepted_at_a_time_and_a_removed_answer_is_forgotten()
    {
        var question = AQuestion();
        var first = Comment.Reply(question, Answerer, "La métropole.", Now).Value!;
        var second = Comment.Reply(question, ResourcePerson, "Le département.", Now).Value!;

        question.Accept(first).IsSuccess.ShouldBeTrue();
        question.Accept(second).IsSuccess.ShouldBeTrue();
        question.AcceptedAnswerId.ShouldBe(second.Id);

        second.Hide("animation", "Erroné", Now);
        question.Forget(second.Id);
        question.AcceptedAnswerId.ShouldBeNull();
        question.Accept(second).Error!.Code.ShouldBe(ErrorCodes.CommentRemoved);
    }

    [Fact]
    public void Only_a_question_has_an_accepted_answer()
    {
        var comment = AComment();
        var reply = Comment.Reply(comment, Answerer, "D'accord.", Now).Value!;

        comment.Accept(reply).Error!.Code.ShouldBe(ErrorCodes.NotAQuestion);
        comment.AcceptedAnswerId.ShouldBeNull();
    }
}
