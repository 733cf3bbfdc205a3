using CommonsCall.Domain.FollowUp;
using CommonsCall.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data.Configurations;

/// <summary>Expenses against a funded commons' budget lines; removed ones stay (soft removal).</summary>
public sealed class ExpenseConfiguration : IEntityTypeConfiguration<Expense>
{
    public void Configure(EntityTypeBuilder<Expense> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Label).HasMaxLength(SchemaConstants.TitleLength);
        b.Property(e => e.Supplier).HasMaxLength(SchemaConstants.NameLength);
        b.Property(e => e.RecordedByUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(e => e.RemovedReason).HasMaxLength(SchemaConstants.NoteLength);
        b.HasIndex(e => e.CallId);
        b.HasIndex(e => e.CommonsId);
        b.HasOne<Call>().WithMany().HasForeignKey(e => e.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(e => e.CommonsId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<FundingAgreement>().WithMany().HasForeignKey(e => e.AgreementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.RecordedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(e => e.IsRemoved);
        b.Ignore(e => e.Terms);
        b.ToTable(t => t.HasCheckConstraint("CK_Expenses_Positive", "\"Amount\" > 0 AND \"BudgetLine\" >= 0"));
    }
}
