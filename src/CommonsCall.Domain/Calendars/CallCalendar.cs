using CommonsCall.Domain.Calls;

namespace CommonsCall.Domain.Calendars;

/// <summary>What a calendar entry marks.</summary>
public enum CalendarEntryKind
{
    /// <summary>The planned start of a phase (an all-day entry).</summary>
    PhaseStart,

    /// <summary>The funding window opens (a moment).</summary>
    FundingOpens,

    /// <summary>The funding window closes (a moment).</summary>
    FundingCloses,

    /// <summary>A working group's meeting (an all-day entry: meetings have a day, not an hour).</summary>
    Meeting,

    /// <summary>A milestone's due date (an all-day entry).</summary>
    MilestoneDue,
}

/// <summary>
/// One entry of a call's calendar. <paramref name="Uid"/> is stable: the same phase, window, meeting or milestone
/// keeps it across feeds and days, so a calendar application updates the entry instead of adding a copy.
/// Exactly one of <paramref name="Day"/> (all-day) and <paramref name="At"/> (a moment, UTC) is set.
/// <paramref name="Subject"/> is what the entry is about: the phase's name, the commons' title, the milestone's title.
/// </summary>
public sealed record CalendarEntry(
    string Uid, CalendarEntryKind Kind, Guid CallId, string CallTitle, string CallSlug, DateOnly? Day, DateTimeOffset? At,
    string? Subject, string? CommonsTitle, string? Note)
{
    public CallPhase? Phase { get; init; }
}

/// <summary>A working group's meeting or milestone as the calendar needs it.</summary>
public sealed record WorkingGroupDate(Guid Id, string CommonsTitle, DateOnly On, string? Title, string? Note);

/// <summary>
/// The calendar of one call: the planned start of each phase, the funding window (round open and close), the
/// working groups' meetings and the milestones' due dates. Pure: the feed's text is written elsewhere.
/// </summary>
public static class CallCalendar
{
    /// <summary>The part after "@" of every UID: names the producer, as RFC 5545 recommends.</summary>
    public const string UidDomain = "commonscall";

    public static IReadOnlyList<CalendarEntry> Entries(
        Call call, IEnumerable<WorkingGroupDate> meetings, IEnumerable<WorkingGroupDate> milestones)
    {
        var entries = new List<CalendarEntry>();
        foreach (var (phase, day) in call.PlannedDates.Dates())
        {
            entries.Add(Entry(call, $"phase-{phase.ToString().ToLowerInvariant()}-{call.Id:N}", CalendarEntryKind.PhaseStart, day, null, phase.ToString(), null, null) with { Phase = phase });
        }

        if (call.BudgetRules.FundingOpensAt is { } opens)
        {
            entries.Add(Entry(call, $"funding-opens-{call.Id:N}", CalendarEntryKind.FundingOpens, null, opens.ToUniversalTime(), null, null, null));
        }

        if (call.BudgetRules.FundingClosesAt is { } closes)
        {
            entries.Add(Entry(call, $"funding-closes-{call.Id:N}", CalendarEntryKind.FundingCloses, null, closes.ToUniversalTime(), null, null, null));
        }

        entries.AddRange(meetings.Select(m => Entry(call, $"meeting-{m.Id:N}", CalendarEntryKind.Meeting, m.On, null, m.CommonsTitle, m.CommonsTitle, m.Note)));
        entries.AddRange(milestones.Select(m => Entry(call, $"milestone-{m.Id:N}", CalendarEntryKind.MilestoneDue, m.On, null, m.Title, m.CommonsTitle, m.Note)));
        return entries;
    }

    /// <summary>When an entry starts, for ordering: an all-day entry at the start of its day (UTC).</summary>
    public static DateTimeOffset StartOf(CalendarEntry entry) =>
        entry.At ?? new DateTimeOffset(entry.Day!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static CalendarEntry Entry(Call call, string key, CalendarEntryKind kind, DateOnly? day, DateTimeOffset? at, string? subject, string? commons, string? note) =>
        new($"{key}@{UidDomain}", kind, call.Id, call.Title, call.Slug, day, at, subject, commons, note);
}
