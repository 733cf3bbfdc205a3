namespace CommonsCall.Domain.Commons;

/// <summary>A broken budget rule: <see cref="Line"/> is the line's index, or null for the plan as a whole.</summary>
public sealed record BudgetLineProblem(int? Line, string Property, string Message)
{
    /// <summary>The field path as validators and problem details name it, e.g. <c>BudgetLines[2].Maximum</c>.</summary>
    public string Field(string collection) => Line is { } i ? $"{collection}[{i}].{Property}" : collection;
}

/// <summary>
/// The rules of a commons' budget lines: at least one line, each with a description, a minimum above zero
/// and a maximum at least the minimum; the sums (the minimum and maximum goals) must fit in a long.
/// Amounts are minor units.
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
        }

        if (problems.Count == 0 && Totals(lines) is null)
        {
            problems.Add(new(null, string.Empty, "The budget's total is too large."));
        }

        return problems;
    }

    /// <summary>The minimum and maximum goals, or null when a sum does not fit in a long.</summary>
    public static (long Minimum, long Maximum)? Totals(IEnumerable<BudgetLine> lines)
    {
        Int128 minimum = 0, maximum = 0;
        foreach (var line in lines)
        {
            minimum += line.Minimum;
            maximum += line.Maximum;
        }

        return minimum > long.MaxValue || maximum > long.MaxValue || minimum < long.MinValue || maximum < long.MinValue
            ? null
            : ((long)minimum, (long)maximum);
    }
}
