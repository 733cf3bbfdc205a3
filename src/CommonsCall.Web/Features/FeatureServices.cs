using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calendars;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Challenges;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Features.Conversation;
using CommonsCall.Web.Features.Dashboard;
using CommonsCall.Web.Features.Evaluation;
using CommonsCall.Web.Features.Guidance;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Features.OpenData;
using CommonsCall.Web.Features.Organisations;
using CommonsCall.Web.Features.Reports;
using CommonsCall.Web.Features.WorkingGroups;

namespace CommonsCall.Web.Features;

public static class FeatureServices
{
    /// <summary>Every feature's services; each feature adds its own line.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddSingleton<CallLocks>();
        services.AddSingleton<CallChanges>();
        services.AddSingleton<CallQueries>();
        services.AddSingleton<CallPhaseService>();
        services.AddSingleton<CallFramingService>();
        services.AddSingleton<ParticipationService>();
        services.AddSingleton<OrganisationService>();
        services.AddSingleton<ContributionEvents>();
        services.AddHostedService<ChangeListener>();
        services.AddSingleton<ChangeAnnouncer>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeAnnouncer>());
        services.AddSingleton<ContributionService>();
        services.AddSingleton<FundsService>();
        services.AddSingleton<BudgetRulesService>();
        services.AddSingleton<RoundService>();
        services.AddSingleton<MatchPreviews>();
        services.AddSingleton<BudgetQueries>();
        services.AddSingleton<CommonsReviewService>();
        services.AddSingleton<Objections.ObjectionService>();
        services.AddSingleton<Objections.ObjectionQueries>();
        services.AddSingleton<Recognition.BadgeQueries>();
        services.AddSingleton<Recognition.BadgeIssuer>();
        services.AddSingleton<Recognition.BadgeService>();
        services.AddSingleton<GrantsCsv>();
        services.AddSingleton<ChallengeService>();
        services.AddSingleton<ChallengeQueries>();
        services.AddSingleton<CommonsService>();
        services.AddSingleton<CommonsQueries>();
        services.AddSingleton<PositioningService>();
        services.AddSingleton<WorkingGroupService>();
        services.AddSingleton<CallMapQueries>();
        services.AddSingleton<CallSnapshots>();
        services.AddSingleton<CommonsCall.Web.Components.Shared.SharedMarkup>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<DashboardExports>();
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<OpenDataQueries>();
        services.AddSingleton<GuidanceQueries>();
        services.AddSingleton<Onboarding.OnboardingService>();
        services.AddSingleton<AgreementNotices>();
        services.AddSingleton<AgreementService>();
        services.AddSingleton<AgreementQueries>();
        services.AddSingleton<FollowUpDashboard>();
        services.AddSingleton<FollowUpExports>();
        services.AddSingleton<ExpenseService>();
        services.AddSingleton<ExpenseQueries>();
        services.AddSingleton<ExpenseExports>();
        services.AddSingleton<Attachments.AttachmentQueries>();
        services.AddScoped<FacilitatorService>();
        services.AddSingleton<CalendarFeedService>();
        services.AddSingleton<CalendarQueries>();
        services.AddSingleton<CalendarWriter>();
        services.AddConversation();
        services.AddSingleton<Accountability.AccountabilityQueries>();
        services.AddSingleton<Accountability.MeasureService>();
        services.AddSingleton<Accountability.AuditQueries>();
        services.AddSingleton<EvaluationService>();
        services.AddSingleton<SelectionService>();
        services.AddSingleton<EvaluationQueries>();
        return services;
    }
}
