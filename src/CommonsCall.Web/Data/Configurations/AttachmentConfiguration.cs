using CommonsCall.Domain.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

/// <summary>
/// Attached files (evidence, receipts), their bytes in a bytea column of the one table, so that one backup holds
/// everything. Lists read the other columns only; the bytes travel for a download.
/// </summary>
public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public const int ContentTypeLength = 100;
    public const int Sha256Length = 64;

    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.FileName).HasMaxLength(SchemaConstants.FileNameLength);
        b.Property(a => a.ContentType).HasMaxLength(ContentTypeLength);
        b.Property(a => a.Sha256).HasMaxLength(Sha256Length).IsFixedLength();
        b.Property(a => a.Content).HasColumnType("bytea");
        b.Property(a => a.UploadedByUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.HasIndex(a => new { a.Owner, a.OwnerId });
        b.HasIndex(a => a.CallId);
        b.HasOne<Call>().WithMany().HasForeignKey(a => a.CallId).OnDelete(DeleteBehavior.Cascade);

        // The size is the content's, whatever a bug might write.
        b.ToTable(t => t.HasCheckConstraint("CK_Attachments_Size", "\"Size\" = octet_length(\"Content\")"));
    }
}
