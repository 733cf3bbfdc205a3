using CommonsCall.Domain.WorkingGroups;

namespace CommonsCall.Domain.Tests;

/// <summary>DESIGN.md: warn when a working group's meetings are less than 7 or more than 45 days apart.</summary>
public class MeetingCadenceTests
{
    private static readonly DateOnly Today = TestClock.Today;

    private static DateOnly Day(int offset) => Today.AddDays(offset);

    [Fact]
    public void A_regular_monthly_rhythm_has_no_warning()
    {
        var report = MeetingCadence.Analyse([Day(-60), Day(-30), Day(0), Day(30)], Today);

        report.Warnings.ShouldBeEmpty();
        report.HasWarnings.ShouldBeFalse();
    }

    [Fact]
    public void The_next_meeting_is_the_first_from_today_and_past_ones_are_newest_first()
    {
        var report = MeetingCadence.Analyse([Day(28), Day(-28), Day(-56), Day(14)], Today);

        report.Next.ShouldBe(Day(14));
        report.Upcoming.ShouldBe([Day(14), Day(28)]);
        report.Past.ShouldBe([Day(-28), Day(-56)]);
    }

    [Fact]
    public void A_meeting_today_is_the_next_one() =>
        MeetingCadence.Analyse([Day(-20), Day(0)], Today).Next.ShouldBe(Today);

    [Fact]
    public void Meetings_less_than_seven_days_apart_are_too_close()
    {
        var warning = MeetingCadence.Analyse([Day(10), Day(16)], Today).Warnings.ShouldHaveSingleItem();

        warning.ShouldBe(new CadenceWarning(CadenceWarningKind.TooClose, Day(10), Day(16), 6));
    }

    [Fact]
    public void Meetings_more_than_forty_five_days_apart_are_too_far()
    {
        var warning = MeetingCadence.Analyse([Day(-40), Day(6)], Today).Warnings.ShouldHaveSingleItem();

        warning.ShouldBe(new CadenceWarning(CadenceWarningKind.TooFar, Day(-40), Day(6), 46));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(45)]
    public void The_bounds_themselves_are_fine(int days) =>
        MeetingCadence.Analyse([Day(0), Day(days)], Today).Warnings.ShouldBeEmpty();

    [Fact]
    public void Each_bad_gap_is_reported_in_date_order_whatever_the_input_order()
    {
        var report = MeetingCadence.Analyse([Day(60), Day(0), Day(3), Day(10)], Today);

        report.Warnings.Select(w => (w.Kind, w.Days)).ShouldBe([(CadenceWarningKind.TooClose, 3), (CadenceWarningKind.TooFar, 50)]);
    }

    [Fact]
    public void The_same_date_twice_counts_once() =>
        MeetingCadence.Analyse([Day(0), Day(0), Day(14)], Today).Warnings.ShouldBeEmpty();

    [Fact]
    public void No_meeting_planned_long_after_the_last_one_is_a_warning()
    {
        var warning = MeetingCadence.Analyse([Day(-80), Day(-50)], Today).Warnings.ShouldHaveSingleItem();

        warning.ShouldBe(new CadenceWarning(CadenceWarningKind.NoNextMeeting, Day(-50), null, 50));
    }

    [Fact]
    public void No_meeting_planned_shortly_after_the_last_one_is_not_yet_a_warning()
    {
        var report = MeetingCadence.Analyse([Day(-45)], Today);

        report.Next.ShouldBeNull();
        report.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void A_group_that_never_met_has_no_warning()
    {
        var report = MeetingCadence.Analyse([], Today);

        report.Next.ShouldBeNull();
        report.Past.ShouldBeEmpty();
        report.Warnings.ShouldBeEmpty();
    }
}
