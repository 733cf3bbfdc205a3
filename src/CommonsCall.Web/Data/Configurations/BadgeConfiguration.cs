using CommonsCall.Domain.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class BadgeConfiguration : IEntityTypeConfiguration<Badge>
{
    public void Configure(EntityTypeBuilder<Badge> b)
    {
        b.ToTable("Badges");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.RecipientUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(x => x.RecipientKey).HasMaxLength(SchemaConstants.RecipientKeyLength);
        b.Property(x => x.Salt).HasMaxLength(SchemaConstants.CodeLength);
        b.Property(x => x.RevocationReason).HasMaxLength(SchemaConstants.RevocationReasonLength);
        b.Ignore(x => x.IsRevoked);

        // Issued once: the issuing service may run again whenever a fact may have become true.
        b.HasIndex(x => new { x.Kind, x.SubjectId, x.RecipientKey }).IsUnique();
        b.HasIndex(x => x.CallId);
        b.HasOne<Call>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}
