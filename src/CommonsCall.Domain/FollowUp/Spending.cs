using CommonsCall.Domain.Commons;

namespace CommonsCall.Domain.FollowUp;

/// <summary>One budget line, planned (its minimum and maximum) against what was spent on it.</summary>
/// <param name="Line">The line's position in the plan, from 0.</param>
public sealed record LineSpending(int Line, string Description, long Minimum, long Maximum, long Spent, int Expenses)
{
    /// <summary>Spent beyond the line's maximum.</summary>
    public bool IsOver => Spent > Maximum;

    /// <summary>What is left before the maximum, never below zero.</summary>
    public long LeftToMaximum => Math.Max(0, Maximum - Spent);
}

/// <summary>A commons' plan against its spending, and against what its agreement awarded and paid.</summary>
public sealed record Spending(IReadOnlyList<LineSpending> Lines, long Spent, long Award, long Paid)
{
    /// <summary>Spent beyond what was paid: the holders advance money the tranches have not brought yet.</summary>
    public long SpentBeyondPaid => Math.Max(0, Spent - Paid);

    /// <summary>
    /// Compares the plan with the expenses not removed, line by line. Every expense is counted on its line; one naming
    /// a line the plan does not have (impossible once lines are locked) is counted in the total only.
    /// </summary>
    public static Spending Of(IReadOnlyList<BudgetLine> plan, IEnumerable<Expense> expenses, long award, long paid)
    {
        var counted = expenses.Where(e => !e.IsRemoved).ToList();
        var lines = plan.Select((l, i) =>
        {
            var on = counted.Where(e => e.BudgetLine == i).ToList();
            return new LineSpending(i, l.Description, l.Minimum, l.Maximum, on.Sum(e => e.Amount), on.Count);
        }).ToList();
        return new Spending(lines, counted.Sum(e => e.Amount), award, paid);
    }
}
