using System.Globalization;
using CommonsCall.Domain.Calendars;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Infrastructure;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace CommonsCall.Web.Features.Calendars;

/// <summary>
/// Writes calendar entries as an RFC 5545 feed (Ical.Net) in one language: all-day entries as dates (phases, meetings,
/// milestones: they have a day, not an hour, so no time zone can move them), moments in UTC (the funding window), each
/// with its stable UID, a DTSTAMP from the app's clock and a link to the call.
/// </summary>
public sealed class CalendarWriter(JsonStringLocalizerFactory strings, PublicLinks links, TimeProvider clock)
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public string Write(string name, IEnumerable<CalendarEntry> entries, string language)
    {
        language = MailComposer.Language(language);
        var calendar = new IcalCalendar { ProductId = "-//CommonsCall//Calendar//" + language.ToUpperInvariant() };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", "UTC");
        var stamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC");
        foreach (var entry in entries)
        {
            var url = links.Absolute($"/calls/{Uri.EscapeDataString(entry.CallSlug)}");
            var item = new CalendarEvent
            {
                Uid = entry.Uid,
                DtStamp = stamp,
                Summary = Summary(entry, language),
                Description = string.Join("\n\n", new[] { entry.Note, url }.Where(s => !string.IsNullOrWhiteSpace(s))),
                Url = new Uri(url),
                Transparency = "TRANSPARENT",
            };
            if (entry.Day is { } day)
            {
                item.DtStart = new CalDateTime(day);
                item.DtEnd = new CalDateTime(day.AddDays(1));
            }
            else
            {
                // No DTEND: a VEVENT with a date-time start and neither DTEND nor DURATION is a moment (RFC 5545 3.6.1).
                item.DtStart = new CalDateTime(entry.At!.Value.UtcDateTime, "UTC");
            }

            calendar.Events.Add(item);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>The feed's name: the call's title, or the person's feed of all their calls.</summary>
    public string PersonalName(string language) => Text(language, "calendar.personal.name");

    private string Summary(CalendarEntry entry, string language) => entry.Kind switch
    {
        CalendarEntryKind.PhaseStart => Text(language, "calendar.entry.phase", Text(language, $"phase.{entry.Phase}"), entry.CallTitle),
        CalendarEntryKind.FundingOpens => Text(language, "calendar.entry.funding_opens", entry.CallTitle),
        CalendarEntryKind.FundingCloses => Text(language, "calendar.entry.funding_closes", entry.CallTitle),
        CalendarEntryKind.Meeting => Text(language, "calendar.entry.meeting", entry.CommonsTitle ?? string.Empty, entry.CallTitle),
        _ => Text(language, "calendar.entry.milestone", entry.Subject ?? string.Empty, entry.CommonsTitle ?? string.Empty, entry.CallTitle),
    };

    private string Text(string language, string key, params object[] arguments)
    {
        var template = strings.Strings(language).TryGetValue(key, out var value) ? value : key;
        return arguments.Length == 0 ? template : string.Format(CultureInfo.GetCultureInfo(language), template, arguments);
    }
}
