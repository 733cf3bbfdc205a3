namespace CommonsCall.Web.Tests.Infrastructure;

/// <summary>
/// The guard against a suite that goes red on a calendar date (6 December 2026: a clock pinned to 22 November
/// issued sign-in cookies that browsers had already dropped as expired). The app's clock in tests is the real time.
/// </summary>
public sealed class TestClockTests
{
    [Fact]
    public void The_test_clock_starts_within_a_day_of_the_real_time()
    {
        (new TestClock().GetUtcNow() - DateTimeOffset.UtcNow).Duration().ShouldBeLessThan(TimeSpan.FromDays(1));
        (TestClock.Start - DateTimeOffset.UtcNow).Duration().ShouldBeLessThan(TimeSpan.FromDays(1));
        TestClock.Today.ShouldBe(DateOnly.FromDateTime(TestClock.Start.UtcDateTime));
    }
}
