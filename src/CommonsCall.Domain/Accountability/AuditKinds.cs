namespace CommonsCall.Domain.Accountability;

/// <summary>
/// The kinds of audit entries the application writes (<c>AuditEntry.Action</c>), each told as a sentence by the
/// resource <c>audit.kind.{kind}</c> and named in a filter by the short label <c>audit.label.{kind}</c>, in French and
/// English. A kind is <c>family.what_happened</c>; a filter groups kinds under <c>audit.family.{family}</c>. A kind
/// written before this list knew it is still shown, with a plain sentence naming it (<see cref="IsKnown"/> is false).
/// </summary>
public static class AuditKinds
{
    public const string GainMeasured = "commons.gain_measured";

    public static readonly IReadOnlyList<string> All =
    [
        "call.created", "call.edited", "call.phase_changed",
        "call.glossary_term_added", "call.glossary_term_edited", "call.glossary_term_removed",
        "call.scope_statement_added", "call.scope_statement_edited", "call.scope_statement_removed",
        "call.participant_invited", "call.participant_joined", "call.participant_left",
        "call.facilitator_appointed", "call.facilitator_invited", "call.facilitator_removed",
        "call.organisations_imported", "call.onboarding_invitation_resent",
        "challenge.created", "challenge.edited", "challenge.published", "challenge.archived", "challenge.resource_person_set",
        "commons.edited", "commons.budget_changed", "commons.challenges_linked", "commons.co_creator_added", "commons.co_creator_removed",
        "commons.cover_set", "commons.cover_removed", "commons.approved", "commons.sent_back", GainMeasured,
        "positioning.set", "positioning.withdrawn",
        "milestone.added", "milestone.updated", "milestone.deleted", "meeting.added", "meeting.deleted",
        "budget.rules_changed", "budget.grants_set", "budget.round_closed",
        "agreement.schedule_proposed", "agreement.schedule_accepted", "agreement.milestone_declared", "agreement.milestone_accepted",
        "agreement.changes_asked", "agreement.cancelled", "agreement.award_corrected",
        "comment.hidden", "comment.reports_dismissed", "announcement.published",
        "organisation.edited", "organisation.representative_removed",
        "user.disabled", "user.enabled", "user.role_granted", "user.role_revoked",
        "recognition.badge_revoked",
        "evaluation.grid_saved", "evaluation.evaluator_appointed", "evaluation.evaluator_invited", "evaluation.evaluator_removed",
        "evaluation.assigned", "evaluation.unassigned", "evaluation.assignment_refused_conflict", "evaluation.scored",
        "evaluation.score_refused_conflict", "selection.session_opened", "selection.session_published",
        "objections.window_opened", "objections.answered",
        "expense.recorded", "expense.corrected", "expense.removed", "expense.receipts_added",
    ];

    /// <summary>The families of kinds, in the order a call lives them: the audit trail's filter lists them so.</summary>
    public static readonly IReadOnlyList<string> Families =
    [
        "call", "challenge", "commons", "positioning", "milestone", "meeting", "evaluation", "objections", "selection", "budget",
        "agreement", "expense", "recognition", "comment", "announcement", "organisation", "user",
    ];

    /// <summary>The families whose entries concern an account or an organisation rather than one call: a call's trail never holds them.</summary>
    public static readonly IReadOnlyList<string> OutsideCalls = ["organisation", "user"];

    private static readonly HashSet<string> Known = [.. All];

    public static bool IsKnown(string kind) => Known.Contains(kind);

    /// <summary>The resource key of the sentence telling an entry of this kind (the generic one for a kind not in the list).</summary>
    public static string SentenceKey(string kind) => IsKnown(kind) ? $"audit.kind.{kind}" : "audit.kind.other";

    /// <summary>The resource key of the kind's short label, for a filter (<c>Milestone accepted, tranche paid</c>).</summary>
    public static string LabelKey(string kind) => $"audit.label.{kind}";

    public static string FamilyOf(string kind) => kind.Split('.')[0];

    /// <summary>The resource key naming a family of kinds in a filter.</summary>
    public static string FamilyKey(string family) => $"audit.family.{family}";
}
