using CommonsCall.Domain.WorkingGroups;

namespace CommonsCall.Domain.Tests;

/// <summary>The call's map: which organisations produce or want which commons; wanted by many, produced by none stands out.</summary>
public class CommonsMapTests
{
    private static readonly MapEntry Ecov = new(Guid.NewGuid(), "Covoit'Ouest");
    private static readonly MapEntry Metropole = new(Guid.NewGuid(), "Métropole");
    private static readonly MapEntry Fub = new(Guid.NewGuid(), "Vélo Fédé");
    private static readonly MapEntry Labo = new(Guid.NewGuid(), "Labo Mobilités");
    private static readonly MapEntry Registre = new(Guid.NewGuid(), "Registre de preuve");
    private static readonly MapEntry Aires = new(Guid.NewGuid(), "Base des aires");
    private static readonly MapEntry Velo = new(Guid.NewGuid(), "Vélo partagé");

    private static MapCell On(MapEntry organisation, MapEntry commons, PositioningKinds kinds) => new(organisation.Id, commons.Id, kinds);

    private static CommonsMap Build(params MapCell[] cells) => CommonsMap.Build([Ecov, Metropole, Fub, Labo], [Registre, Aires, Velo], cells);

    [Fact]
    public void Each_cell_holds_what_an_organisation_declared_on_a_commons()
    {
        var map = Build(On(Ecov, Registre, PositioningKinds.Produces), On(Metropole, Registre, PositioningKinds.Wants | PositioningKinds.ContributesMoneyInKind));

        map.Cell(Ecov.Id, Registre.Id)!.Produces.ShouldBeTrue();
        map.Cell(Metropole.Id, Registre.Id)!.Wants.ShouldBeTrue();
        map.Cell(Metropole.Id, Registre.Id)!.Produces.ShouldBeFalse();
        map.Cell(Fub.Id, Registre.Id).ShouldBeNull();
        map.Organisations.ShouldBe([Ecov, Metropole, Fub, Labo]);
        map.Commons.Select(c => c.Commons).ShouldBe([Registre, Aires, Velo]);
    }

    [Fact]
    public void Columns_count_producers_wanters_and_other_contributors()
    {
        var map = Build(
            On(Ecov, Registre, PositioningKinds.Produces | PositioningKinds.Wants),
            On(Metropole, Registre, PositioningKinds.Wants),
            On(Labo, Registre, PositioningKinds.ContributesSkills));

        var column = map.Commons.Single(c => c.Commons == Registre);
        column.Producers.ShouldBe(1);
        column.Wanters.ShouldBe(2);
        column.Contributors.ShouldBe(1);
        column.WantedButNotProduced.ShouldBeFalse();
    }

    [Fact]
    public void A_commons_wanted_by_two_and_produced_by_none_stands_out()
    {
        var map = Build(On(Metropole, Aires, PositioningKinds.Wants), On(Fub, Aires, PositioningKinds.Wants | PositioningKinds.ContributesSkills));

        map.Commons.Single(c => c.Commons == Aires).WantedButNotProduced.ShouldBeTrue();
        map.WantedButNotProduced.Select(c => c.Commons).ShouldBe([Aires]);
    }

    [Fact]
    public void Wanted_by_one_only_does_not_stand_out() =>
        Build(On(Metropole, Aires, PositioningKinds.Wants)).WantedButNotProduced.ShouldBeEmpty();

    [Fact]
    public void One_producer_is_enough_to_answer_the_need() =>
        Build(On(Metropole, Aires, PositioningKinds.Wants), On(Fub, Aires, PositioningKinds.Wants), On(Labo, Aires, PositioningKinds.Produces))
            .WantedButNotProduced.ShouldBeEmpty();

    [Fact]
    public void Unanswered_needs_are_listed_most_wanted_first()
    {
        var map = Build(
            On(Metropole, Velo, PositioningKinds.Wants), On(Fub, Velo, PositioningKinds.Wants),
            On(Ecov, Aires, PositioningKinds.Wants), On(Metropole, Aires, PositioningKinds.Wants), On(Labo, Aires, PositioningKinds.Wants));

        map.WantedButNotProduced.Select(c => (c.Commons, c.Wanters)).ShouldBe([(Aires, 3), (Velo, 2)]);
    }

    [Fact]
    public void Positionings_outside_the_listed_rows_and_columns_are_left_out()
    {
        var stranger = new MapEntry(Guid.NewGuid(), "Inconnu");
        var elsewhere = new MapEntry(Guid.NewGuid(), "Autre appel");

        var map = Build(On(stranger, Aires, PositioningKinds.Wants), On(Metropole, elsewhere, PositioningKinds.Wants), On(Fub, Aires, PositioningKinds.Wants));

        map.Cells.ShouldHaveSingleItem().OrganisationId.ShouldBe(Fub.Id);
        map.WantedButNotProduced.ShouldBeEmpty();
    }
}
