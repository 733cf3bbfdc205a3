using CommonsCall.Domain.Organisations;
using CommonsCall.Domain.WorkingGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data.Configurations;

public sealed class PositioningConfiguration : IEntityTypeConfiguration<Positioning>
{
    public void Configure(EntityTypeBuilder<Positioning> b)
    {
        b.HasKey(p => new { p.CommonsId, p.OrganisationId });
        b.Property(p => p.Expectations).HasMaxLength(SchemaConstants.NoteLength);
        b.Property(p => p.Availability).HasMaxLength(SchemaConstants.ShortTextLength);
        b.HasIndex(p => p.CallId);
        b.HasIndex(p => p.OrganisationId);
        b.HasOne<Call>().WithMany().HasForeignKey(p => p.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(p => p.CommonsId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(p => p.Produces);
        b.Ignore(p => p.Wants);
        b.Ignore(p => p.KindList);
    }
}

public sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Title).HasMaxLength(SchemaConstants.TitleLength);
        b.HasIndex(m => m.CommonsId);
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(m => m.CommonsId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Note).HasMaxLength(SchemaConstants.ShortTextLength);

        // One meeting a day per group: the cadence counts days.
        b.HasIndex(m => new { m.CommonsId, m.On }).IsUnique();
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(m => m.CommonsId).OnDelete(DeleteBehavior.Cascade);
    }
}
