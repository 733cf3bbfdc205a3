using CommonsCall.Domain.Common;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.FollowUp;

namespace CommonsCall.Domain.Tests;

/// <summary>Issue 15: a holder records spending per budget line of its funded commons, corrects or removes its own, and the plan is compared with it.</summary>
public class ExpensePolicyTests
{
    private static readonly DateTimeOffset At = TestClock.Start;
    private static readonly DateOnly Today = DateOnly.FromDateTime(At.UtcDateTime);
    private static readonly Guid Holder = Guid.NewGuid();
    private static readonly ExpenseTerms Terms = new(1, 12_000, Today.AddDays(-2), "Hébergement du registre", "Hébergeur coopératif");

    private static ExpenseContext Valid => new()
    {
        ActorRepresentsHolder = true,
        Agreement = new FundingAgreement(Guid.NewGuid(), Guid.NewGuid(), Holder, 150_000, At),
        BudgetLineCount = 2,
        OtherExpenses = 30_000,
        Today = Today,
    };

    private static Result<Expense> Record(ExpenseContext ctx, ExpenseTerms terms) => ExpensePolicy.Record(ctx, Holder, "user", terms, At);

    private static Expense Recorded() => Record(Valid, Terms).ShouldSucceed();

    private static ExpenseContext Cancelled()
    {
        var ctx = Valid;
        ctx.Agreement!.Cancel("Le porteur s'est retiré.", null, At).ShouldSucceed();
        return ctx;
    }

    [Fact]
    public void An_expense_that_passes_every_rule_is_recorded_with_its_terms_trimmed()
    {
        var expense = Record(Valid, Terms with { Label = "  Hébergement du registre ", Supplier = " " }).ShouldSucceed();

        (expense.BudgetLine, expense.Amount, expense.Label, expense.Supplier, expense.RecordedByOrganisationId).ShouldBe((1, 12_000L, "Hébergement du registre", (string?)null, Holder));
        expense.IsRemoved.ShouldBeFalse();
    }

    // Rule 1: a holder's representative.

    [Fact]
    public void An_expense_by_someone_who_holds_no_part_of_the_commons_is_refused_as_forbidden() =>
        Record(Valid with { ActorRepresentsHolder = false }, Terms).ShouldBeRefusedWith("forbidden");

    // Rule 2: a funded commons, not cancelled for a new expense.

    [Fact]
    public void An_expense_on_a_commons_without_agreement_is_refused_with_no_agreement() => Record(Valid with { Agreement = null }, Terms).ShouldBeRefusedWith("no_agreement");

    [Fact]
    public void A_new_expense_on_a_cancelled_commons_is_refused_with_agreement_closed() => Record(Cancelled(), Terms).ShouldBeRefusedWith("agreement_closed");

    [Fact]
    public void An_expense_on_a_cancelled_commons_may_still_be_corrected() =>
        ExpensePolicy.Correct(Cancelled(), Recorded(), Terms with { Amount = 11_000 }, At).ShouldSucceed();

    // Rule 3: a removed expense no longer changes.

    [Fact]
    public void Correcting_a_removed_expense_is_refused_with_expense_removed()
    {
        var expense = Recorded();
        ExpensePolicy.Remove(Valid, expense, "Saisie en double", At).ShouldSucceed();

        ExpensePolicy.Correct(Valid, expense, Terms, At).ShouldBeRefusedWith("expense_removed");
    }

    [Fact]
    public void Removing_needs_a_reason_and_keeps_the_expense() =>
        ExpensePolicy.Remove(Valid, Recorded(), " ", At).ShouldBeRefusedWith("reason_required");

    [Fact]
    public void A_removed_expense_keeps_its_amount_and_says_why() =>
        Recorded().ShouldSatisfyAllConditions(e => ExpensePolicy.Remove(Valid, e, " Saisie en double ", At).ShouldSucceed(), e => (e.IsRemoved, e.RemovedReason, e.Amount).ShouldBe((true, "Saisie en double", 12_000L)));

    [Fact]
    public void Correcting_by_someone_who_holds_no_part_of_the_commons_is_refused_as_forbidden() =>
        ExpensePolicy.Correct(Valid with { ActorRepresentsHolder = false }, Recorded(), Terms, At).ShouldBeRefusedWith("forbidden");

    // Rule 4: a label.

    [Fact]
    public void An_expense_without_a_label_is_refused_with_label_required() => Record(Valid, Terms with { Label = " " }).ShouldBeRefusedWith("label_required");

    // Rule 5: a line of the plan.

    [Fact]
    public void An_expense_on_a_line_past_the_plan_is_refused_with_unknown_budget_line() => Record(Valid, Terms with { BudgetLine = 2 }).ShouldBeRefusedWith("unknown_budget_line");

    [Fact]
    public void An_expense_on_a_negative_line_is_refused_with_unknown_budget_line() => Record(Valid, Terms with { BudgetLine = -1 }).ShouldBeRefusedWith("unknown_budget_line");

    // Rule 6: an amount above zero, within bounds.

    [Fact]
    public void A_zero_expense_is_refused_with_invalid_amount() => Record(Valid, Terms with { Amount = 0 }).ShouldBeRefusedWith("invalid_amount");

    [Fact]
    public void A_negative_expense_is_refused_with_invalid_amount() => Record(Valid, Terms with { Amount = -1 }).ShouldBeRefusedWith("invalid_amount");

    [Fact]
    public void An_expense_taking_the_commons_beyond_the_maximum_amount_is_refused_with_invalid_amount() =>
        Record(Valid, Terms with { Amount = Amounts.Maximum - 30_000 + 1 }).ShouldBeRefusedWith("invalid_amount");

    [Fact]
    public void A_correction_to_a_negative_amount_is_refused_with_invalid_amount() =>
        ExpensePolicy.Correct(Valid, Recorded(), Terms with { Amount = -500 }, At).ShouldBeRefusedWith("invalid_amount");

    // Rule 7: spent already.

    [Fact]
    public void An_expense_dated_tomorrow_is_refused_with_expense_in_future() => Record(Valid, Terms with { SpentOn = Today.AddDays(1) }).ShouldBeRefusedWith("expense_in_future");

    [Fact]
    public void An_expense_dated_today_is_recorded() => Record(Valid, Terms with { SpentOn = Today }).ShouldSucceed();

    // Planned against actual.

    [Fact]
    public void Spending_is_counted_per_line_without_removed_expenses_and_flags_a_line_over_its_maximum()
    {
        BudgetLine[] plan = [new("Développement", 50_000, 80_000), new("Hébergement", 10_000, 20_000)];
        var kept = Record(Valid, Terms with { BudgetLine = 1, Amount = 15_000 }).ShouldSucceed();
        var over = Record(Valid, Terms with { BudgetLine = 1, Amount = 9_000 }).ShouldSucceed();
        var removed = Record(Valid, Terms with { BudgetLine = 0, Amount = 40_000 }).ShouldSucceed();
        ExpensePolicy.Remove(Valid, removed, "Doublon", At).ShouldSucceed();

        var spending = Spending.Of(plan, [kept, over, removed], award: 150_000, paid: 20_000);

        spending.Lines.Select(l => (l.Description, l.Spent, l.Expenses, l.IsOver, l.LeftToMaximum)).ShouldBe(
            [("Développement", 0L, 0, false, 80_000L), ("Hébergement", 24_000L, 2, true, 0L)]);
        (spending.Spent, spending.Paid, spending.SpentBeyondPaid).ShouldBe((24_000L, 20_000L, 4_000L));
    }
}
