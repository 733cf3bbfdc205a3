using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> b)
    {
        b.HasKey(s => s.UserId);
        b.Property(s => s.UserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(s => s.Language).HasMaxLength(SchemaConstants.LanguageLength);
        b.ToTable(t => t.HasCheckConstraint("CK_NotificationSettings_DigestHour", "\"DigestHour\" BETWEEN 0 AND 23"));
        b.HasOne<Features.Accounts.AppUser>().WithOne().HasForeignKey<NotificationSettings>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
