using System.Text.Json.Serialization;
using CommonsCall.Domain.Conversation;
using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Features.Conversation;

/// <summary>
/// A new message about <see cref="SubjectId"/>: a comment or (on a micro-challenge) a question that starts a thread, or,
/// with <see cref="ReplyTo"/>, a reply in the thread of that message (a reply to a reply joins its thread). The API takes
/// the call and the subject from the route, never from the body.
/// </summary>
public sealed record PostComment
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    [JsonIgnore]
    public DiscussionSubject Subject { get; init; }

    [JsonIgnore]
    public Guid SubjectId { get; init; }

    /// <summary>Markdown, rendered with raw HTML disabled.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>Comment (the default) or Question; a reply leaves it out.</summary>
    public CommentKind Kind { get; init; } = CommentKind.Comment;

    public Guid? ReplyTo { get; init; }
}

/// <summary>A change of one message of the call <see cref="CallId"/>.</summary>
public interface ICommentCommand
{
    Guid CallId { get; }

    Guid CommentId { get; }
}

/// <summary>The author's new words, within the edit window.</summary>
public sealed record EditComment(string Body) : ICommentCommand
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    [JsonIgnore]
    public Guid CommentId { get; init; }
}

public sealed record DeleteComment(Guid CallId, Guid CommentId) : ICommentCommand;

/// <summary>A facilitator hides a message, saying why (the reason is shown in its place).</summary>
public sealed record HideComment(string Reason) : ICommentCommand
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    [JsonIgnore]
    public Guid CommentId { get; init; }
}

/// <summary>Asks the facilitators to look at a message, optionally saying why.</summary>
public sealed record ReportComment(string? Reason) : ICommentCommand
{
    [JsonIgnore]
    public Guid CallId { get; init; }

    [JsonIgnore]
    public Guid CommentId { get; init; }
}

/// <summary>A facilitator closes a message's open reports without hiding it.</summary>
public sealed record DismissReports(Guid CallId, Guid CommentId) : ICommentCommand;

/// <summary>Marks the reply <see cref="CommentId"/> as the accepted answer of its question.</summary>
public sealed record AcceptAnswer(Guid CallId, Guid CommentId) : ICommentCommand;

/// <summary>A facilitator's announcement to everyone taking part in the call.</summary>
public sealed record PublishAnnouncement(string Title, string Body)
{
    [JsonIgnore]
    public Guid CallId { get; init; }
}

public sealed class PostCommentValidator : AbstractValidator<PostComment>
{
    public PostCommentValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Body).Cascade(CascadeMode.Stop)
            .Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage(_ => l["conversation.validation.body.required"])
            .Must(b => b.Trim().Length <= SchemaConstants.CommentLength).WithMessage(_ => l["conversation.validation.body.length", SchemaConstants.CommentLength]);
        RuleFor(x => x.Kind).Cascade(CascadeMode.Stop)
            .IsInEnum().WithMessage(_ => l["conversation.validation.kind"])
            .NotEqual(CommentKind.Reply).WithMessage(_ => l["conversation.validation.kind"])
            .Must((x, kind) => x.ReplyTo is null || kind == CommentKind.Comment).WithMessage(_ => l["conversation.validation.kind.reply"]);
    }
}

public sealed class EditCommentValidator : AbstractValidator<EditComment>
{
    public EditCommentValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Body).Cascade(CascadeMode.Stop)
            .Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage(_ => l["conversation.validation.body.required"])
            .Must(b => b.Trim().Length <= SchemaConstants.CommentLength).WithMessage(_ => l["conversation.validation.body.length", SchemaConstants.CommentLength]);
    }
}

public sealed class HideCommentValidator : AbstractValidator<HideComment>
{
    public HideCommentValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Reason).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => l["conversation.validation.reason.required"])
            .Must(r => r.Trim().Length <= SchemaConstants.ModerationReasonLength).WithMessage(_ => l["conversation.validation.reason.length", SchemaConstants.ModerationReasonLength]);
    }
}

public sealed class ReportCommentValidator : AbstractValidator<ReportComment>
{
    public ReportCommentValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Reason).Must(r => r is null || r.Trim().Length <= SchemaConstants.ModerationReasonLength)
            .WithMessage(_ => l["conversation.validation.reason.length", SchemaConstants.ModerationReasonLength]);
    }
}

public sealed class PublishAnnouncementValidator : AbstractValidator<PublishAnnouncement>
{
    public PublishAnnouncementValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Title).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => l["announcement.validation.title.required"])
            .Must(t => t.Trim().Length <= SchemaConstants.TitleLength).WithMessage(_ => l["conversation.validation.body.length", SchemaConstants.TitleLength]);
        RuleFor(x => x.Body).Cascade(CascadeMode.Stop)
            .Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage(_ => l["conversation.validation.body.required"])
            .Must(b => b.Trim().Length <= SchemaConstants.LongTextLength).WithMessage(_ => l["conversation.validation.body.length", SchemaConstants.LongTextLength]);
    }
}

/// <summary>The conversation's limits, from configuration section <c>Conversation</c>.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversation";

    /// <summary>How many messages one person may post in each <see cref="RateWindow"/>, across every call.</summary>
    public int CommentsPerWindow { get; set; } = 5;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);
}
