using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.UserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(n => n.Type).HasConversion<string>().HasMaxLength(SchemaConstants.CodeLength);
        b.Property(n => n.Delivery).HasConversion<string>().HasMaxLength(SchemaConstants.CodeLength);
        b.Property(n => n.Title).HasMaxLength(SchemaConstants.ShortTextLength);
        b.Property(n => n.Body).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(n => n.Link).HasMaxLength(SchemaConstants.UrlLength);
        b.HasOne<Features.Accounts.AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);

        // The centre lists a person's newest first; the bell counts their unread; the digest finds the waiting ones.
        b.HasIndex(n => new { n.UserId, n.CreatedAt }, "IX_Notifications_UserId_CreatedAt");
        b.HasIndex(n => n.UserId).HasFilter("\"ReadAt\" IS NULL").HasDatabaseName("IX_Notifications_UserId_Unread");
        // Named indexes: two on the same columns (one filtered) must not be folded into one by the model.
        b.HasIndex(n => new { n.UserId, n.CreatedAt }, "IX_Notifications_DigestPending").HasFilter("\"Delivery\" = 'DailyDigest' AND \"DigestedAt\" IS NULL");
    }
}
