using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Common;

namespace CommonsCall.Domain.FollowUp;

/// <summary>Where a funded commons stands: funded at settlement, in progress once its schedule is accepted, then delivered or cancelled.</summary>
public enum AgreementStatus
{
    Funded = 0,
    InProgress = 1,
    Delivered = 2,
    Cancelled = 3,
}

public enum ScheduleState
{
    None = 0,
    Proposed = 1,
    Accepted = 2,
}

/// <summary>
/// The funding agreement of one funded commons (convention de financement): its award, its lead holder (porteur
/// pilote, the co-creator that receives the money; the other co-creators are associates), its schedule of tranches
/// tied to milestones, and the deliverables declared against those milestones. Every movement of money it makes is
/// returned as ledger entries for the caller to store in the same transaction: payments, returns to the pool,
/// corrections. Figures only grow by those entries: <see cref="Paid"/> + <see cref="ReturnedToPool"/> never exceed
/// <see cref="Award"/>, and nothing is deleted.
/// </summary>
public sealed class FundingAgreement
{
    private readonly List<Tranche> _tranches = [];
    private readonly List<Deliverable> _deliverables = [];

    private FundingAgreement()
    {
    }

    public FundingAgreement(Guid callId, Guid commonsId, Guid leadOrganisationId, long award, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        CallId = callId;
        CommonsId = commonsId;
        LeadOrganisationId = leadOrganisationId;
        Award = award;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public Guid CommonsId { get; private set; }

    public Guid LeadOrganisationId { get; private set; }

    /// <summary>The commons' total plus its match at settlement, as corrected since.</summary>
    public long Award { get; private set; }

    public long Paid { get; private set; }

    /// <summary>What went back to the pool when the agreement was cancelled.</summary>
    public long ReturnedToPool { get; private set; }

    public AgreementStatus Status { get; private set; }

    public ScheduleState Schedule { get; private set; }

    public string? CancelReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ScheduleAcceptedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>What may still be paid: the award less what was paid and what went back to the pool.</summary>
    public long Remaining => Award - Paid - ReturnedToPool;

    public bool IsClosed => Status is AgreementStatus.Delivered or AgreementStatus.Cancelled;

    /// <summary>The tranches, in no particular order when loaded from storage: <see cref="InOrder"/> is the schedule's order.</summary>
    public IReadOnlyList<Tranche> Tranches => _tranches;

    public IReadOnlyList<Deliverable> Deliverables => _deliverables;

    /// <summary>
    /// The facilitator proposes (or re-proposes) the schedule, and may name another co-creator as lead holder:
    /// 1. the agreement is open; 2. its schedule is not accepted yet; 3. the lead holder is a co-creator;
    /// 4. <see cref="PaymentSchedule.Split"/>'s rules.
    /// </summary>
    public Result ProposeSchedule(IReadOnlyList<TrancheTerms> terms, Guid leadOrganisationId, IReadOnlySet<Guid> coCreators, IReadOnlySet<Guid> milestones)
    {
        if (CheckOpen() is { Error: { } closed })
        {
            return closed;
        }

        if (Schedule == ScheduleState.Accepted)
        {
            return Result.Fail(ErrorCodes.ScheduleLocked, "The lead holder accepted the schedule: it no longer changes.");
        }

        if (!coCreators.Contains(leadOrganisationId))
        {
            return Result.Fail(ErrorCodes.UnknownOrganisation, "The lead holder must be one of the commons' co-creators.");
        }

        var split = PaymentSchedule.Split(Award, terms, milestones);
        if (split.Value is not { } amounts)
        {
            return split.Error!;
        }

        _tranches.Clear();
        _tranches.AddRange(amounts.Select((a, i) => new Tranche(Id, i + 1, a.MilestoneId, a.Percent, a.Amount)));
        LeadOrganisationId = leadOrganisationId;
        Schedule = ScheduleState.Proposed;
        return Result.Ok();
    }

    /// <summary>
    /// The lead holder accepts the proposed schedule, which locks it: 1. the actor represents the lead holder;
    /// 2. the agreement is open; 3. a schedule is proposed and not yet accepted. The tranche paid at the start is paid now.
    /// </summary>
    public Result<IReadOnlyList<LedgerEntry>> AcceptSchedule(bool actorRepresentsLead, string? actorUserId, DateTimeOffset at)
    {
        if (!actorRepresentsLead)
        {
            return new DomainError(ErrorCodes.Forbidden, "Only the lead holder's representatives accept the schedule.");
        }

        if (CheckOpen() is { Error: { } closed })
        {
            return closed;
        }

        if (Schedule != ScheduleState.Proposed)
        {
            return Schedule == ScheduleState.Accepted
                ? new DomainError(ErrorCodes.ScheduleLocked, "The schedule is already accepted.")
                : new DomainError(ErrorCodes.ScheduleNotProposed, "No schedule has been proposed yet.");
        }

        Schedule = ScheduleState.Accepted;
        ScheduleAcceptedAt = at;
        Status = AgreementStatus.InProgress;
        return PayTranches(t => t.MilestoneId is null, actorUserId, at);
    }

    /// <summary>
    /// A holder declares a milestone of the schedule done, with evidence: 1. the agreement is open; 2. its schedule is
    /// accepted; 3. the milestone pays a tranche; 4. it is not accepted already; 5. there is evidence: links, or
    /// <paramref name="files"/> attached with the declaration (stored beside it as attachments). A new declaration
    /// replaces one waiting for review or sent back for changes; files attached before stay with it.
    /// </summary>
    public Result<Deliverable> DeclareDone(Guid milestoneId, IReadOnlyList<string> evidence, Guid byOrganisationId, DateTimeOffset at, int files = 0)
    {
        if (CheckOpen() is { Error: { } closed })
        {
            return closed;
        }

        if (Schedule != ScheduleState.Accepted)
        {
            return new DomainError(ErrorCodes.ScheduleNotAccepted, "Milestones are declared once the lead holder has accepted the schedule.");
        }

        if (_tranches.All(t => t.MilestoneId != milestoneId))
        {
            return new DomainError(ErrorCodes.UnknownMilestone, "This milestone pays no tranche of the schedule.");
        }

        var existing = _deliverables.SingleOrDefault(d => d.MilestoneId == milestoneId);
        if (existing?.State == DeliverableState.Accepted)
        {
            return new DomainError(ErrorCodes.MilestoneAlreadyAccepted, "This milestone is already accepted.");
        }

        if ((evidence.Count == 0 && files == 0) || evidence.Any(string.IsNullOrWhiteSpace))
        {
            return new DomainError(ErrorCodes.EvidenceRequired, "Declare a milestone done with at least one link to what was delivered, or a file.");
        }

        if (existing is null)
        {
            existing = new Deliverable(Id, milestoneId);
            _deliverables.Add(existing);
        }

        existing.Declare(evidence, byOrganisationId, at);
        return existing;
    }

    /// <summary>
    /// The facilitator accepts a declared milestone, which pays its tranche: 1. the agreement is open; 2. the milestone
    /// is declared and waiting for review. When every tranche is paid, the commons is delivered.
    /// </summary>
    public Result<IReadOnlyList<LedgerEntry>> AcceptDeliverable(Guid milestoneId, string? actorUserId, DateTimeOffset at)
    {
        if (PendingDeliverable(milestoneId) is not { } deliverable)
        {
            return PendingError(milestoneId);
        }

        deliverable.Review(DeliverableState.Accepted, null, at);
        var paid = PayTranches(t => t.MilestoneId == milestoneId, actorUserId, at);
        if (paid.IsSuccess && _tranches.All(t => t.State == TrancheState.Paid))
        {
            Status = AgreementStatus.Delivered;
            ClosedAt = at;
        }

        return paid;
    }

    /// <summary>The facilitator sends a declared milestone back with a comment (1. open; 2. waiting for review; 3. a comment).</summary>
    public Result AskChanges(Guid milestoneId, string comment, DateTimeOffset at)
    {
        if (PendingDeliverable(milestoneId) is not { } deliverable)
        {
            return PendingError(milestoneId).Error!;
        }

        if (string.IsNullOrWhiteSpace(comment))
        {
            return Result.Fail(ErrorCodes.CommentRequired, "Say what should change.");
        }

        deliverable.Review(DeliverableState.ChangesRequested, comment.Trim(), at);
        return Result.Ok();
    }

    /// <summary>
    /// The facilitator cancels the agreement: 1. it is open; 2. there is a reason. Every tranche not paid goes back to
    /// the pool, one ledger entry each (the whole remainder in one entry when no schedule was proposed); what was paid
    /// stays paid.
    /// </summary>
    public Result<IReadOnlyList<LedgerEntry>> Cancel(string reason, string? actorUserId, DateTimeOffset at)
    {
        if (CheckOpen() is { Error: { } closed })
        {
            return closed;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DomainError(ErrorCodes.ReasonRequired, "Cancelling a commons needs a reason.");
        }

        var returns = new List<LedgerEntry>();
        var due = InOrder.Where(t => t.State == TrancheState.Due).Select(t => (Tranche: (Tranche?)t, t.Amount)).ToList();
        if (_tranches.Count == 0 && Remaining > 0)
        {
            due.Add((null, Remaining));
        }

        foreach (var (tranche, amount) in due)
        {
            returns.Add(new LedgerEntry(CallId, LedgerEntryKind.PoolReturn, Remaining, Remaining - amount, actorUserId, LeadOrganisationId, CommonsId, at));
            ReturnedToPool += amount;
            tranche?.MarkReturned(at);
        }

        Status = AgreementStatus.Cancelled;
        CancelReason = reason.Trim();
        ClosedAt = at;
        return returns;
    }

    /// <summary>
    /// The facilitator corrects the award: 1. the agreement is open; 2. there is a reason; 3. the new award is a valid
    /// amount and differs; 4. it still covers what is paid, and the difference fits in the last tranche not yet paid
    /// (a schedule's tranches keep summing to the award).
    /// </summary>
    public Result<LedgerEntry> CorrectAward(long award, string reason, string? actorUserId, DateTimeOffset at)
    {
        if (CheckOpen() is { Error: { } closed })
        {
            return closed;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DomainError(ErrorCodes.ReasonRequired, "A correction needs a reason.");
        }

        if (!Amounts.IsValid(award) || award == Award)
        {
            return new DomainError(ErrorCodes.InvalidAmount, "A corrected award is an amount from zero to the maximum, other than the current one.");
        }

        var delta = award - Award;
        var lastDue = InOrder.LastOrDefault(t => t.State == TrancheState.Due);
        if (award < Paid || (_tranches.Count > 0 && (lastDue is null || lastDue.Amount + delta < 0)))
        {
            return new DomainError(ErrorCodes.ExceedsRemaining, "The correction takes the award below what is paid or already promised to earlier tranches.");
        }

        lastDue?.Adjust(delta);
        var entry = new LedgerEntry(CallId, LedgerEntryKind.Correction, Award, award, actorUserId, LeadOrganisationId, CommonsId, at);
        Award = award;
        return entry;
    }

    /// <summary>The tranches in the schedule's order (position 1 first).</summary>
    private IEnumerable<Tranche> InOrder => _tranches.OrderBy(t => t.Position);

    private Result CheckOpen() => Status switch
    {
        AgreementStatus.Cancelled => Result.Fail(ErrorCodes.AgreementClosed, "This commons is cancelled: its agreement no longer changes."),
        AgreementStatus.Delivered => Result.Fail(ErrorCodes.AgreementClosed, "This commons is delivered: its agreement no longer changes."),
        _ => Result.Ok(),
    };

    private Deliverable? PendingDeliverable(Guid milestoneId) =>
        IsClosed ? null : _deliverables.SingleOrDefault(d => d.MilestoneId == milestoneId && d.State == DeliverableState.Declared);

    private Result<IReadOnlyList<LedgerEntry>> PendingError(Guid milestoneId) =>
        CheckOpen() is { Error: { } closed }
            ? closed
            : new DomainError(ErrorCodes.DeliverableNotPending, $"Milestone {milestoneId} is not declared done and waiting for review.");

    /// <summary>Pays the due tranches that <paramref name="which"/> selects, each once, never beyond what is left.</summary>
    private Result<IReadOnlyList<LedgerEntry>> PayTranches(Func<Tranche, bool> which, string? actorUserId, DateTimeOffset at)
    {
        var due = InOrder.Where(t => t.State == TrancheState.Due && which(t)).ToList();
        if (due.Sum(t => t.Amount) > Remaining)
        {
            return new DomainError(ErrorCodes.ExceedsRemaining, "A payment never exceeds what is left of the award.");
        }

        var payments = new List<LedgerEntry>();
        foreach (var tranche in due)
        {
            payments.Add(new LedgerEntry(CallId, LedgerEntryKind.Payment, Paid, Paid + tranche.Amount, actorUserId, LeadOrganisationId, CommonsId, at));
            Paid += tranche.Amount;
            tranche.MarkPaid(at);
        }

        return payments;
    }
}
