using CommonsCall.Domain.Commons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data.Configurations;

/// <summary>A commons' cover image: one row per commons, its bytes in a bytea column, gone with the commons.</summary>
public sealed class CommonsCoverConfiguration : IEntityTypeConfiguration<CommonsCover>
{
    public const int ContentTypeLength = 64;

    public void Configure(EntityTypeBuilder<CommonsCover> b)
    {
        b.ToTable("CommonsCovers");
        b.HasKey(c => c.CommonsId);
        b.Property(c => c.Image).HasColumnType("bytea");
        b.Property(c => c.ContentType).HasMaxLength(ContentTypeLength);
        b.Property(c => c.AltText).HasMaxLength(SchemaConstants.AltTextLength);
        b.HasOne<CommonsEntity>().WithOne().HasForeignKey<CommonsCover>(c => c.CommonsId).OnDelete(DeleteBehavior.Cascade);
    }
}
