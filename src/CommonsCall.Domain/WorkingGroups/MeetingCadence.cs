namespace CommonsCall.Domain.WorkingGroups;

public enum CadenceWarningKind
{
    /// <summary>Two consecutive meetings less than <see cref="MeetingCadence.MinimumDays"/> days apart: the group will tire.</summary>
    TooClose = 0,

    /// <summary>Two consecutive meetings more than <see cref="MeetingCadence.MaximumDays"/> days apart: the group loses its rhythm.</summary>
    TooFar = 1,

    /// <summary>No meeting planned, and the last one is more than <see cref="MeetingCadence.MaximumDays"/> days ago.</summary>
    NoNextMeeting = 2,
}

/// <summary>One cadence warning; <see cref="To"/> is null for <see cref="CadenceWarningKind.NoNextMeeting"/> (the gap runs to today).</summary>
public sealed record CadenceWarning(CadenceWarningKind Kind, DateOnly From, DateOnly? To, int Days);

/// <summary>A working group's meetings as of a day: the next one, the past ones (newest first) and the warnings.</summary>
public sealed record CadenceReport(DateOnly? Next, IReadOnlyList<DateOnly> Upcoming, IReadOnlyList<DateOnly> Past, IReadOnlyList<CadenceWarning> Warnings)
{
    public bool HasWarnings => Warnings.Count > 0;
}

/// <summary>
/// A sustainable meeting rhythm (DESIGN.md): consecutive meetings of a working group should be between
/// <see cref="MinimumDays"/> and <see cref="MaximumDays"/> days apart, both included.
/// </summary>
public static class MeetingCadence
{
    public const int MinimumDays = 7;
    public const int MaximumDays = 45;

    /// <summary>The report of these meeting dates as of <paramref name="today"/> (a meeting today counts as the next one).</summary>
    public static CadenceReport Analyse(IEnumerable<DateOnly> meetings, DateOnly today)
    {
        var dates = meetings.Distinct().Order().ToList();
        var warnings = new List<CadenceWarning>();
        for (var i = 1; i < dates.Count; i++)
        {
            var days = dates[i].DayNumber - dates[i - 1].DayNumber;
            if (days < MinimumDays)
            {
                warnings.Add(new CadenceWarning(CadenceWarningKind.TooClose, dates[i - 1], dates[i], days));
            }
            else if (days > MaximumDays)
            {
                warnings.Add(new CadenceWarning(CadenceWarningKind.TooFar, dates[i - 1], dates[i], days));
            }
        }

        var upcoming = dates.Where(d => d >= today).ToList();
        var past = dates.Where(d => d < today).Reverse().ToList();
        if (upcoming.Count == 0 && past.Count > 0 && today.DayNumber - past[0].DayNumber > MaximumDays)
        {
            warnings.Add(new CadenceWarning(CadenceWarningKind.NoNextMeeting, past[0], null, today.DayNumber - past[0].DayNumber));
        }

        return new CadenceReport(upcoming.Count > 0 ? upcoming[0] : null, upcoming, past, warnings);
    }
}
