using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data.Configurations;

public sealed class MemberBudgetConfiguration : IEntityTypeConfiguration<MemberBudget>
{
    public void Configure(EntityTypeBuilder<MemberBudget> b)
    {
        b.HasKey(m => new { m.CallId, m.OrganisationId });
        b.HasOne<Call>().WithMany().HasForeignKey(m => m.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(m => m.Balance);
        b.Ignore(m => m.Available);
        b.Ignore(m => m.Figures);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_MemberBudgets_NotOverspent", "\"Contributed\" >= 0 AND \"Contributed\" <= \"Granted\" + \"OwnFunds\"");
            t.HasCheckConstraint("CK_MemberBudgets_NonNegative", "\"Granted\" >= 0 AND \"OwnFunds\" >= 0");
        });
    }
}

public sealed class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> b)
    {
        b.HasKey(c => new { c.CommonsId, c.OrganisationId });
        b.HasIndex(c => new { c.CallId, c.OrganisationId });
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(c => c.CommonsId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MemberBudget>().WithMany().HasForeignKey(c => new { c.CallId, c.OrganisationId }).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Contributions_NonNegative", "\"Amount\" >= 0");
            t.HasCheckConstraint("CK_Contributions_MatchNonNegative", "\"Match\" >= 0");
        });
    }
}

public sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.CreatedByUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.HasIndex(p => p.CallId);
        b.HasOne<Call>().WithMany().HasForeignKey(p => p.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.FunderOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_Pledges_Positive", "\"Amount\" > 0"));
    }
}

public sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("Ledger");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
        b.Property(e => e.ActorUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.HasIndex(e => new { e.CallId, e.Id });

        // Contributions over time (the dashboard's timeline) read the recent minutes of one call.
        b.HasIndex(e => new { e.CallId, e.At });
        b.HasOne<Call>().WithMany().HasForeignKey(e => e.CallId).OnDelete(DeleteBehavior.Restrict);
    }
}
