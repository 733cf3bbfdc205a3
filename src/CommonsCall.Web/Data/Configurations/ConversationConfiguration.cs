using CommonsCall.Domain.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.AuthorUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(c => c.Body).HasMaxLength(SchemaConstants.CommentLength);
        b.Property(c => c.HiddenReason).HasMaxLength(SchemaConstants.ModerationReasonLength);
        b.Property(c => c.HiddenByUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Ignore(c => c.IsRoot);
        b.Ignore(c => c.ThreadId);
        b.Ignore(c => c.State);
        b.Ignore(c => c.IsRemoved);

        // A discussion is read whole, by its subject; the rate limit counts an author's recent comments.
        b.HasIndex(c => new { c.SubjectId, c.CreatedAt });
        b.HasIndex(c => new { c.AuthorUserId, c.CreatedAt });
        b.HasIndex(c => c.CallId);
        b.HasOne<Call>().WithMany().HasForeignKey(c => c.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CommentReportConfiguration : IEntityTypeConfiguration<CommentReport>
{
    public void Configure(EntityTypeBuilder<CommentReport> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.ReporterUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(r => r.Reason).HasMaxLength(SchemaConstants.ModerationReasonLength);
        b.Ignore(r => r.IsOpen);

        // One report per person and comment: reporting twice changes nothing.
        b.HasIndex(r => new { r.CommentId, r.ReporterUserId }).IsUnique();
        b.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.AuthorUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(a => a.Title).HasMaxLength(SchemaConstants.TitleLength);
        b.Property(a => a.Body).HasMaxLength(SchemaConstants.LongTextLength);
        b.HasIndex(a => new { a.CallId, a.PublishedAt });
        b.HasOne<Call>().WithMany().HasForeignKey(a => a.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}
