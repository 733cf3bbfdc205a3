namespace CommonsCall.Domain.Budgeting;

public enum LedgerEntryKind
{
    /// <summary>A funder pledged to the pool (or the matching pool).</summary>
    Pledge = 0,

    /// <summary>A member's grant from the pool changed.</summary>
    Grant = 1,

    /// <summary>A member's own funds changed.</summary>
    OwnFunds = 2,

    /// <summary>A member's contribution to a commons changed.</summary>
    Contribution = 3,

    /// <summary>A not-funded commons released a member's contribution back to its balance.</summary>
    Release = 4,

    /// <summary>A funded commons was awarded its total at settlement.</summary>
    Award = 5,

    /// <summary>A commons' match changed: its share of the matching pool at settlement, or a gift's proportional reservation (<see cref="LedgerEntry.MatchingMode"/>).</summary>
    Match = 6,

    /// <summary>A funder pledged to the matching pool.</summary>
    MatchingPledge = 7,

    /// <summary>A tranche of a funded commons' agreement was paid to its lead holder (before and after: what the agreement had paid).</summary>
    Payment = 8,

    /// <summary>A cancelled agreement's unpaid tranche went back to the pool (before and after: what was still to pay).</summary>
    PoolReturn = 9,

    /// <summary>A facilitator corrected a settled award, with a reason in the audit log (before and after: the award).</summary>
    Correction = 10,
}

/// <summary>
/// An append-only record of one money movement, with the quantity it changed before and after. Nothing is
/// ever updated or deleted: balances and totals are always what these entries sum to.
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry()
    {
    }

    public LedgerEntry(Guid callId, LedgerEntryKind kind, long before, long after, string? actorUserId, Guid? organisationId, Guid? commonsId, DateTimeOffset at, MatchingMode? matchingMode = null)
    {
        MatchingMode = matchingMode;
        CallId = callId;
        Kind = kind;
        Before = before;
        After = after;
        Amount = after - before;
        ActorUserId = actorUserId;
        OrganisationId = organisationId;
        CommonsId = commonsId;
        At = at;
    }

    /// <summary>Database sequence: the order in which movements happened.</summary>
    public long Id { get; private set; }

    public Guid CallId { get; private set; }

    public LedgerEntryKind Kind { get; private set; }

    /// <summary>The movement: <c>After - Before</c>.</summary>
    public long Amount { get; private set; }

    public long Before { get; private set; }

    public long After { get; private set; }

    /// <summary>The user who caused it; null for the system (settlement).</summary>
    public string? ActorUserId { get; private set; }

    public Guid? OrganisationId { get; private set; }

    public Guid? CommonsId { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>
    /// Which matching a <see cref="LedgerEntryKind.Match"/> entry belongs to (null for other kinds): quadratic at settlement
    /// (the commons' share, no organisation), proportional at each gift (the contribution's reservation, with its organisation).
    /// </summary>
    public MatchingMode? MatchingMode { get; private set; }
}
