using System.Text;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// Minimal RFC 4180 CSV: quoted fields, doubled quotes, and the delimiter of French spreadsheets (';') as well
/// as ',' or tab, detected from the first line. Writing uses ';' and a UTF-8 BOM so that French Excel opens
/// the file with the right columns and accents.
/// </summary>
public static class Csv
{
    public const char Separator = ';';

    public static IEnumerable<IReadOnlyList<string>> Read(string text)
    {
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = new[] { ';', '\t', ',' }.OrderByDescending(d => firstLine.Count(c => c == d)).First();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return fields;
                fields = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            yield return fields;
        }
    }

    public static string Escape(string value) =>
        value.IndexOfAny([Separator, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
