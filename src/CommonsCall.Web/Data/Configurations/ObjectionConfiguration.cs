using CommonsCall.Domain.Objections;
using CommonsCall.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data.Configurations;

public sealed class ObjectionWindowConfiguration : IEntityTypeConfiguration<ObjectionWindow>
{
    public void Configure(EntityTypeBuilder<ObjectionWindow> b)
    {
        b.ToTable("ObjectionWindows");
        b.HasKey(w => w.Id);
        b.Property(w => w.Id).ValueGeneratedNever();
        b.Property(w => w.OpenedByUserId).HasMaxLength(SchemaConstants.UserIdLength);

        // One window per commons: opening it again moves its dates.
        b.HasIndex(w => w.CommonsId).IsUnique();
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(w => w.CommonsId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> b)
    {
        b.ToTable("Objections");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.AuthorUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(o => o.Reason).HasMaxLength(SchemaConstants.ObjectionTextLength);
        b.Property(o => o.Answer).HasMaxLength(SchemaConstants.ObjectionTextLength);
        b.Property(o => o.AnsweredByUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Ignore(o => o.IsOpen);

        // Approval counts a commons' open objections; the page lists them all.
        b.HasIndex(o => new { o.CommonsId, o.State });
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(o => o.CommonsId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(o => o.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
