using System.Globalization;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Tests.Infrastructure;

/// <summary>Counts read as sentences: "1 contributeur", "3 contributeurs", never "contributeur(s)".</summary>
public sealed partial class PluralTests
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
    public void No_sentence_hedges_its_plural_and_every_counted_sentence_has_both_forms(string language)
    {
        var strings = Resources.Strings(language);
        strings.Where(s => s.Value.Contains("(s)", StringComparison.Ordinal) || s.Value.Contains("(e)", StringComparison.Ordinal))
            .Select(s => s.Key).ShouldBeEmpty();
        var counted = Directory.EnumerateFiles(Path.Combine(WebProject, "Components"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => PluralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        counted.ShouldContain("funding.contributors");
        counted.Where(k => !strings.ContainsKey(k + Plurals.One) || !strings.ContainsKey(k + Plurals.Other)).ShouldBeEmpty();
    }

    private static string WebProject => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "CommonsCall.Web"));

    [System.Text.RegularExpressions.GeneratedRegex("Plural\\(\"([a-zA-Z0-9_.]+)\"")]
    private static partial System.Text.RegularExpressions.Regex PluralKey();
}
