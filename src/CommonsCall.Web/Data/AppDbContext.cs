using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.FollowUp;
using CommonsCall.Domain.Organisations;
using CommonsCall.Domain.WorkingGroups;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Mail;
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
