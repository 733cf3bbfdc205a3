using System.Globalization;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// Amounts are integer minor units everywhere; this is the one place that turns them into text in the
/// viewer's culture (<c>12 345,67 €</c> in French) and parses what people type back into minor units.
/// </summary>
public static class Money
{
    /// <summary>Refusal codes of <see cref="ParseTyped"/>: what a form says before anything reaches a service (the API takes integers).</summary>
    public const string NegativeAmount = "amount_negative";

    public const string TooPreciseAmount = "amount_too_precise";

    // How each supported currency is written; which currencies exist and their minor units are the domain's.
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EUR"] = "€",
        ["USD"] = "$",
        ["GBP"] = "£",
        ["CHF"] = "CHF",
        ["CAD"] = "$ CA",
        ["XOF"] = "F CFA",
        ["JPY"] = "¥",
    };

    public static int Digits(string currency) => Currencies.MinorDigits(currency);

    /// <summary>
    /// An amount as text that never breaks across lines: every space in it (between thousands, before the symbol, inside
    /// "F CFA") is a no-break space, so "€" never wraps onto a line of its own.
    /// </summary>
    public static string Format(long minorUnits, string currency, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var symbol = Symbols.TryGetValue(currency, out var known) ? known : currency;
        var digits = Digits(currency);
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencyDecimalDigits = digits;
        format.CurrencyGroupSeparator = NoBreak(format.CurrencyGroupSeparator);
        format.CurrencySymbol = NoBreak(symbol);
        return NoBreak(ToMajor(minorUnits, currency).ToString("C", format));
    }

    // ICU's patterns put a plain space between the number and the symbol in French; U+202F (fr-FR's group separator) already holds.
    private static string NoBreak(string text) => text.Replace(' ', '\u00A0');

    /// <summary>An amount as a person types it in a field of the viewer's culture: "150" or "150,50", with no symbol and no group separator.</summary>
    public static string ForInput(long minorUnits, string currency, CultureInfo? culture = null)
    {
        var major = ToMajor(minorUnits, currency);
        var format = major == decimal.Truncate(major) ? "0" : "0." + new string('0', Digits(currency));
        return major.ToString(format, culture ?? CultureInfo.CurrentCulture);
    }

    public static decimal ToMajor(long minorUnits, string currency) => minorUnits / Factor(currency);

    /// <summary>Major units typed by a person to minor units; null when it has more decimals than the currency allows or overflows.</summary>
    public static long? FromMajor(decimal major, string currency)
    {
        var minor = major * Factor(currency);
        if (minor != decimal.Truncate(minor) || minor > long.MaxValue || minor < long.MinValue)
        {
            return null;
        }

        return (long)minor;
    }

    /// <summary>Parses "1 234,56", "1234.56" or "1,234.56" (CSV files from French or English spreadsheets).</summary>
    public static long? Parse(string text, string currency) => ParseMajor(text) is { } major ? FromMajor(major, currency) : null;

    /// <summary>
    /// An amount a person typed in a form, in minor units, or why it is refused, to show next to the field: exactly
    /// what was typed or nothing, never an amount the person did not type (no clamping of "-50" to 0, no rounding).
    /// </summary>
    public static Result<long> ParseTyped(string? text, string currency)
    {
        if (ParseMajor(text ?? string.Empty) is not { } major)
        {
            return new DomainError(ErrorCodes.InvalidAmount, "Type a number, e.g. 150 or 150.50.");
        }

        if (major < 0)
        {
            return new DomainError(NegativeAmount, "An amount cannot be negative.");
        }

        if (major > Amounts.Maximum / Factor(currency))
        {
            return new DomainError(ErrorCodes.InvalidAmount, "This amount is too large.");
        }

        return FromMajor(major, currency) is { } minor
            ? minor
            : new DomainError(TooPreciseAmount, $"{currency} amounts have at most {Digits(currency)} decimals.");
    }

    private static decimal? ParseMajor(string text)
    {
        var cleaned = new string(text.Where(ch => !char.IsWhiteSpace(ch) && ch != '\u202F' && ch != '€' && ch != '$' && ch != '£').ToArray());
        if (cleaned.Length == 0)
        {
            return null;
        }

        var lastComma = cleaned.LastIndexOf(',');
        var lastDot = cleaned.LastIndexOf('.');
        var decimalSeparator = lastComma > lastDot ? ',' : '.';
        var thousands = decimalSeparator == ',' ? "." : ",";
        var normalised = cleaned.Replace(thousands, string.Empty, StringComparison.Ordinal).Replace(decimalSeparator, '.');
        return decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    private static decimal Factor(string currency) => Digits(currency) == 0 ? 1m : (decimal)Math.Pow(10, Digits(currency));
}
