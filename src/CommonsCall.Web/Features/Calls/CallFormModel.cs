using System.Globalization;
using System.Text;

namespace CommonsCall.Web.Features.Calls;

/// <summary>What the call form edits, turned into <see cref="CreateCall"/> or <see cref="EditCall"/> on submit.</summary>
public sealed class CallFormModel
{
    public string Title { get; set; } = string.Empty;

    public string Slug { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    public string Ecosystem { get; set; } = string.Empty;

    public string Currency { get; set; } = Currencies.Default;

    public CallVisibility Visibility { get; set; } = CallVisibility.Public;

    public Dictionary<CallPhase, DateOnly?> PlannedDates { get; } = PhaseSchedule.PlannedPhases.ToDictionary(p => p, _ => (DateOnly?)null);

    public static CallFormModel From(Call call)
    {
        var model = new CallFormModel
        {
            Title = call.Title,
            Slug = call.Slug,
            Summary = call.Summary,
            Ecosystem = call.Ecosystem,
            Currency = call.Currency,
            Visibility = call.Visibility,
        };
        foreach (var (phase, date) in call.PlannedDates.Dates())
        {
            model.PlannedDates[phase] = date;
        }

        return model;
    }

    public CreateCall ToCreate() => new(Title, Slug, Summary, Ecosystem, Currency, Visibility, Dates());

    public EditCall ToEdit() => new(Title, Summary, Ecosystem, Currency, Visibility, Dates());

    /// <summary>A slug suggested by a title: "Communs de la mobilité" gives "communs-de-la-mobilite".</summary>
    public static string SlugFrom(string title)
    {
        var builder = new StringBuilder();
        foreach (var ch in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(ch))
            {
                builder.Append(char.ToLowerInvariant(ch));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length <= Data.SchemaConstants.SlugLength ? slug : slug[..Data.SchemaConstants.SlugLength].TrimEnd('-');
    }

    private List<PlannedDate> Dates() =>
        [.. PlannedDates.Where(d => d.Value is not null).OrderBy(d => d.Key).Select(d => new PlannedDate(d.Key, d.Value!.Value))];
}
