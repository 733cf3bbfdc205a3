using CommonsCall.Domain.Budgeting;

namespace CommonsCall.Domain.Commons;

/// <summary>A broken budget rule: <see cref="Line"/> is the line's index, or null for the plan as a whole.</summary>
public sealed record BudgetLineProblem(int? Line, string Property, string Message)
{
    /// <summary>The field path as validators and problem details name it, e.g. <c>BudgetLines[2].Maximum</c>.</summary>
    public string Field(string collection) => Line is { } i ? $"{collection}[{i}].{Property}" : collection;
}

/// <summary>
/// The rules of a commons' budget lines: at least one line and at most <see cref="MaxLines"/>, each with a
/// description, a minimum above zero and a maximum at least the minimum and at most <see cref="Amounts.Maximum"/>.
/// Amounts are minor units; with these bounds the goals (the sums) cannot overflow.
/// </summary>
public static class BudgetPlan
{
    public const int MaxLines = 50;

    public static IReadOnlyList<BudgetLineProblem> Check(IReadOnlyList<BudgetLine>? lines)
    {
        var problems = new List<BudgetLineProblem>();
        if (lines is null || lines.Count == 0)
        {
            problems.Add(new(null, string.Empty, "A commons needs at least one budget line."));
            return problems;
        }

        if (lines.Count > MaxLines)
        {
            problems.Add(new(null, string.Empty, $"A commons has at most {MaxLines} budget lines."));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line is null)
            {
                problems.Add(new(i, nameof(BudgetLine.Description), "A budget line is missing."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Description))
            {
                problems.Add(new(i, nameof(BudgetLine.Description), "Each budget line needs a description."));
            }

            if (line.Minimum <= 0)
            {
                problems.Add(new(i, nameof(BudgetLine.Minimum), "The minimum must be greater than zero."));
            }

            if (line.Maximum < line.Minimum)
            {
                problems.Add(new(i, nameof(BudgetLine.Maximum), "The maximum must be at least the minimum."));
            }
            else if (line.Maximum > Amounts.Maximum)
            {
                problems.Add(new(i, nameof(BudgetLine.Maximum), $"A budget line is at most {Amounts.Maximum} minor units."));
            }
        }

        return problems;
    }
}
