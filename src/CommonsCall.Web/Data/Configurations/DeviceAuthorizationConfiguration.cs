using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class DeviceAuthorizationConfiguration : IEntityTypeConfiguration<DeviceAuthorization>
{
    public void Configure(EntityTypeBuilder<DeviceAuthorization> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.DeviceCodeHash).HasMaxLength(SchemaConstants.TokenHashLength);
        b.HasIndex(d => d.DeviceCodeHash).IsUnique();
        b.Property(d => d.UserCodeHash).HasMaxLength(SchemaConstants.TokenHashLength);
        b.HasIndex(d => d.UserCodeHash);
        b.Property(d => d.ClientId).HasMaxLength(SchemaConstants.NameLength);
        b.Property(d => d.UserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PersonalAccessToken>().WithMany().HasForeignKey(d => d.TokenId).OnDelete(DeleteBehavior.SetNull);
    }
}
