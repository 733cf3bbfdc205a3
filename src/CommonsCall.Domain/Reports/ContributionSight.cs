namespace CommonsCall.Domain.Reports;

/// <summary>
/// Whose contributions one viewer may see (DESIGN.md <c>ContributionsVisibility</c>): everyone's when
/// <see cref="Everyone"/> (facilitators, or the call's rule shows them), otherwise only those of the
/// organisations in <see cref="Own"/> (a member always sees its own).
/// </summary>
public sealed record ContributionSight(bool Everyone, IReadOnlySet<Guid> Own)
{
    public static ContributionSight All { get; } = new(true, new HashSet<Guid>());

    public static ContributionSight OnlyOwn(IEnumerable<Guid> own) => new(false, own.ToHashSet());

    public bool Sees(Guid organisationId) => Everyone || Own.Contains(organisationId);
}
