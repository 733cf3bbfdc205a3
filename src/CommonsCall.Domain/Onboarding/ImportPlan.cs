using CommonsCall.Domain.Calls;

namespace CommonsCall.Domain.Onboarding;

/// <summary>An organisation already on the platform, as the import sees it: who represents it, by email (lower case).</summary>
public sealed record KnownOrganisation(Guid Id, string Name, IReadOnlySet<string> RepresentativeEmails)
{
    public bool IsRepresented => RepresentativeEmails.Count > 0;
}

/// <summary>What the platform and the call hold when a file is planned.</summary>
public sealed record ImportState(
    IReadOnlyList<KnownOrganisation> Organisations,
    IReadOnlyDictionary<(Guid OrganisationId, ParticipantRole Role), InvitationState> Participants,
    IReadOnlySet<(Guid OrganisationId, string Email)> Invited,
    IReadOnlySet<string> RegisteredEmails);

public enum OrganisationAction
{
    /// <summary>A new organisation is created (by the first line that names it).</summary>
    Create,

    /// <summary>The organisation exists, or an earlier line of the file creates it.</summary>
    Existing,
}

public enum ParticipantAction
{
    Invite,
    AlreadyInvited,
    AlreadyJoined,

    /// <summary>It declined or left: an import does not invite it again (the participants page does).</summary>
    Left,
}

public enum EmailAction
{
    /// <summary>An invitation to create an account representing the organisation is mailed.</summary>
    Invite,

    /// <summary>The person has an account already: they become a representative of the new organisation at once.</summary>
    AddRegistered,
    AlreadyInvited,
    AlreadyRepresentative,
}

public sealed record PlannedEmail(string Email, EmailAction Action);

/// <summary>
/// What applying one line does, or its errors (then nothing of it is applied). <paramref name="Key"/> names the
/// organisation across lines: the normalised name.
/// </summary>
public sealed record PlannedLine(
    OnboardingRow Row, string Key, Guid? OrganisationId, OrganisationAction Organisation, ParticipantAction Participant, IReadOnlyList<PlannedEmail> Emails, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public bool ChangesSomething => IsValid && (Organisation == OrganisationAction.Create || Participant == ParticipantAction.Invite
        || Emails.Any(e => e.Action is EmailAction.Invite or EmailAction.AddRegistered));
}

/// <summary>
/// Decides, line by line, what importing a file into a call does. Pure: the preview shows it, and applying plans
/// again inside the call's lock and does exactly what the plan says for its valid lines; a plan made on what a
/// first import left changes nothing (organisations are matched by normalised name, people already invited or
/// representing the organisation are not invited again).
/// </summary>
public static class ImportPlan
{
    public static IReadOnlyList<PlannedLine> Make(IReadOnlyList<OnboardingRow> rows, ImportState state)
    {
        var known = new Dictionary<string, KnownOrganisation>(StringComparer.Ordinal);
        foreach (var organisation in state.Organisations)
        {
            known.TryAdd(OrganisationNames.Normalise(organisation.Name), organisation);
        }

        var created = new HashSet<string>(StringComparer.Ordinal);
        var plannedEmails = new HashSet<(string Key, string Email)>();
        var lines = new List<PlannedLine>();
        foreach (var row in rows)
        {
            var key = OrganisationNames.Normalise(row.Name);
            var existing = known.GetValueOrDefault(key);
            var errors = new List<string>(row.Errors);
            var emails = row.Emails.Select(e => e.ToLowerInvariant()).ToList();
            bool Tracked(string email) => existing is not null && state.Invited.Contains((existing.Id, email));
            if (errors.Count == 0 && existing is { IsRepresented: true } && emails.Any(e => !existing.RepresentativeEmails.Contains(e) && !Tracked(e)))
            {
                // A representative speaks (and spends) for the organisation: only its own representatives add another.
                errors.Add(OnboardingCodes.RepresentedOrganisation);
            }

            if (errors.Count == 0 && existing is null && !created.Contains(key) && emails.Count == 0)
            {
                errors.Add(OnboardingCodes.EmailsRequired);
            }

            if (errors.Count > 0)
            {
                lines.Add(new PlannedLine(row, key, existing?.Id, existing is null ? OrganisationAction.Create : OrganisationAction.Existing, ParticipantAction.Invite, [], errors));
                continue;
            }

            var organisation = existing is null && created.Add(key) ? OrganisationAction.Create : OrganisationAction.Existing;
            var participant = existing is not null && state.Participants.TryGetValue((existing.Id, row.Role), out var participantState)
                ? participantState switch
                {
                    InvitationState.Invited => ParticipantAction.AlreadyInvited,
                    InvitationState.Joined => ParticipantAction.AlreadyJoined,
                    _ => ParticipantAction.Left,
                }
                : ParticipantAction.Invite;
            var planned = emails.Select(email => new PlannedEmail(email,
                Tracked(email) || !plannedEmails.Add((key, email)) ? EmailAction.AlreadyInvited
                : existing?.RepresentativeEmails.Contains(email) == true ? EmailAction.AlreadyRepresentative
                : state.RegisteredEmails.Contains(email) ? EmailAction.AddRegistered
                : EmailAction.Invite)).ToList();
            lines.Add(new PlannedLine(row, key, existing?.Id, organisation, participant, planned, []));
        }

        return lines;
    }
}
