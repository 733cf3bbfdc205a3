using System.Text.Json.Serialization;
using CommonsCall.Domain.Onboarding;
using CommonsCall.Domain.Organisations;
using FluentValidation;

namespace CommonsCall.Web.Features.Onboarding;

/// <summary>
/// The organisations file (<see cref="OnboardingFile"/>: columns nom, type, rôle, territoire, emails) to preview or
/// apply in the call <see cref="CallId"/>, which the API takes from the route.
/// </summary>
public sealed record ImportOrganisations(string Csv)
{
    [JsonIgnore]
    public Guid CallId { get; init; }
}

/// <summary>Sends a person of the status list a new invitation (the previous link stops working).</summary>
public sealed record ResendInvitation(Guid CallId, Guid InvitationId);

public sealed class ImportOrganisationsValidator : AbstractValidator<ImportOrganisations>
{
    public ImportOrganisationsValidator() => RuleFor(x => x.Csv).NotNull().MaximumLength(OnboardingFile.MaxBytes);
}

/// <summary>One line of the file as the preview shows it: what applying it does, or why it will not be applied.</summary>
public sealed record ImportPreviewLine(
    int Line,
    string Name,
    OrganisationKind? Kind,
    ParticipantRole Role,
    string? Territory,
    IReadOnlyList<string> Addresses,
    OrganisationAction Organisation,
    ParticipantAction Participant,
    IReadOnlyList<PlannedEmail> Emails,
    IReadOnlyList<string> Errors);

/// <summary>The preview of a file: every line, and what applying it would do; nothing is applied.</summary>
public sealed record ImportPreview(
    IReadOnlyList<ImportPreviewLine> Lines, int LinesInError, int LinesToApply, int OrganisationsToCreate, int ParticipantsToInvite, int InvitationsToSend,
    int RepresentativesToAdd)
{
    /// <summary>Whether applying would change anything (lines in error are never applied).</summary>
    public bool CanApply => LinesToApply > 0;
}

/// <summary>What applying a file did.</summary>
public sealed record ImportOutcome(int LinesApplied, int LinesInError, int OrganisationsCreated, int ParticipantsInvited, int InvitationsSent, int RepresentativesAdded);

public enum OnboardingStatus
{
    /// <summary>The mail is queued or was accepted by the mail server; the link is still valid.</summary>
    Invited,

    /// <summary>The person registered (or already had an account) and represents the organisation.</summary>
    Joined,

    /// <summary>The mail could not be delivered (the outbox gave it up as Failed): check the address, then resend.</summary>
    Bounced,

    /// <summary>The link expired unused: resend.</summary>
    Expired,
}

/// <summary>One person of the call's onboarding status list.</summary>
public sealed record OnboardingStatusRow(
    Guid Id, Guid OrganisationId, string Organisation, string Email, OnboardingStatus Status, DateTimeOffset SentAt, DateTimeOffset? ExpiresAt, string? Reason)
{
    public bool CanResend => Status != OnboardingStatus.Joined;
}
