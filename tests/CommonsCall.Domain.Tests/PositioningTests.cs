using CommonsCall.Domain.WorkingGroups;

namespace CommonsCall.Domain.Tests;

public class PositioningTests
{
    private static readonly DateTimeOffset At = ACall.CreatedAt;

    [Fact]
    public void A_positioning_keeps_its_kinds_expectations_and_availability()
    {
        var positioning = new Positioning(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            [PositioningKind.Wants, PositioningKind.ContributesSkills], " Des données fiables ", "2 jours par mois", At);

        positioning.Wants.ShouldBeTrue();
        positioning.Produces.ShouldBeFalse();
        positioning.KindList.ShouldBe([PositioningKind.Wants, PositioningKind.ContributesSkills]);
        positioning.Kinds.ShouldBe(PositioningKinds.Wants | PositioningKinds.ContributesSkills);
        positioning.Expectations.ShouldBe("Des données fiables");
        positioning.Availability.ShouldBe("2 jours par mois");
    }

    [Fact]
    public void Updating_replaces_the_kinds_and_blank_texts_become_absent()
    {
        var positioning = new Positioning(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), [PositioningKind.Wants], "Un usage", "1 jour", At);

        positioning.Update([PositioningKind.Produces, PositioningKind.Produces], " ", null, At.AddDays(1));

        positioning.KindList.ShouldBe([PositioningKind.Produces]);
        positioning.Expectations.ShouldBeNull();
        positioning.Availability.ShouldBeNull();
        positioning.UpdatedAt.ShouldBe(At.AddDays(1));
        positioning.CreatedAt.ShouldBe(At);
    }

    [Fact]
    public void Every_kind_has_its_own_flag() =>
        Enum.GetValues<PositioningKind>().Select(Positioning.FlagOf).Distinct().Count().ShouldBe(Enum.GetValues<PositioningKind>().Length);

    [Fact]
    public void A_milestone_records_when_it_was_done_and_forgets_it_when_reopened()
    {
        var owner = Guid.NewGuid();
        var due = TestClock.Today.AddDays(90);
        var milestone = new Milestone(Guid.NewGuid(), "Prototype du cadenas", due, owner, At);
        milestone.IsLate(due.AddDays(1)).ShouldBeTrue();

        milestone.Update("Prototype du cadenas", due, owner, done: true, At.AddDays(3));
        milestone.IsDone.ShouldBeTrue();
        milestone.DoneAt.ShouldBe(At.AddDays(3));
        milestone.IsLate(due.AddDays(1)).ShouldBeFalse();

        milestone.Update("Prototype v2", due.AddDays(30), owner, done: false, At.AddDays(4));
        milestone.IsDone.ShouldBeFalse();
        milestone.DoneAt.ShouldBeNull();
        milestone.Title.ShouldBe("Prototype v2");
    }
}
