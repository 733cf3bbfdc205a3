namespace CommonsCall.Domain.Common;

/// <summary>
/// The stable error codes of DESIGN.md. They are part of the public API (problem details <c>code</c>)
/// and the keys of the UI's translated messages: never rename one.
/// </summary>
public static class ErrorCodes
{
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string Validation = "validation_failed";
    public const string Conflict = "conflict";

    /// <summary>A state-changing request carried the sign-in cookie but did not come from our own pages (cross-site request forgery).</summary>
    public const string CrossSiteRequest = "cross_site_request";

    /// <summary>Needs a person signed in on our pages: a personal access token may not do it (e.g. mint tokens).</summary>
    public const string InteractiveSessionRequired = "interactive_session_required";

    /// <summary>Needs a password proved recently (GitHub's "sudo mode"): the person signs in again, then retries (e.g. mint a token).</summary>
    public const string RecentSignInRequired = "recent_sign_in_required";

    /// <summary>The database does not answer (stopped, restarting, unreachable): a change is all or nothing, read the state again before retrying.</summary>
    public const string DatabaseUnavailable = "database_unavailable";

    /// <summary>Done too often by one person or address (invitations, password resets...): wait and retry (429).</summary>
    public const string RateLimited = "rate_limited";

    // Contributions (DESIGN.md budget rules 1-7).
    public const string RoundClosed = "round_closed";
    public const string NotApproved = "not_approved";
    public const string InvalidAmount = "invalid_amount";
    public const string WithdrawalNotAllowed = "withdrawal_not_allowed";
    public const string InsufficientBalance = "insufficient_balance";
    public const string ExceedsShareCap = "exceeds_share_cap";
    public const string ExceedsCommonsMaximum = "exceeds_commons_maximum";
    public const string OwnCommons = "own_commons";

    // Pool and grants.
    public const string ExceedsPool = "exceeds_pool";
    public const string GrantBelowContributed = "grant_below_contributed";
    public const string OwnFundsBelowContributed = "own_funds_below_contributed";
    public const string NoJoinedMembers = "no_joined_members";
    public const string UnknownOrganisation = "unknown_organisation";

    // Calls and phases.
    public const string PhaseTransitionNotAllowed = "phase_transition_not_allowed";
    public const string PhaseNeedsMembers = "phase_needs_members";
    public const string PhaseNeedsPublishedChallenge = "phase_needs_published_challenge";
    public const string PhaseNeedsApprovedCommons = "phase_needs_approved_commons";
    public const string PhaseNeedsMoney = "phase_needs_money";
    public const string RulesLocked = "rules_locked";
    public const string WrongPhase = "wrong_phase";
    public const string AlreadySettled = "already_settled";
    public const string DuplicateSlug = "duplicate_slug";
    public const string ResultsNotPublished = "results_not_published";

    // Micro-challenges.
    public const string ChallengeArchived = "challenge_archived";
    public const string ChallengeNotPublished = "challenge_not_published";
    public const string OwnChallenge = "own_challenge";
    public const string ResourcePersonNotFacilitator = "resource_person_not_facilitator";

    // Commons proposals and working groups.
    public const string CommonsPhaseClosed = "commons_phase_closed";
    public const string CommonsLocked = "commons_locked";
    public const string BudgetLinesLocked = "budget_lines_locked";

    /// <summary>The co-creators of a commons are locked once the budget round opens (contribution rule 7 depends on them).</summary>
    public const string CoCreatorsLocked = "co_creators_locked";
    public const string CannotRemoveProposer = "cannot_remove_proposer";
    public const string UnknownChallenge = "unknown_challenge";
    public const string NotInWorkingGroup = "not_in_working_group";

    /// <summary>A cover image above the upload size or pixel limits (<c>Commons.CoverRules</c>).</summary>
    public const string CoverTooLarge = "cover_too_large";

    /// <summary>A cover image that does not decode as JPEG, PNG or WebP, whatever its name or declared type says.</summary>
    public const string CoverUnreadable = "cover_unreadable";

    // Framing a call: details, glossary, participants.
    public const string CurrencyLocked = "currency_locked";
    public const string PlannedDatesOutOfOrder = "planned_dates_out_of_order";
    public const string DuplicateTerm = "duplicate_term";
    public const string AlreadyParticipant = "already_participant";
    public const string InvitationNotPending = "invitation_not_pending";
    public const string ParticipationLocked = "participation_locked";

    // The call's conversation (comments, questions, announcements).
    public const string EditWindowClosed = "comment_edit_window_closed";
    public const string CommentRemoved = "comment_removed";
    public const string NotAQuestion = "not_a_question";

    // Organisations.
    public const string DuplicateOrganisationName = "duplicate_organisation_name";
    public const string LastRepresentative = "last_representative";

    // Follow-up: funding agreements, schedules, deliverables, cancellations and corrections.
    public const string InvalidSchedule = "invalid_schedule";
    public const string TranchesNot100 = "tranches_not_100";
    public const string UnknownMilestone = "unknown_milestone";
    public const string ScheduleLocked = "schedule_locked";
    public const string ScheduleNotProposed = "schedule_not_proposed";
    public const string ScheduleNotAccepted = "schedule_not_accepted";
    public const string MilestoneAlreadyAccepted = "milestone_already_accepted";
    public const string EvidenceRequired = "evidence_required";
    public const string DeliverableNotPending = "deliverable_not_pending";
    public const string CommentRequired = "comment_required";
    public const string ReasonRequired = "reason_required";
    public const string AgreementClosed = "agreement_closed";
    public const string ExceedsRemaining = "exceeds_remaining";
    public const string MilestoneInSchedule = "milestone_in_schedule";

    // Attachments (evidence, receipts) and expenses against budget lines.
    public const string FileNameInvalid = "file_name_invalid";
    public const string FileEmpty = "file_empty";
    public const string FileTooLarge = "file_too_large";
    public const string FileTypeNotAllowed = "file_type_not_allowed";

    /// <summary>The file's declared type or its content (magic bytes) is not what its extension says.</summary>
    public const string FileContentMismatch = "file_content_mismatch";
    public const string TooManyFiles = "too_many_files";
    public const string NoAgreement = "no_agreement";
    public const string UnknownBudgetLine = "unknown_budget_line";
    public const string ExpenseInFuture = "expense_in_future";
    public const string ExpenseRemoved = "expense_removed";
    public const string LabelRequired = "label_required";

    // People: co-facilitators and the administrators' user list.
    public const string AlreadyFacilitator = "already_facilitator";

    /// <summary>An invitation of this email to facilitate the call still waits for them to register.</summary>
    public const string FacilitatorAlreadyInvited = "facilitator_already_invited";
    public const string LastFacilitator = "last_facilitator";
    public const string CannotDisableSelf = "cannot_disable_self";
    public const string CannotRevokeOwnAdministration = "cannot_revoke_own_administration";

    // Accountability: measured gains of a funded commons.
    public const string CommonsNotFunded = "commons_not_funded";
    public const string UnknownIndicator = "unknown_indicator";
    public const string MeasuredInFuture = "measured_in_future";
    public const string UnknownAuditKind = "unknown_audit_kind";
}
