namespace CommonsCall.Domain.Budgeting;

/// <summary>
/// The largest amount (in minor units) any single pledge, grant, own funds, contribution or budget line may
/// carry: 10^14, a thousand billion euros. Sums of such amounts stay far inside a <see cref="long"/>, so
/// balances, totals and share caps can never overflow.
/// </summary>
public static class Amounts
{
    public const long Maximum = 100_000_000_000_000;

    public static bool IsValid(long amount) => amount is >= 0 and <= Maximum;
}
