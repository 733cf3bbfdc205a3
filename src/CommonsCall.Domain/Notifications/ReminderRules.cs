namespace CommonsCall.Domain.Notifications;

/// <summary>When the reminders of the round and of the working groups are due (each is then sent once, per recipient).</summary>
public static class ReminderRules
{
    /// <summary>The round's closing reminders, in days before it closes, most distant first.</summary>
    public static IReadOnlyList<int> ClosingDays { get; } = [3, 1];

    /// <summary>A milestone is announced this many days before its due date.</summary>
    public const int MilestoneNoticeDays = 7;

    /// <summary>
    /// An overdue milestone is reminded only within this many days of its due date: a scheduler that was away (or
    /// that starts for the first time on an old call) does not wake people up about a milestone missed months ago.
    /// </summary>
    public const int OverdueWindowDays = 14;

    /// <summary>
    /// The closing reminder due now (3 or 1 days), or null: the nearest threshold reached while the round is still open.
    /// When the clock jumps past both (the scheduler was away), only the 1-day one is due, and the 3-day one is then
    /// recorded as sent with it (<see cref="ClosingSupersedes"/>): people get the most urgent, once.
    /// </summary>
    public static int? ClosingReminderDue(DateTimeOffset closesAt, DateTimeOffset now)
    {
        if (now >= closesAt)
        {
            return null;
        }

        var left = closesAt - now;
        int? due = null;
        foreach (var days in ClosingDays)
        {
            if (left <= TimeSpan.FromDays(days))
            {
                due = days;
            }
        }

        return due;
    }

    /// <summary>The reminders that sending the <paramref name="days"/>-day one makes pointless: itself and the more distant ones.</summary>
    public static IEnumerable<int> ClosingSupersedes(int days) => ClosingDays.Where(d => d >= days);

    /// <summary>A milestone not done, due within the next <see cref="MilestoneNoticeDays"/> days (today included).</summary>
    public static bool MilestoneDueSoon(DateOnly dueOn, bool done, DateOnly today) =>
        !done && dueOn >= today && dueOn.DayNumber - today.DayNumber <= MilestoneNoticeDays;

    /// <summary>A milestone not done whose due date has passed, within <see cref="OverdueWindowDays"/>.</summary>
    public static bool MilestoneOverdue(DateOnly dueOn, bool done, DateOnly today) =>
        !done && dueOn < today && today.DayNumber - dueOn.DayNumber <= OverdueWindowDays;
}
