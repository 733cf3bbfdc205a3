using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class SentReminderConfiguration : IEntityTypeConfiguration<SentReminder>
{
    public void Configure(EntityTypeBuilder<SentReminder> b)
    {
        b.HasKey(r => new { r.Kind, r.SubjectId, r.UserId });
        b.Property(r => r.Kind).HasMaxLength(SchemaConstants.CodeLength);
        b.Property(r => r.UserId).HasMaxLength(SchemaConstants.UserIdLength);
    }
}
