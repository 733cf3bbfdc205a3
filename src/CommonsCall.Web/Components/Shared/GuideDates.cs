using System.Globalization;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Components.Shared;

/// <summary>Dates as the guidance sentences say them: "21 décembre 2026" and "21 décembre 2026 à 17:00", in the viewer's culture.</summary>
public static class GuideDates
{
    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Moment(IStringLocalizer l, DateTimeOffset at)
    {
        var local = at.ToLocalTime();
        return l["guide.datetime", local.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), local.ToString("t", CultureInfo.CurrentCulture)];
    }
}
