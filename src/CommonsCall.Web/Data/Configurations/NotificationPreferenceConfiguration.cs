using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.HasKey(p => new { p.UserId, p.Type });
        b.Property(p => p.UserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(p => p.Type).HasConversion<string>().HasMaxLength(SchemaConstants.CodeLength);
        b.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(SchemaConstants.CodeLength);
        b.HasOne<Features.Accounts.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
