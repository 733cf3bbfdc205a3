using System.Globalization;
using CommonsCall.Web.Infrastructure;

namespace CommonsCall.Web.Tests.Infrastructure;

/// <summary>A formatted amount never breaks across lines: "€" never wraps onto a line of its own.</summary>
public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData(123_456_700, "EUR", "fr-FR", "1\u202F234\u202F567,00\u00A0€")]
    [InlineData(50_000, "EUR", "fr-FR", "500,00\u00A0€")]
    [InlineData(123_456, "EUR", "en-GB", "€1,234.56")]
    [InlineData(123_456, "XOF", "fr-FR", "123\u202F456\u00A0F\u00A0CFA")]
    [InlineData(123_456, "CAD", "fr-FR", "1\u202F234,56\u00A0$\u00A0CA")]
    public void An_amount_is_written_with_no_break_spaces_only(long minorUnits, string currency, string culture, string text) =>
        Money.Format(minorUnits, currency, new CultureInfo(culture)).ShouldBe(text);

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en-GB")]
    [InlineData("de-CH")]
    public void No_formatted_amount_holds_a_breaking_space(string culture) =>
        Money.Format(-987_654_321, "CHF", new CultureInfo(culture)).ShouldNotContain(' ');

    [Fact]
    public void A_formatted_amount_reads_back_as_the_same_amount() =>
        Money.ParseTyped(Money.Format(123_456, "EUR", new CultureInfo("fr-FR")), "EUR").Value.ShouldBe(123_456);
}
