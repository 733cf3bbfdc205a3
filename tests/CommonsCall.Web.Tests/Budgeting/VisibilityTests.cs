using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Budgeting;

/// <summary>The contributions visibility rule, as each kind of viewer sees a commons' funding.</summary>
public sealed class VisibilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private BudgetQueries Queries => app.Services.GetRequiredService<BudgetQueries>();

    private async Task<BudgetScenario> RoundWithOneContributionAsync(ContributionsVisibility visibility)
    {
        var s = await BudgetScenario.CreateAsync(app, 3, 300_000, BudgetRules.Default with { ContributionsVisibility = visibility }, (10_000, 100_000));
        await s.OpenRoundAsync();
        (await s.ContributeAsync(s.Members[1], s.Commons[0], 12_300)).Error.ShouldBeNull();
        return s;
    }

    private async Task<CommonsFunding> SeenByAsync(BudgetScenario s, Actor viewer) =>
        (await Queries.FundingAsync(viewer, s.Call.Slug))!.Commons.Single(c => c.Id == s.Commons[0].Id);

    [Fact]
    public async Task Live_shows_everyone_who_gives_what()
    {
        var s = await RoundWithOneContributionAsync(ContributionsVisibility.Live);
        var seen = await SeenByAsync(s, s.Members[2].User);
        seen.Total.ShouldBe(12_300);
        seen.Contributions.ShouldHaveSingleItem().OrganisationId.ShouldBe(s.Members[1].Id);
        (await SeenByAsync(s, Actor.Anonymous)).Contributions.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Totals_only_shows_the_total_but_not_who_gave_it_except_to_the_giver_and_facilitators()
    {
        var s = await RoundWithOneContributionAsync(ContributionsVisibility.TotalsOnly);

        var other = await SeenByAsync(s, s.Members[2].User);
        other.Total.ShouldBe(12_300);
        other.Contributions.ShouldBeEmpty();
        (await SeenByAsync(s, s.Funder.User)).Contributions.ShouldBeEmpty();
        (await SeenByAsync(s, s.Members[1].User)).Contributions.ShouldHaveSingleItem().Amount.ShouldBe(12_300);
        (await SeenByAsync(s, s.Facilitator)).Contributions.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Hidden_shows_nothing_until_the_round_closes_but_a_member_always_sees_its_own()
    {
        var s = await RoundWithOneContributionAsync(ContributionsVisibility.Hidden);

        foreach (var viewer in new[] { s.Members[2].User, s.Funder.User, Actor.Anonymous })
        {
            var seen = await SeenByAsync(s, viewer);
            seen.Total.ShouldBeNull();
            seen.Contributions.ShouldBeEmpty();
        }

        var giver = await SeenByAsync(s, s.Members[1].User);
        giver.Total.ShouldBeNull();
        giver.Contributions.ShouldHaveSingleItem().Amount.ShouldBe(12_300);
        (await SeenByAsync(s, s.Facilitator)).Total.ShouldBe(12_300);

        (await s.Round.CloseAsync(s.Facilitator, new CloseRound(s.Call.Id))).Error.ShouldBeNull();
        var after = await SeenByAsync(s, s.Members[2].User);
        after.Total.ShouldBe(12_300);
        after.Contributions.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task The_ledger_is_for_facilitators_and_funders_only()
    {
        var s = await RoundWithOneContributionAsync(ContributionsVisibility.Live);
        (await Queries.LedgerAsync(s.Facilitator, s.Call.Id)).ShouldNotBeNull().ShouldContain(l => l.Kind == LedgerEntryKind.Contribution && l.Amount == 12_300);
        (await Queries.LedgerAsync(s.Funder.User, s.Call.Id)).ShouldNotBeNull();
        (await Queries.LedgerAsync(s.Members[1].User, s.Call.Id)).ShouldBeNull();
        (await Queries.LedgerAsync(Actor.Anonymous, s.Call.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task Funders_do_not_see_who_gives_what_while_the_rule_hides_it()
    {
        var hidden = await RoundWithOneContributionAsync(ContributionsVisibility.Hidden);
        (await Queries.LedgerAsync(hidden.Funder.User, hidden.Call.Id))!.ShouldNotContain(l => l.Kind == LedgerEntryKind.Contribution);
        (await Queries.MemberBudgetsAsync(hidden.Funder.User, hidden.Call.Id)).ShouldBeNull();
        (await Queries.MemberBudgetsAsync(hidden.Facilitator, hidden.Call.Id))!.ShouldContain(b => b.Contributed == 12_300);

        // Under TotalsOnly a movement without its organisation's name still shows one organisation's gift: left out too.
        var totals = await RoundWithOneContributionAsync(ContributionsVisibility.TotalsOnly);
        (await Queries.LedgerAsync(totals.Funder.User, totals.Call.Id))!.ShouldNotContain(l => l.Kind == LedgerEntryKind.Contribution);
        (await Queries.LedgerAsync(totals.Facilitator, totals.Call.Id))!.Single(l => l.Kind == LedgerEntryKind.Contribution).Organisation.ShouldNotBeNull();

        (await totals.Round.CloseAsync(totals.Facilitator, new CloseRound(totals.Call.Id))).Error.ShouldBeNull();
        (await Queries.LedgerAsync(totals.Funder.User, totals.Call.Id))!.Single(l => l.Kind == LedgerEntryKind.Contribution).Amount.ShouldBe(12_300);
    }
}
