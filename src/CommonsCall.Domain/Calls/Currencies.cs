namespace CommonsCall.Domain.Calls;

/// <summary>
/// The ISO 4217 currencies a call may use, with the number of decimal digits of their minor unit (amounts
/// are stored in that minor unit). Add a currency here only.
/// </summary>
public static class Currencies
{
    public const string Default = "EUR";

    private static readonly Dictionary<string, int> MinorDigitsByCode = new(StringComparer.Ordinal)
    {
        ["EUR"] = 2,
        ["USD"] = 2,
        ["GBP"] = 2,
        ["CHF"] = 2,
        ["CAD"] = 2,
        ["XOF"] = 0,
        ["JPY"] = 0,
    };

    public static IReadOnlyList<string> Supported { get; } = [.. MinorDigitsByCode.Keys];

    public static bool IsSupported(string? code) => code is not null && MinorDigitsByCode.ContainsKey(code);

    /// <summary>Decimal digits of the currency's minor unit (2 for an unknown code).</summary>
    public static int MinorDigits(string code) => MinorDigitsByCode.TryGetValue(code.ToUpperInvariant(), out var digits) ? digits : 2;
}
