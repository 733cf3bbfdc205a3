using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Domain.Conversation;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Domain.Organisations;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calendars;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();

    public DbSet<Call> Calls => Set<Call>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<Challenge> Challenges => Set<Challenge>();

    public DbSet<CommonsEntity> Commons => Set<CommonsEntity>();

    public DbSet<CommonsCover> CommonsCovers => Set<CommonsCover>();

    public DbSet<Positioning> Positionings => Set<Positioning>();

    public DbSet<Milestone> Milestones => Set<Milestone>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MemberBudget> MemberBudgets => Set<MemberBudget>();

    public DbSet<Contribution> Contributions => Set<Contribution>();

    public DbSet<Pledge> Pledges => Set<Pledge>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<AccountInvitation> AccountInvitations => Set<AccountInvitation>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<Features.Onboarding.OnboardingInvitation> OnboardingInvitations => Set<Features.Onboarding.OnboardingInvitation>();

    public DbSet<DeviceAuthorization> DeviceAuthorizations => Set<DeviceAuthorization>();

    public DbSet<FundingAgreement> FundingAgreements => Set<FundingAgreement>();

    public DbSet<Tranche> Tranches => Set<Tranche>();

    public DbSet<Deliverable> Deliverables => Set<Deliverable>();

    public DbSet<Domain.Accountability.IndicatorMeasure> IndicatorMeasures => Set<Domain.Accountability.IndicatorMeasure>();
    public DbSet<Domain.Attachments.Attachment> Attachments => Set<Domain.Attachments.Attachment>();

    public DbSet<Expense> Expenses => Set<Expense>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<CommentReport> CommentReports => Set<CommentReport>();

    public DbSet<Announcement> Announcements => Set<Announcement>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();

    public DbSet<DigestSent> DigestsSent => Set<DigestSent>();

    public DbSet<SentReminder> SentReminders => Set<SentReminder>();

    public DbSet<PendingReceipt> PendingReceipts => Set<PendingReceipt>();

    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    public DbSet<EvaluationCriterion> EvaluationCriteria => Set<EvaluationCriterion>();

    public DbSet<CallEvaluator> CallEvaluators => Set<CallEvaluator>();

    public DbSet<EvaluationAssignment> EvaluationAssignments => Set<EvaluationAssignment>();

    public DbSet<CommonsEvaluation> Evaluations => Set<CommonsEvaluation>();

    public DbSet<SelectionSession> SelectionSessions => Set<SelectionSession>();

    public DbSet<SelectionDecision> SelectionDecisions => Set<SelectionDecision>();

    public DbSet<RateLimitWindow> RateLimitWindows => Set<RateLimitWindow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
