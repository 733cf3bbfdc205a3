using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class ChallengeConfiguration : IEntityTypeConfiguration<Challenge>
{
    public void Configure(EntityTypeBuilder<Challenge> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Question).HasMaxLength(SchemaConstants.QuestionLength);
        b.Property(c => c.Context).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(c => c.ScenarioBefore).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(c => c.ScenarioAfter).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(c => c.WhoPays).HasMaxLength(SchemaConstants.ShortTextLength);
        b.Property(c => c.WhoUses).HasMaxLength(SchemaConstants.ShortTextLength);
        b.Property(c => c.WhoBenefits).HasMaxLength(SchemaConstants.ShortTextLength);
        b.Property(c => c.ResourcePersonName).HasMaxLength(SchemaConstants.NameLength);
        b.Property(c => c.ResourcePersonUserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(c => c.Version).IsRowVersion();
        b.Ignore(c => c.HasResourcePerson);

        // Pains and indicators only ever travel with their challenge: a text array and a jsonb document.
        b.PrimitiveCollection(c => c.Pains)
            .HasField("_pains")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .ElementType(e => e.HasMaxLength(SchemaConstants.ShortTextLength));
        b.OwnsMany(c => c.Indicators, i =>
        {
            i.ToJson();
            i.Property(x => x.Name).HasMaxLength(SchemaConstants.NameLength);
            i.Property(x => x.Unit).HasMaxLength(SchemaConstants.UnitLength);
        });
        b.Navigation(c => c.Indicators).UsePropertyAccessMode(PropertyAccessMode.Field);

        b.HasIndex(c => c.CallId);
        b.HasOne<Call>().WithMany().HasForeignKey(c => c.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.AuthorOrganisationId).OnDelete(DeleteBehavior.Restrict);

        // The name stays when the account goes: the person still helped.
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.ResourcePersonUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(c => c.Supporters).WithOne().HasForeignKey(s => s.ChallengeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Supporters).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class ChallengeSupporterConfiguration : IEntityTypeConfiguration<ChallengeSupporter>
{
    public void Configure(EntityTypeBuilder<ChallengeSupporter> b)
    {
        b.HasKey(s => new { s.ChallengeId, s.OrganisationId });
        b.HasIndex(s => s.OrganisationId);
        b.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
