namespace CommonsCall.Domain.Calls;

/// <summary>The ISO 4217 currencies a call may use (the ones the app knows how to display).</summary>
public static class Currencies
{
    public const string Default = "EUR";

    public static IReadOnlyList<string> Supported { get; } = ["EUR", "USD", "GBP", "CHF", "CAD", "XOF", "JPY"];

    public static bool IsSupported(string? code) => code is not null && Supported.Contains(code, StringComparer.Ordinal);
}
