using System.Globalization;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Tests.Infrastructure;

/// <summary>Counts read as sentences: "1 contributeur", "3 contributeurs", never "contributeur(s)".</summary>
public sealed class PluralTests
{
    private static readonly JsonStringLocalizerFactory Resources = new();

    [Theory]
    [InlineData("fr", 0, "0 contributeur")]
    [InlineData("fr", 1, "1 contributeur")]
    [InlineData("fr", 2, "2 contributeurs")]
    [InlineData("en", 0, "0 contributors")]
    [InlineData("en", 1, "1 contributor")]
    [InlineData("en", 12, "12 contributors")]
    public void A_count_takes_the_singular_or_the_plural_of_its_language(string language, long count, string text)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            new JsonStringLocalizer(Resources).Plural("funding.contributors", count).Value.ShouldBe(text);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void No_sentence_hedges_its_plural_and_every_plural_has_its_singular(string language)
    {
        var strings = Resources.Strings(language);
        strings.Where(s => s.Value.Contains("(s)", StringComparison.Ordinal) || s.Value.Contains("(e)", StringComparison.Ordinal))
            .Select(s => s.Key).ShouldBeEmpty();
        strings.Keys.Where(k => k.EndsWith(Plurals.Other, StringComparison.Ordinal))
            .Where(k => !strings.ContainsKey(k[..^Plurals.Other.Length] + Plurals.One)).ShouldBeEmpty();
    }
}
