using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.FollowUp;

namespace CommonsCall.Domain.Tests;

public sealed class FundingSourcesTests
{
    private static readonly Guid Agency = Guid.NewGuid();
    private static readonly Guid Firm = Guid.NewGuid();
    private static readonly Guid MemberA = Guid.NewGuid();
    private static readonly Guid MemberB = Guid.NewGuid();
    private static readonly Guid Bikes = Guid.NewGuid();
    private static readonly Guid Data = Guid.NewGuid();

    [Fact]
    public void A_commons_award_is_traced_to_the_funders_pledges_and_the_members_own_funds_and_adds_up()
    {
        // Pool 30,000 (agency 20,000, firm 10,000); matching pool 2,000, all the firm's.
        // A: granted 12,000 + own 4,000, gives 8,000 to bikes (6,000 from the pool, 2,000 own).
        // B: granted 12,000, gives 3,000 to bikes and 9,000 to data. Bikes is matched 1,000.
        var parts = FundingSources.Of(
            [new FunderMoney(Agency, 20_000, 0), new FunderMoney(Firm, 10_000, 2_000)],
            [new MemberMoney(MemberA, 12_000, 4_000, 8_000), new MemberMoney(MemberB, 12_000, 0, 12_000)],
            [new SettledGift(MemberA, Bikes, 8_000), new SettledGift(MemberB, Bikes, 3_000), new SettledGift(MemberB, Data, 9_000)],
            new Dictionary<Guid, long> { [Bikes] = 1_000, [Data] = 0 });

        parts[Bikes].ShouldBe([new SourcePart(Agency, 6_000), new SourcePart(Firm, 3_000 + 1_000), new SourcePart(null, 2_000)]);
        parts[Data].ShouldBe([new SourcePart(Agency, 6_000), new SourcePart(Firm, 3_000), new SourcePart(null, 0)]);
    }

    [Fact]
    public void Gifts_to_commons_that_were_not_funded_are_left_out()
    {
        var parts = FundingSources.Of(
            [new FunderMoney(Agency, 10_000, 0)], [new MemberMoney(MemberA, 10_000, 0, 5_000)],
            [new SettledGift(MemberA, Bikes, 5_000), new SettledGift(MemberA, Data, 2_000)], new Dictionary<Guid, long> { [Bikes] = 0 });

        parts.Keys.ShouldBe([Bikes]);
        parts[Bikes].Sum(p => p.Amount).ShouldBe(5_000);
    }

    [Fact]
    public void What_was_paid_and_returned_is_shared_like_the_award_to_the_cent()
    {
        IReadOnlyList<SourcePart> parts = [new SourcePart(Agency, 2), new SourcePart(Firm, 1), new SourcePart(null, 0)];

        FundingSources.Share(100, parts).ShouldBe([67, 33, 0]);
        FundingSources.Share(45_001, parts).Sum().ShouldBe(45_001);
        FundingSources.Share(0, parts).ShouldBe([0, 0, 0]);
    }

    [Fact]
    public void Progress_counts_done_milestones_names_the_next_and_flags_the_late_while_the_commons_is_followed()
    {
        var today = new DateOnly(2026, 12, 7);
        MilestoneMark Mark(string title, int days, bool done) => new(Guid.NewGuid(), title, today.AddDays(days), done);
        var beta = Mark("Bêta", -5, done: false);
        var plans = Mark("Plans", 60, done: false);
        var kickoff = Mark("Lancement", -30, done: true);

        var progress = FollowUpProgress.Of([plans, beta, kickoff], today, agreementClosed: false);
        (progress.Done, progress.Total, progress.Next).ShouldBe((1, 3, beta));
        progress.Late.ShouldBe([beta]);

        var cancelled = FollowUpProgress.Of([plans, beta, kickoff], today, agreementClosed: true);
        (cancelled.Next, cancelled.Late.Count).ShouldBe((null, 0));
        FollowUpProgress.IsLate(done: false, today, today, agreementClosed: false).ShouldBeFalse();
        FollowUpProgress.IsLate(done: false, today.AddDays(-1), today, agreementClosed: false).ShouldBeTrue();
    }
}
