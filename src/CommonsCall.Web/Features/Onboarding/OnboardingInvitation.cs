namespace CommonsCall.Web.Features.Onboarding;

/// <summary>
/// One person a facilitator's import asked to represent an organisation of a call: the account invitation and the
/// mail behind it (the latest, after a resend), so that the call's status list shows who joined, whose mail bounced
/// and whose link expired. A person who already had an account is recorded without an invitation: they were added.
/// </summary>
public sealed class OnboardingInvitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CallId { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>Lower case: the key that makes a second import of the same file invite nobody again.</summary>
    public required string Email { get; set; }

    public Guid? AccountInvitationId { get; set; }

    public Guid? OutboxMessageId { get; set; }

    public required string InvitedByUserId { get; set; }

    public DateTimeOffset InvitedAt { get; set; }

    /// <summary>When the latest mail was queued (the first invitation or a resend).</summary>
    public DateTimeOffset SentAt { get; set; }
}
