using System.Globalization;
using System.Text;

namespace CommonsCall.Domain.Onboarding;

/// <summary>
/// How an imported name is matched with an existing organisation: case, accents, spacing and the typographic
/// apostrophe do not count, so "Covoit’Ouest " in a spreadsheet is the organisation "Covoit'Ouest".
/// </summary>
public static class OrganisationNames
{
    public static string Normalise(string name)
    {
        var decomposed = name.Replace('’', '\'').Replace('‘', '\'').Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                text.Append(char.ToLowerInvariant(ch));
            }
        }

        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
