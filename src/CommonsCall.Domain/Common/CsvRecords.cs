using System.Text;

namespace CommonsCall.Domain.Common;

/// <summary>One record of a CSV text: its fields and the line where it starts (a quoted field may span lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, bool Unclosed)
{
    public bool IsBlank => Fields.All(f => f.Trim().Length == 0) && !Unclosed;
}

/// <summary>
/// RFC 4180 records with their line numbers, the separator (';' or ',' or tab) taken from the first line: the one
/// that occurs most often outside quotes there. A quote left open at the end of the text marks its record.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var separator = SeparatorOf(text);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var start = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '\n')
            {
                line++;
            }

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
            else if (ch == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                if (ch == '\r')
                {
                    line++;
                }

                fields.Add(field.ToString());
                field.Clear();
                yield return new CsvRecord(start, fields, false);
                fields = [];
                start = line;
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || fields.Count > 0 || quoted)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(start, fields, quoted);
        }
    }

    /// <summary>The separator of the first line, outside quotes; ';' when it has none (a single column).</summary>
    public static char SeparatorOf(string text)
    {
        var counts = new Dictionary<char, int> { [';'] = 0, [','] = 0, ['\t'] = 0 };
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (ch == '\n' || ch == '\r'))
            {
                break;
            }
            else if (!quoted && counts.ContainsKey(ch))
            {
                counts[ch]++;
            }
        }

        return counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key == ';' ? 0 : 1).First().Key;
    }
}
