using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calendars;
using CommonsCall.Domain.Calls;

namespace CommonsCall.Domain.Tests;

/// <summary>A call's calendar: planned phases, funding window, meetings and milestones, with stable UIDs.</summary>
public class CallCalendarTests
{
    private static readonly DateOnly Day = TestClock.Today.AddDays(10);

    [Fact]
    public void The_calendar_holds_the_planned_phases_the_funding_window_meetings_and_milestones()
    {
        var opens = TestClock.Start.AddDays(30);
        var call = ACall.In(CallPhase.Framing, BudgetRules.Default with { FundingOpensAt = opens, FundingClosesAt = opens.AddDays(14) });
        call.SetPlannedDates(PhaseSchedule.From([(CallPhase.Challenges, Day), (CallPhase.Budgeting, Day.AddDays(20))])).ShouldSucceed();
        var meeting = new WorkingGroupDate(Guid.NewGuid(), "Registre de preuve", Day.AddDays(3), null, "Lancement");
        var milestone = new WorkingGroupDate(Guid.NewGuid(), "Registre de preuve", Day.AddDays(9), "Spécification", null);

        var entries = CallCalendar.Entries(call, [meeting], [milestone]);

        entries.Select(e => e.Kind).ShouldBe([
            CalendarEntryKind.PhaseStart, CalendarEntryKind.PhaseStart, CalendarEntryKind.FundingOpens, CalendarEntryKind.FundingCloses,
            CalendarEntryKind.Meeting, CalendarEntryKind.MilestoneDue]);
        entries[0].Phase.ShouldBe(CallPhase.Challenges);
        entries[0].Day.ShouldBe(Day);
        entries[2].At.ShouldBe(opens);
        entries[2].Day.ShouldBeNull();
        entries[3].At.ShouldBe(opens.AddDays(14));
        entries[4].Note.ShouldBe("Lancement");
        entries[5].Subject.ShouldBe("Spécification");
        entries.Select(e => e.Uid).ShouldBeUnique();
        entries.ShouldAllBe(e => e.Uid.EndsWith("@" + CallCalendar.UidDomain));
    }

    [Fact]
    public void An_entry_keeps_its_uid_when_its_date_moves()
    {
        var call = ACall.InDraft();
        call.SetPlannedDates(PhaseSchedule.From([(CallPhase.Commons, Day)])).ShouldSucceed();
        var before = CallCalendar.Entries(call, [], []).Single().Uid;

        call.SetPlannedDates(PhaseSchedule.From([(CallPhase.Commons, Day.AddDays(5))])).ShouldSucceed();

        CallCalendar.Entries(call, [], []).Single().Uid.ShouldBe(before);
    }

    [Fact]
    public void A_call_without_dates_has_an_empty_calendar() =>
        CallCalendar.Entries(ACall.InDraft(), [], []).ShouldBeEmpty();
}
