using CommonsCall.Domain.Budgeting;

namespace CommonsCall.Domain.Tests;

public sealed class FunderReportTests
{
    [Fact]
    public void An_amount_is_split_in_proportion_to_the_weights_and_the_parts_add_up_exactly()
    {
        FunderReport.Split(100, [1, 1, 1]).ShouldBe([34, 33, 33]);
        FunderReport.Split(1_000, [3_000, 1_000]).ShouldBe([750, 250]);
        FunderReport.Split(0, [5, 5]).ShouldBe([0, 0]);
        FunderReport.Split(10, [0, 0]).ShouldBe([0, 0]);
    }

    [Fact]
    public void Each_funder_gets_back_its_share_of_the_ungranted_pool_the_unspent_grants_and_the_unmatched_pool()
    {
        var agency = Guid.NewGuid();
        var firm = Guid.NewGuid();
        // Pool 30,000 (agency 20,000 + firm 10,000), 24,000 granted, 6,000 never granted.
        // Member A: granted 12,000 + own 4,000, spent 12,000: 4,000 unspent, 3/4 of it from the pool = 3,000.
        // Member B: granted 12,000, spent 12,000: nothing unspent.
        // Unspent pool = 6,000 + 3,000 = 9,000: agency 6,000, firm 3,000. Unmatched 500, all the firm's.
        var report = FunderReport.Compute(
            [new FunderMoney(agency, 20_000, 0), new FunderMoney(firm, 10_000, 2_000)],
            [new MemberMoney(Guid.NewGuid(), 12_000, 4_000, 12_000), new MemberMoney(Guid.NewGuid(), 12_000, 0, 12_000)],
            unmatchedPool: 500);

        report.Single(r => r.FunderOrganisationId == agency).ShouldBe(new FunderUnspent(agency, 20_000, 0, 6_000, 0));
        report.Single(r => r.FunderOrganisationId == firm).ShouldBe(new FunderUnspent(firm, 10_000, 2_000, 3_000, 500));
    }
}
