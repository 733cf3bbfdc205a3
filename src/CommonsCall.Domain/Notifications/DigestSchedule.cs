namespace CommonsCall.Domain.Notifications;

/// <summary>When a person's daily digest is due: at their hour (local time of the call's zone), never twice a local day.</summary>
public static class DigestSchedule
{
    /// <summary>The first instant (in UTC) at or after <paramref name="after"/> when the local clock of <paramref name="zone"/> shows <paramref name="hour"/>:00.</summary>
    public static DateTimeOffset NextAt(DateTimeOffset after, int hour, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        var local = TimeZoneInfo.ConvertTime(after, zone);
        for (var day = local.Date; ; day = day.AddDays(1))
        {
            var wall = day.AddHours(hour);

            // Spring forward: the hour does not exist that night; the digest goes at the first hour that does.
            while (zone.IsInvalidTime(wall))
            {
                wall = wall.AddHours(1);
            }

            var at = new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
            if (at >= after)
            {
                return at;
            }
        }
    }

    /// <summary>
    /// A digest is due once the person's hour has come after the oldest notification it waits for (one created at
    /// 09:00 for an 8 o'clock digest goes the next morning), unless one was already sent this local day.
    /// </summary>
    public static bool IsDue(DateTimeOffset oldestWaiting, int hour, TimeZoneInfo zone, DateTimeOffset now, bool sentToday) =>
        !sentToday && now >= NextAt(oldestWaiting, hour, zone);

    /// <summary>The local calendar day of <paramref name="now"/> in <paramref name="zone"/>: the day a digest counts for.</summary>
    public static DateOnly LocalDay(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
}
