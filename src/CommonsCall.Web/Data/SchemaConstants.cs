namespace CommonsCall.Web.Data;

/// <summary>Column lengths, shared by the EF configurations and the validators so that a limit is written once.</summary>
public static class SchemaConstants
{
    public const int NameLength = 200;
    public const int TitleLength = 200;
    public const int SlugLength = 80;
    public const int ShortTextLength = 500;
    public const int LongTextLength = 20_000;
    public const int UrlLength = 500;
    public const int CurrencyLength = 3;
    public const int LicenceLength = 64;
    public const int SkillsLength = 1_000;
    public const int NoteLength = 2_000;
    public const int CodeLength = 64;
    public const int UserIdLength = 450;
    public const int EmailLength = 256;
    public const int TokenHashLength = 64;
    public const int LanguageLength = 8;

    /// <summary>A micro-challenge's question: one sentence, not a paragraph.</summary>
    public const int QuestionLength = 200;
    public const int UnitLength = 40;
}
