using CommonsCall.Domain.Challenges;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data.Configurations;

public sealed class CommonsConfiguration : IEntityTypeConfiguration<CommonsEntity>
{
    public void Configure(EntityTypeBuilder<CommonsEntity> b)
    {
        b.ToTable("Commons");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Title).HasMaxLength(SchemaConstants.TitleLength);
        b.Property(c => c.Summary).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(c => c.Licence).HasMaxLength(SchemaConstants.LicenceLength);
        b.Property(c => c.Governance).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(c => c.CommunityPlan).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(c => c.CitizenInvolvement).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(c => c.MissingResources).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(c => c.ReviewComment).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(c => c.SkillsWanted).HasMaxLength(SchemaConstants.SkillsLength);
        b.Property(c => c.RepositoryUrl).HasMaxLength(SchemaConstants.UrlLength);
        b.Property(c => c.DocumentationUrl).HasMaxLength(SchemaConstants.UrlLength);
        b.HasIndex(c => c.CallId);
        b.HasOne<Call>().WithMany().HasForeignKey(c => c.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.ProposedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(c => c.IsApprovedForFunding);
        b.Ignore(c => c.IsFunded);
        b.Ignore(c => c.Awarded);
        b.Ignore(c => c.Description);

        // Budget lines only ever travel with their commons: one jsonb document, written and read whole.
        b.OwnsMany(c => c.BudgetLines, l =>
        {
            l.ToJson();
            l.Property(x => x.Description).HasMaxLength(SchemaConstants.ShortTextLength);
        });
        b.Navigation(c => c.BudgetLines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(c => c.CoCreators).WithOne().HasForeignKey(c => c.CommonsId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Challenges).WithOne().HasForeignKey(c => c.CommonsId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CommonsChallengeConfiguration : IEntityTypeConfiguration<CommonsChallenge>
{
    public void Configure(EntityTypeBuilder<CommonsChallenge> b)
    {
        b.ToTable("CommonsChallenges");
        b.HasKey(c => new { c.CommonsId, c.ChallengeId });
        b.HasOne<Challenge>().WithMany().HasForeignKey(c => c.ChallengeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CommonsCoCreatorConfiguration : IEntityTypeConfiguration<CommonsCoCreator>
{
    public void Configure(EntityTypeBuilder<CommonsCoCreator> b)
    {
        b.HasKey(c => new { c.CommonsId, c.OrganisationId });
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
