using CommonsCall.Domain.FollowUp;
using CommonsCall.Domain.Organisations;
using CommonsCall.Domain.WorkingGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data.Configurations;

public sealed class FundingAgreementConfiguration : IEntityTypeConfiguration<FundingAgreement>
{
    public void Configure(EntityTypeBuilder<FundingAgreement> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.CancelReason).HasMaxLength(SchemaConstants.NoteLength);

        // One agreement per funded commons.
        b.HasIndex(a => a.CommonsId).IsUnique();
        b.HasIndex(a => a.CallId);
        b.HasOne<Call>().WithMany().HasForeignKey(a => a.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(a => a.CommonsId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(a => a.LeadOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Tranches).WithOne().HasForeignKey(t => t.AgreementId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Deliverables).WithOne().HasForeignKey(d => d.AgreementId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Tranches).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(a => a.Deliverables).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(a => a.Remaining);
        b.Ignore(a => a.IsClosed);

        // The last guard of "a payment never exceeds what is left", should a bug ever get past the domain.
        b.ToTable(t => t.HasCheckConstraint(
            "CK_FundingAgreements_WithinAward", "\"Paid\" >= 0 AND \"ReturnedToPool\" >= 0 AND \"Award\" >= 0 AND \"Paid\" + \"ReturnedToPool\" <= \"Award\""));
    }
}

public sealed class TrancheConfiguration : IEntityTypeConfiguration<Tranche>
{
    public void Configure(EntityTypeBuilder<Tranche> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.HasIndex(t => new { t.AgreementId, t.Position }).IsUnique();
        b.HasOne<Milestone>().WithMany().HasForeignKey(t => t.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_Tranches_NonNegative", "\"Amount\" >= 0"));
    }
}

public sealed class DeliverableConfiguration : IEntityTypeConfiguration<Deliverable>
{
    public void Configure(EntityTypeBuilder<Deliverable> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.PrimitiveCollection(d => d.Evidence).HasField("_evidence").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Property(d => d.ReviewComment).HasMaxLength(SchemaConstants.NoteLength);

        // One declaration per milestone of an agreement: declaring again replaces it.
        b.HasIndex(d => new { d.AgreementId, d.MilestoneId }).IsUnique();
        b.HasOne<Milestone>().WithMany().HasForeignKey(d => d.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(d => d.DeclaredByOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
