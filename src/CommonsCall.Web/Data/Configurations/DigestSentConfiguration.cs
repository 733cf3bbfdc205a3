using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class DigestSentConfiguration : IEntityTypeConfiguration<DigestSent>
{
    public void Configure(EntityTypeBuilder<DigestSent> b)
    {
        b.ToTable("DigestsSent");
        b.HasKey(d => new { d.UserId, d.Day });
        b.Property(d => d.UserId).HasMaxLength(SchemaConstants.UserIdLength);
    }
}
