namespace CommonsCall.Domain.FollowUp;

public enum TrancheState
{
    Due = 0,
    Paid = 1,

    /// <summary>Not paid when the agreement was cancelled: its amount went back to the pool.</summary>
    Returned = 2,
}

/// <summary>One payment of a schedule: paid at the start (no milestone) or when its milestone is accepted; paid once.</summary>
public sealed class Tranche
{
    private Tranche()
    {
    }

    internal Tranche(Guid agreementId, int position, Guid? milestoneId, int percent, long amount)
    {
        Id = Guid.CreateVersion7();
        AgreementId = agreementId;
        Position = position;
        MilestoneId = milestoneId;
        Percent = percent;
        Amount = amount;
    }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    /// <summary>1 for the first tranche of the schedule.</summary>
    public int Position { get; private set; }

    /// <summary>The milestone whose acceptance pays it; null for the tranche paid at the start.</summary>
    public Guid? MilestoneId { get; private set; }

    public int Percent { get; private set; }

    public long Amount { get; private set; }

    public TrancheState State { get; private set; }

    public DateTimeOffset? SettledAt { get; private set; }

    internal void MarkPaid(DateTimeOffset at)
    {
        State = TrancheState.Paid;
        SettledAt = at;
    }

    internal void MarkReturned(DateTimeOffset at)
    {
        State = TrancheState.Returned;
        SettledAt = at;
    }

    /// <summary>A correction of the award lands on the last tranche not yet paid.</summary>
    internal void Adjust(long delta) => Amount = checked(Amount + delta);
}
