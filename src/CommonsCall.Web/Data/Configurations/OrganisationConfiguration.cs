using CommonsCall.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Name).HasMaxLength(SchemaConstants.NameLength);
        b.Property(o => o.Website).HasMaxLength(SchemaConstants.UrlLength);
        b.Property(o => o.Description).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(o => o.Territory).HasMaxLength(SchemaConstants.NameLength);
        b.HasIndex(o => o.Name).IsUnique();
        b.HasMany(o => o.Members).WithOne().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
