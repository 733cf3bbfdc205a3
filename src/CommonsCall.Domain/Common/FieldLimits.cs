namespace CommonsCall.Domain.Common;

/// <summary>
/// How long what people type may be: the one home of these numbers, read by the forms (<c>maxlength</c>), the
/// validators and the EF configurations (through <c>Data.SchemaConstants</c>), so that none of them needs to know
/// the others, and the pages need not know the database.
/// </summary>
public static class FieldLimits
{
    public const int NameLength = 200;
    public const int TitleLength = 200;
    public const int SlugLength = 80;
    public const int ShortTextLength = 500;
    public const int LongTextLength = 20_000;
    public const int UrlLength = 500;
    public const int LicenceLength = 64;
    public const int SkillsLength = 1_000;
    public const int NoteLength = 2_000;
    public const int EmailLength = 256;

    /// <summary>A micro-challenge's question: one sentence, not a paragraph.</summary>
    public const int QuestionLength = 200;
    public const int UnitLength = 40;

    /// <summary>A cover image's text alternative: a sentence or two, as screen readers read it.</summary>
    public const int AltTextLength = 300;

    /// <summary>A comment, question or answer of a call's conversation: a few paragraphs, not an article.</summary>
    public const int CommentLength = 5_000;

    /// <summary>Why a facilitator hid a comment, or why someone reported it.</summary>
    public const int ModerationReasonLength = 500;

    /// <summary>An objection's reason: long enough to be a reason, not a one-word veto.</summary>
    public const int ObjectionReasonMinLength = 30;

    /// <summary>An objection's reason, or a facilitator's answer to it.</summary>
    public const int ObjectionTextLength = 2_000;

    /// <summary>Why a facilitator revoked a badge: published in its assertion and the revocation list.</summary>
    public const int RevocationReasonLength = 500;

    /// <summary>An attached file's name as stored and offered on download (the usual file-system limit).</summary>
    public const int FileNameLength = 255;

    /// <summary>An attached file (evidence, receipt): 10 MB, enough for a scanned invoice or a report, read into memory once.</summary>
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;
}
