using System.Globalization;
using System.Text;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// Writing RFC 4180 CSV; reading uploaded files is <see cref="Domain.Common.CsvRecords"/>, the one reader. Writing
/// starts with a UTF-8 BOM and uses the delimiter the reader's spreadsheet expects: ';' where the decimal separator
/// is a comma (French), ',' elsewhere.
/// </summary>
public static class Csv
{
    public const char Separator = ';';

    public const string ContentType = "text/csv; charset=utf-8";

    public static char SeparatorFor(CultureInfo culture) => culture.NumberFormat.NumberDecimalSeparator == "," ? ';' : ',';

    /// <summary>The file's bytes: UTF-8 with a BOM, CRLF line ends (RFC 4180).</summary>
    public static byte[] Write(IEnumerable<IEnumerable<string>> rows, CultureInfo culture)
    {
        var separator = SeparatorFor(culture);
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(separator, row.Select(field => Escape(field, separator))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>An amount in major units of its currency, without grouping, as a spreadsheet of that culture reads a number.</summary>
    public static string Amount(long minorUnits, string currency, CultureInfo culture) =>
        Money.ToMajor(minorUnits, currency).ToString("F" + Money.Digits(currency).ToString(CultureInfo.InvariantCulture), culture);

    /// <summary>
    /// Text typed by people (titles, names): a leading = + - @ would make a spreadsheet run it as a formula
    /// (CSV injection), so such a value is written behind an apostrophe, as spreadsheets do for literal text.
    /// </summary>
    public static string Text(string? value) =>
        value is { Length: > 0 } && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value ?? string.Empty;

    /// <summary>ISO-like UTC date and time, read as a date by spreadsheets in any language.</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Escape(string value, char separator = Separator) =>
        value.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
