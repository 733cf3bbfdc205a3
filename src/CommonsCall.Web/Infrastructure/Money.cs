using System.Globalization;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// Amounts are integer minor units everywhere; this is the one place that turns them into text in the
/// viewer's culture (<c>12 345,67 €</c> in French) and parses what people type back into minor units.
/// </summary>
public static class Money
{
    private static readonly Dictionary<string, (string Symbol, int Digits)> Currencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EUR"] = ("€", 2),
        ["USD"] = ("$", 2),
        ["GBP"] = ("£", 2),
        ["CHF"] = ("CHF", 2),
        ["CAD"] = ("$ CA", 2),
        ["XOF"] = ("F CFA", 0),
        ["JPY"] = ("¥", 0),
    };

    public static int Digits(string currency) => Currencies.TryGetValue(currency, out var c) ? c.Digits : 2;

    public static string Format(long minorUnits, string currency, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var (symbol, digits) = Currencies.TryGetValue(currency, out var c) ? c : (currency, 2);
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = symbol;
        format.CurrencyDecimalDigits = digits;
        return ToMajor(minorUnits, currency).ToString("C", format);
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
    public static long? Parse(string text, string currency)
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
            ? FromMajor(value, currency)
            : null;
    }

    private static decimal Factor(string currency) => Digits(currency) == 0 ? 1m : (decimal)Math.Pow(10, Digits(currency));
}
