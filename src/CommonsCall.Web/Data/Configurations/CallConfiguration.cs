using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Title).HasMaxLength(SchemaConstants.TitleLength);
        b.Property(c => c.Slug).HasMaxLength(SchemaConstants.SlugLength);
        b.HasIndex(c => c.Slug).IsUnique();
        b.Property(c => c.Summary).HasMaxLength(SchemaConstants.LongTextLength);
        b.Property(c => c.Ecosystem).HasMaxLength(SchemaConstants.NameLength);
        b.Property(c => c.Currency).HasMaxLength(SchemaConstants.CurrencyLength);
        b.Property(c => c.Version).IsRowVersion();
        b.ComplexProperty(c => c.BudgetRules);
        b.ComplexProperty(c => c.PlannedDates);

        b.OwnsMany(c => c.Glossary, g =>
        {
            g.ToTable("CallGlossaryTerms");
            g.WithOwner().HasForeignKey("CallId");
            g.HasKey(t => t.Id);
            g.Property(t => t.Id).ValueGeneratedNever();
            g.Property(t => t.Term).HasMaxLength(SchemaConstants.NameLength);
            g.Property(t => t.Definition).HasMaxLength(SchemaConstants.LongTextLength);
        });
        b.OwnsMany(c => c.Scope, s =>
        {
            s.ToTable("CallScopeStatements");
            s.WithOwner().HasForeignKey("CallId");
            s.HasKey(t => t.Id);
            s.Property(t => t.Id).ValueGeneratedNever();
            s.Property(t => t.Text).HasMaxLength(SchemaConstants.ShortTextLength);
        });
        b.HasMany(c => c.Facilitators).WithOne().HasForeignKey(f => f.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CallFacilitatorConfiguration : IEntityTypeConfiguration<CallFacilitator>
{
    public void Configure(EntityTypeBuilder<CallFacilitator> b)
    {
        b.HasKey(f => new { f.CallId, f.UserId });
        b.Property(f => f.UserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.HasIndex(f => f.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
