namespace CommonsCall.Web.Features.Budgeting;

public sealed record ContributionChanged(Guid CallId, Guid CommonsId, Guid OrganisationId, long Before, long After, long CommonsTotal, DateTimeOffset At);

/// <summary>
/// Announces accepted money changes to the open pages of this app instance (commons pages, budgets,
/// dashboards), which reload what their viewer may see. Subscribers must marshal to their own renderer.
/// </summary>
public sealed class ContributionEvents
{
    public event Action<ContributionChanged>? Changed;

    /// <summary>Raised for changes that are not one contribution (grants, pledges, settlement): reload everything of the call.</summary>
    public event Action<Guid>? CallChanged;

    public void Publish(ContributionChanged change) => Changed?.Invoke(change);

    public void PublishCallChanged(Guid callId) => CallChanged?.Invoke(callId);
}
