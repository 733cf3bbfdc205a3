using CommonsCall.Domain.Common;
using CommonsCall.Web.Infrastructure;

namespace CommonsCall.Web.Tests.Infrastructure;

/// <summary>What a form makes of a typed amount: exactly what was typed, in minor units, or a refusal; never a clamped or rounded value.</summary>
public sealed class TypedAmountTests
{
    [Theory]
    [InlineData("150", 15_000)]
    [InlineData("150,5", 15_050)]
    [InlineData("150.50", 15_050)]
    [InlineData("1 234,56", 123_456)]
    [InlineData("1\u202F234,56 €", 123_456)]
    [InlineData("0", 0)]
    public void A_readable_amount_is_taken_as_typed(string typed, long minorUnits) =>
        Money.ParseTyped(typed, "EUR").Value.ShouldBe(minorUnits);

    [Theory]
    [InlineData("-50", Money.NegativeAmount)]
    [InlineData("-0,01", Money.NegativeAmount)]
    [InlineData("12,345", Money.TooPreciseAmount)]
    [InlineData("1.234", Money.TooPreciseAmount)]
    [InlineData("cent", ErrorCodes.InvalidAmount)]
    [InlineData("", ErrorCodes.InvalidAmount)]
    [InlineData(null, ErrorCodes.InvalidAmount)]
    [InlineData("1e3", ErrorCodes.InvalidAmount)]
    [InlineData("2000000000000", ErrorCodes.InvalidAmount)]
    public void An_amount_that_cannot_be_taken_exactly_is_refused(string? typed, string code) =>
        Money.ParseTyped(typed, "EUR").Error!.Code.ShouldBe(code);

    [Theory]
    [InlineData(15_000, "150")]
    [InlineData(15_050, "150,50")]
    [InlineData(0, "0")]
    public void A_saved_amount_is_shown_as_a_person_would_type_it(long minorUnits, string text) =>
        Money.ForInput(minorUnits, "EUR", new System.Globalization.CultureInfo("fr-FR")).ShouldBe(text);
}
