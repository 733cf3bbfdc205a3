using CommonsCall.Web.Features.Calendars;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.UserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.HasIndex(f => f.UserId).IsUnique();
        b.Property(f => f.TokenHash).HasMaxLength(SchemaConstants.TokenHashLength);
        b.HasIndex(f => f.TokenHash).IsUnique();
        b.Property(f => f.Language).HasMaxLength(SchemaConstants.LanguageLength);
        b.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
