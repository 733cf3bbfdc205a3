using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b) => b.Property(u => u.DisplayName).HasMaxLength(SchemaConstants.NameLength);
}

public sealed class AccountInvitationConfiguration : IEntityTypeConfiguration<AccountInvitation>
{
    public void Configure(EntityTypeBuilder<AccountInvitation> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.TokenHash).HasMaxLength(SchemaConstants.TokenHashLength);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.Property(i => i.Email).HasMaxLength(SchemaConstants.EmailLength);
        b.Property(i => i.Role).HasMaxLength(SchemaConstants.CodeLength);
        b.Property(i => i.CreatedByUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.HasOne<Call>().WithMany().HasForeignKey(i => i.EvaluatesCallId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Data.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Data.DataProtectionKey> b)
    {
        b.HasKey(k => k.Id);
        b.Property(k => k.Id).UseIdentityAlwaysColumn();
        b.Property(k => k.FriendlyName).HasMaxLength(SchemaConstants.NameLength);
    }
}
