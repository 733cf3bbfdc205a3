namespace CommonsCall.Domain.FollowUp;

public enum DeliverableState
{
    /// <summary>Declared done by a holder, waiting for the facilitator.</summary>
    Declared = 0,
    ChangesRequested = 1,
    Accepted = 2,
}

/// <summary>A holder's declaration that a milestone of the schedule is done, with its evidence, and the facilitator's review.</summary>
public sealed class Deliverable
{
    private List<string> _evidence = [];

    private Deliverable()
    {
    }

    internal Deliverable(Guid agreementId, Guid milestoneId)
    {
        Id = Guid.CreateVersion7();
        AgreementId = agreementId;
        MilestoneId = milestoneId;
    }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public Guid MilestoneId { get; private set; }

    public DeliverableState State { get; private set; }

    /// <summary>Links to what was delivered (repository, documentation, data set).</summary>
    public IReadOnlyList<string> Evidence => _evidence;

    public Guid DeclaredByOrganisationId { get; private set; }

    public DateTimeOffset DeclaredAt { get; private set; }

    public string? ReviewComment { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    internal void Declare(IReadOnlyList<string> evidence, Guid byOrganisationId, DateTimeOffset at)
    {
        _evidence = [.. evidence.Select(e => e.Trim())];
        DeclaredByOrganisationId = byOrganisationId;
        DeclaredAt = at;
        State = DeliverableState.Declared;
        ReviewComment = null;
        ReviewedAt = null;
    }

    internal void Review(DeliverableState state, string? comment, DateTimeOffset at)
    {
        State = state;
        ReviewComment = comment;
        ReviewedAt = at;
    }
}
