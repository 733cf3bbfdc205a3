using CommonsCall.Domain.Accountability;
using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data.Configurations;

public sealed class IndicatorMeasureConfiguration : IEntityTypeConfiguration<IndicatorMeasure>
{
    public void Configure(EntityTypeBuilder<IndicatorMeasure> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Indicator).HasMaxLength(SchemaConstants.NameLength);
        b.Property(m => m.Source).HasMaxLength(SchemaConstants.NoteLength);
        b.Property(m => m.Value).HasPrecision(IndicatorMeasure.Precision, IndicatorMeasure.Scale);

        // One current value per commons, challenge and indicator: a new measure replaces it.
        b.HasIndex(m => new { m.CommonsId, m.ChallengeId, m.Indicator }).IsUnique();
        b.HasIndex(m => m.CallId);
        b.HasIndex(m => m.ChallengeId);
        b.HasIndex(m => m.RecordedByOrganisationId);
        b.HasOne<Call>().WithMany().HasForeignKey(m => m.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(m => m.CommonsId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Challenge>().WithMany().HasForeignKey(m => m.ChallengeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(m => m.RecordedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
