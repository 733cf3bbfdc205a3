namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// What a notification is about. The names are stable: they are stored (as text), sent by the API and used in
/// resource keys (<c>notifications.type.{Name}</c>); add new ones, never rename.
/// </summary>
public enum NotificationType
{
    ContributionReceipt,
    RoundOpened,
    RoundClosing,
    RoundClosed,
    CommonsReviewed,
    MilestoneDue,
    MilestoneOverdue,
    MeetingCadence,
    QuestionAnswered,
    CommentReply,
    Announcement,
    FacilitatorAppointed,
    ScheduleProposed,
    ScheduleAccepted,
    MilestoneDeclared,
    MilestoneAccepted,
    MilestoneChangesAsked,
    AgreementCancelled,
    AwardCorrected,

    /// <summary>To the call's facilitators: a participant objects to approving a commons.</summary>
    ObjectionRaised,

    /// <summary>To the objector: a facilitator answered (resolved or overridden).</summary>
    ObjectionAnswered,
    EvaluationAssigned,
    SelectionPublished,

    /// <summary>To a badge's holder: a facilitator revoked it, with the published reason.</summary>
    BadgeRevoked,

    /// <summary>To a badge's holder: the call awarded it (settlement, selection, delivery), with its public page.</summary>
    BadgeAwarded,
}

/// <summary>What the preferences page groups the types under, in the order a call lives them.</summary>
public enum NotificationTopic
{
    Round,
    Selection,
    WorkingGroups,
    FollowUp,
    Conversation,
    Roles,
}

public static class NotificationTopics
{
    /// <summary>
    /// The topic of each type. The switch lists every type and has no default on purpose: a new type without a topic
    /// does not compile (CS8509). Only CS8524, about numbers that name no type, is silenced.
    /// </summary>
#pragma warning disable CS8524
    public static NotificationTopic Of(NotificationType type) => type switch
    {
        NotificationType.ContributionReceipt or NotificationType.RoundOpened or NotificationType.RoundClosing or NotificationType.RoundClosed => NotificationTopic.Round,
        NotificationType.CommonsReviewed or NotificationType.ObjectionRaised or NotificationType.ObjectionAnswered or NotificationType.EvaluationAssigned
            or NotificationType.SelectionPublished => NotificationTopic.Selection,
        NotificationType.MilestoneDue or NotificationType.MilestoneOverdue or NotificationType.MeetingCadence => NotificationTopic.WorkingGroups,
        NotificationType.ScheduleProposed or NotificationType.ScheduleAccepted or NotificationType.MilestoneDeclared or NotificationType.MilestoneAccepted
            or NotificationType.MilestoneChangesAsked or NotificationType.AgreementCancelled or NotificationType.AwardCorrected => NotificationTopic.FollowUp,
        NotificationType.QuestionAnswered or NotificationType.CommentReply or NotificationType.Announcement => NotificationTopic.Conversation,
        NotificationType.FacilitatorAppointed or NotificationType.BadgeAwarded or NotificationType.BadgeRevoked => NotificationTopic.Roles,
    };
#pragma warning restore CS8524
}

/// <summary>How a person wants one type of notification: each is always listed in the notification centre.</summary>
public enum NotificationDelivery
{
    /// <summary>A mail for each notification, as soon as it happens.</summary>
    Immediately,

    /// <summary>One mail a day gathering them, at the person's digest hour.</summary>
    DailyDigest,

    /// <summary>No mail.</summary>
    Off,
}

public static class NotificationDefaults
{
    /// <summary>The digest hour of a person who never chose one (local time, <see cref="NotificationOptions.TimeZone"/>).</summary>
    public const int DigestHour = 8;

    /// <summary>
    /// What a person gets before choosing: the round's milestones, receipts, answers, reviews and announcements at
    /// once (they ask for an action or confirm one); comment replies and the meeting rhythm, which come often, in the digest,
    /// and so does an accepted schedule, which asks nothing of the facilitators and funders it informs (its money shows on
    /// the dashboard). The other follow-up events ask for an action (a schedule to accept, a milestone to review or to
    /// redo) or move money (a tranche paid, a cancellation, a correction): at once.
    /// </summary>
    public static NotificationDelivery For(NotificationType type) => type switch
    {
        NotificationType.CommentReply or NotificationType.MeetingCadence or NotificationType.ScheduleAccepted => NotificationDelivery.DailyDigest,
        _ => NotificationDelivery.Immediately,
    };

    public static IReadOnlyList<NotificationType> Types { get; } = Enum.GetValues<NotificationType>();
}
