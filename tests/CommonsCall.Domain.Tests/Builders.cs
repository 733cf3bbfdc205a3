using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.Tests;

/// <summary>
/// A contribution that passes every rule: a joined member with 1 000.00 of balance, 200.00 already given to
/// other commons and nothing yet to this one, which holds 500.00 of a 5 000.00 maximum. Tests change one
/// thing with <c>with { ... }</c>.
/// </summary>
internal static class AContribution
{
    public static ContributionContext ThatPassesEveryRule { get; } = new()
    {
        UserRepresentsMember = true,
        MemberHasJoined = true,
        RoundIsOpen = true,
        CommonsIsApproved = true,
        MemberIsCoCreator = false,
        Rules = BudgetRules.Default,
        MemberBalance = 100_000,
        MemberContributed = 20_000,
        CurrentAmount = 0,
        CommonsTotal = 50_000,
        CommonsMaximumGoal = 500_000,
    };

    /// <summary>The same member, already giving <paramref name="current"/> to this commons (counted in both totals).</summary>
    public static ContributionContext AlreadyGiving(long current) => ThatPassesEveryRule with
    {
        CurrentAmount = current,
        MemberContributed = ThatPassesEveryRule.MemberContributed + current,
        CommonsTotal = ThatPassesEveryRule.CommonsTotal + current,
    };

    public static ContributionContext WithRules(this ContributionContext ctx, Func<BudgetRules, BudgetRules> change) =>
        ctx with { Rules = change(ctx.Rules) };
}

/// <summary>Calls brought to a phase the way a facilitator would: one step at a time, preconditions met.</summary>
internal static class ACall
{
    public static readonly DateTimeOffset CreatedAt = TestClock.Start;

    /// <summary>Facts under which every phase move's preconditions hold.</summary>
    public static PhaseFacts ReadyFacts { get; } = new(MemberParticipants: 3, PublishedChallenges: 2, ApprovedCommons: 1, Pool: 1_000_000, OwnFunds: 0);

    public static Call InDraft() =>
        new("Communs de la mobilité", "communs-mobilite", "Un appel à communs.", "Lyon", "EUR", CallVisibility.Public, CreatedAt);

    /// <summary>A call moved up to <paramref name="phase"/> (Results is reached by settling), with <paramref name="rules"/> set before Budgeting.</summary>
    public static Call In(CallPhase phase, BudgetRules? rules = null)
    {
        var call = InDraft();
        if (rules is not null)
        {
            call.ChangeBudgetRules(rules).ShouldSucceed();
        }

        while (call.Phase < phase)
        {
            if (call.Phase == CallPhase.Budgeting)
            {
                call.MarkSettled(CreatedAt.AddDays(60)).ShouldSucceed();
            }
            else
            {
                call.MoveTo(call.Phase + 1, ReadyFacts).ShouldSucceed();
            }
        }

        return call;
    }
}

internal static class ResultAssertions
{
    public static void ShouldSucceed(this Result result) =>
        result.Error.ShouldBeNull($"expected success but was refused with {result.Error}");

    public static T ShouldSucceed<T>(this Result<T> result)
    {
        result.Error.ShouldBeNull($"expected success but was refused with {result.Error}");
        return result.Value!;
    }

    public static void ShouldBeRefusedWith(this Result result, string code)
    {
        result.IsSuccess.ShouldBeFalse($"expected refusal {code} but it succeeded");
        result.Error!.Code.ShouldBe(code);
        result.Error.Detail.ShouldNotBeNullOrWhiteSpace();
    }

    public static void ShouldBeRefusedWith<T>(this Result<T> result, string code)
    {
        result.IsSuccess.ShouldBeFalse($"expected refusal {code} but it succeeded with {result.Value}");
        result.Error!.Code.ShouldBe(code);
        result.Error.Detail.ShouldNotBeNullOrWhiteSpace();
    }
}
