using CommonsCall.Domain.Notifications;

namespace CommonsCall.Domain.Tests;

/// <summary>Issue 13: digests at the person's hour, once a day; round and milestone reminders at their thresholds.</summary>
public class NotificationScheduleTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTimeOffset Start = TestClock.Start;

    private static DateTimeOffset ParisTime(DateOnly day, int hour, int minute = 0)
    {
        var wall = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(wall, Paris.GetUtcOffset(wall));
    }

    [Fact]
    public void A_digest_waits_for_the_next_time_the_persons_hour_comes() =>
        DigestSchedule.NextAt(ParisTime(TestClock.Today, 9, 30), 8, Paris).ShouldBe(ParisTime(TestClock.Today.AddDays(1), 8));

    [Fact]
    public void A_digest_goes_the_same_day_when_its_hour_is_still_to_come() =>
        DigestSchedule.NextAt(ParisTime(TestClock.Today, 7, 59), 8, Paris).ShouldBe(ParisTime(TestClock.Today, 8));

    [Fact]
    public void Spring_forward_sends_a_two_oclock_digest_at_three() =>
        DigestSchedule.NextAt(ParisTime(new DateOnly(2027, 3, 28), 0), 2, Paris).ShouldBe(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_digest_already_sent_today_is_not_due_again() =>
        DigestSchedule.IsDue(ParisTime(TestClock.Today, 7), 8, Paris, ParisTime(TestClock.Today, 9), sentToday: true).ShouldBeFalse();

    [Fact]
    public void A_digest_is_due_once_its_hour_has_come() =>
        DigestSchedule.IsDue(ParisTime(TestClock.Today, 7), 8, Paris, ParisTime(TestClock.Today, 8), sentToday: false).ShouldBeTrue();

    [Fact]
    public void A_digest_is_not_due_before_its_hour() =>
        DigestSchedule.IsDue(ParisTime(TestClock.Today, 7), 8, Paris, ParisTime(TestClock.Today, 7, 59), sentToday: false).ShouldBeFalse();

    [Theory]
    [InlineData(96, null)]
    [InlineData(72, 3)]
    [InlineData(30, 3)]
    [InlineData(24, 1)]
    [InlineData(1, 1)]
    [InlineData(0, null)]
    [InlineData(-5, null)]
    public void Closing_reminder_due_hours_before_closing(int hoursLeft, int? expected) =>
        ReminderRules.ClosingReminderDue(Start.AddHours(hoursLeft), Start).ShouldBe(expected);

    [Fact]
    public void The_one_day_reminder_supersedes_the_three_day_one() =>
        ReminderRules.ClosingSupersedes(1).ShouldBe([3, 1], ignoreOrder: true);

    [Theory]
    [InlineData(8, false, false)]
    [InlineData(7, false, true)]
    [InlineData(0, false, true)]
    [InlineData(3, true, false)]
    [InlineData(-1, false, false)]
    public void Milestone_due_soon(int daysLeft, bool done, bool expected) =>
        ReminderRules.MilestoneDueSoon(TestClock.Today.AddDays(daysLeft), done, TestClock.Today).ShouldBe(expected);

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(-1, false, true)]
    [InlineData(-14, false, true)]
    [InlineData(-15, false, false)]
    [InlineData(-1, true, false)]
    public void Milestone_overdue(int daysLeft, bool done, bool expected) =>
        ReminderRules.MilestoneOverdue(TestClock.Today.AddDays(daysLeft), done, TestClock.Today).ShouldBe(expected);
}
