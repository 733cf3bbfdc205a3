using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// Sentences that hold a count, in real singular and plural forms ("1 contributeur", "3 contributeurs") rather than
/// "contributeur(s)": the resources hold <c>key.one</c> and <c>key.other</c>, and the count picks one by the language's
/// rule (CLDR: French says "0 contributeur", English says "0 contributors").
/// </summary>
public static class Plurals
{
    public const string One = ".one";

    public const string Other = ".other";

    /// <summary>The form of <paramref name="key"/> for <paramref name="count"/>, formatted with the count as {0} and the other arguments after it.</summary>
    public static LocalizedString Plural(this IStringLocalizer localizer, string key, long count, params object[] more) =>
        localizer[key + Form(count, CultureInfo.CurrentUICulture), [count, .. more]];

    /// <summary>".one" or ".other": French takes the singular for 0 and 1, English for 1 only.</summary>
    public static string Form(long count, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "fr" ? (count is 0 or 1 ? One : Other) : (count == 1 ? One : Other);
}
