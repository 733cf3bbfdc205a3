using CommonsCall.Domain.Common;

namespace CommonsCall.Web.Data;

/// <summary>
/// Column lengths for the EF configurations. What people type is limited by <see cref="FieldLimits"/> (pages and
/// validators read it there); the columns take those numbers, and only the lengths nobody types are written here.
/// </summary>
public static class SchemaConstants
{
    public const int NameLength = FieldLimits.NameLength;
    public const int TitleLength = FieldLimits.TitleLength;
    public const int SlugLength = FieldLimits.SlugLength;
    public const int ShortTextLength = FieldLimits.ShortTextLength;
    public const int LongTextLength = FieldLimits.LongTextLength;
    public const int UrlLength = FieldLimits.UrlLength;
    public const int AltTextLength = FieldLimits.AltTextLength;
    public const int LicenceLength = FieldLimits.LicenceLength;
    public const int SkillsLength = FieldLimits.SkillsLength;
    public const int NoteLength = FieldLimits.NoteLength;
    public const int EmailLength = FieldLimits.EmailLength;
    public const int QuestionLength = FieldLimits.QuestionLength;
    public const int UnitLength = FieldLimits.UnitLength;
    public const int CommentLength = FieldLimits.CommentLength;
    public const int ModerationReasonLength = FieldLimits.ModerationReasonLength;
    public const int ObjectionTextLength = FieldLimits.ObjectionTextLength;
    public const int FileNameLength = FieldLimits.FileNameLength;
    public const int RevocationReasonLength = FieldLimits.RevocationReasonLength;

    public const int CurrencyLength = 3;
    public const int CodeLength = 64;
    public const int UserIdLength = 450;
    public const int TokenHashLength = 64;
    public const int LanguageLength = 8;

    /// <summary>A badge recipient's key: <c>organisation:</c> and a guid, or <c>person:</c> and a user id.</summary>
    public const int RecipientKeyLength = 470;
}
