using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("Audit");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
        b.Property(e => e.ActorUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(e => e.Action).HasMaxLength(SchemaConstants.CodeLength);
        b.Property(e => e.Before).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(e => e.After).HasMaxLength(SchemaConstants.LongTextLength);
        b.HasIndex(e => new { e.CallId, e.Id });
    }
}
