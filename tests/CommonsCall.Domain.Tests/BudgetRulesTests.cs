using CommonsCall.Domain.Budgeting;

namespace CommonsCall.Domain.Tests;

public class BudgetRulesTests
{
    private static readonly DateTimeOffset Opens = TestClock.Start.AddDays(10);
    private static readonly DateTimeOffset Closes = Opens.AddDays(14);
    private static readonly BudgetRules Windowed = BudgetRules.Default with { FundingOpensAt = Opens, FundingClosesAt = Closes };

    [Fact]
    public void Default_rules_are_those_of_the_design()
    {
        var rules = BudgetRules.Default;

        rules.MaxShareOfBalancePerCommons.ShouldBe(100);
        rules.CoCreatorsMayFundOwnCommons.ShouldBeFalse();
        rules.ContributionsVisibility.ShouldBe(ContributionsVisibility.Live);
        rules.AllowWithdrawal.ShouldBeTrue();
        rules.FundingOpensAt.ShouldBeNull();
        rules.FundingClosesAt.ShouldBeNull();
    }

    [Fact]
    public void Funding_window_is_open_from_its_opening_instant() =>
        Windowed.IsInsideWindow(Opens).ShouldBeTrue();

    [Fact]
    public void Funding_window_is_not_open_just_before_it_opens() =>
        Windowed.IsInsideWindow(Opens.AddTicks(-1)).ShouldBeFalse();

    [Fact]
    public void Funding_window_is_open_just_before_it_closes() =>
        Windowed.IsInsideWindow(Closes.AddTicks(-1)).ShouldBeTrue();

    [Fact]
    public void Funding_window_is_closed_at_its_closing_instant() =>
        Windowed.IsInsideWindow(Closes).ShouldBeFalse();

    [Fact]
    public void Unset_bounds_leave_the_window_open_on_that_side()
    {
        BudgetRules.Default.IsInsideWindow(DateTimeOffset.MinValue).ShouldBeTrue();
        (BudgetRules.Default with { FundingClosesAt = Closes }).IsInsideWindow(Opens.AddYears(-10)).ShouldBeTrue();
        (BudgetRules.Default with { FundingOpensAt = Opens }).IsInsideWindow(Closes.AddYears(10)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(100, 1_001, 1_001)]
    [InlineData(33, 1_001, 330)]
    [InlineData(50, 999, 499)]
    [InlineData(1, 99, 0)]
    [InlineData(1, 100, 1)]
    [InlineData(25, 0, 0)]
    public void Share_cap_is_the_percentage_of_the_balance_rounded_down_to_the_cent(int percent, long balance, long expected) =>
        (BudgetRules.Default with { MaxShareOfBalancePerCommons = percent }).ShareCap(balance).ShouldBe(expected);

    [Fact]
    public void Share_cap_of_a_very_large_balance_does_not_overflow_silently() =>
        Should.Throw<OverflowException>(() => BudgetRules.Default.ShareCap(long.MaxValue / 10));

    [Fact]
    public void Identical_rules_differ_only_by_closing_date() =>
        Windowed.DiffersOnlyByClosingDate(Windowed with { }).ShouldBeTrue();

    [Fact]
    public void Moving_the_closing_date_is_a_change_of_the_closing_date_only() =>
        Windowed.DiffersOnlyByClosingDate(Windowed with { FundingClosesAt = Closes.AddDays(3) }).ShouldBeTrue();

    [Fact]
    public void Removing_the_closing_date_is_a_change_of_the_closing_date_only() =>
        Windowed.DiffersOnlyByClosingDate(Windowed with { FundingClosesAt = null }).ShouldBeTrue();

    public static TheoryData<string> OtherChanges => ["opening date", "share cap", "co-creators", "visibility", "withdrawal"];

    [Theory]
    [MemberData(nameof(OtherChanges))]
    public void Any_other_change_is_more_than_a_closing_date_change(string change)
    {
        var changed = change switch
        {
            "opening date" => Windowed with { FundingOpensAt = Opens.AddDays(1) },
            "share cap" => Windowed with { MaxShareOfBalancePerCommons = 50 },
            "co-creators" => Windowed with { CoCreatorsMayFundOwnCommons = true },
            "visibility" => Windowed with { ContributionsVisibility = ContributionsVisibility.Hidden },
            "withdrawal" => Windowed with { AllowWithdrawal = false },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        Windowed.DiffersOnlyByClosingDate(changed).ShouldBeFalse();
        Windowed.DiffersOnlyByClosingDate(changed with { FundingClosesAt = Closes.AddDays(1) }).ShouldBeFalse();
    }
}
