using System.Text;
using CommonsCall.Web.Features.Budgeting;

namespace CommonsCall.Web.Tests.Budgeting;

/// <summary>Contribution changes are announced many per notification; PostgreSQL refuses a payload of 8,000 bytes or more.</summary>
public sealed class ChangeAnnouncementTests
{
    [Fact]
    public void A_burst_of_changes_with_the_largest_amounts_fits_the_notifications_and_every_change_arrives()
    {
        var call = Guid.NewGuid();
        var changes = Enumerable.Range(0, 100)
            .Select(i => new ContributionChanged(call, Guid.NewGuid(), Guid.NewGuid(), long.MaxValue - i, long.MinValue + i, long.MaxValue, DateTimeOffset.MaxValue, long.MaxValue, long.MaxValue - i))
            .ToList();

        var payloads = ContributionEvents.NotifyCommands(changes).Select(c => (string)c.Parameters[1].Value!).ToList();

        payloads.Count.ShouldBeLessThan(changes.Count);
        payloads.ShouldAllBe(p => Encoding.UTF8.GetByteCount(p) < 8_000);
        var events = new ContributionEvents();
        var heard = new List<ContributionChanged>();
        events.Changed += heard.Add;
        payloads.ForEach(events.Raise);
        heard.ShouldBe(changes);
    }
}
