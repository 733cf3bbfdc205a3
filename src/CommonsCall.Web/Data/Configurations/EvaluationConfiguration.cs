using System.Text.Json;
using CommonsCall.Domain.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.Web.Data.Configurations;

public sealed class EvaluationCriterionConfiguration : IEntityTypeConfiguration<EvaluationCriterion>
{
    public void Configure(EntityTypeBuilder<EvaluationCriterion> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Title).HasMaxLength(SchemaConstants.TitleLength);
        b.Property(c => c.Description).HasMaxLength(SchemaConstants.NoteLength);
        b.HasIndex(c => new { c.CallId, c.Position }).IsUnique();
        b.HasOne<Call>().WithMany().HasForeignKey(c => c.CallId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(c => c.Terms);
    }
}

public sealed class CallEvaluatorConfiguration : IEntityTypeConfiguration<CallEvaluator>
{
    public void Configure(EntityTypeBuilder<CallEvaluator> b)
    {
        b.HasKey(e => new { e.CallId, e.UserId });
        b.Property(e => e.UserId).HasMaxLength(SchemaConstants.UserIdLength);
        b.HasIndex(e => e.UserId);
        b.HasOne<Call>().WithMany().HasForeignKey(e => e.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EvaluationAssignmentConfiguration : IEntityTypeConfiguration<EvaluationAssignment>
{
    public void Configure(EntityTypeBuilder<EvaluationAssignment> b)
    {
        b.HasKey(a => new { a.CommonsId, a.EvaluatorId });
        b.Property(a => a.EvaluatorId).HasMaxLength(SchemaConstants.UserIdLength);
        b.HasIndex(a => new { a.CallId, a.EvaluatorId });
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(a => a.CommonsId).OnDelete(DeleteBehavior.Cascade);
        // An assignment is to one of the call's evaluators: removing the evaluator removes it.
        b.HasOne<CallEvaluator>().WithMany().HasForeignKey(a => new { a.CallId, a.EvaluatorId }).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CommonsEvaluationConfiguration : IEntityTypeConfiguration<CommonsEvaluation>
{
    public void Configure(EntityTypeBuilder<CommonsEvaluation> b)
    {
        b.ToTable("Evaluations");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.EvaluatorId).HasMaxLength(SchemaConstants.UserIdLength);
        b.Property(e => e.Note).HasMaxLength(SchemaConstants.NoteLength);

        // One evaluation per evaluator and commons, and only of a commons assigned to them.
        b.HasIndex(e => new { e.CommonsId, e.EvaluatorId }).IsUnique();
        b.HasIndex(e => e.CallId);
        b.HasOne<Call>().WithMany().HasForeignKey(e => e.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<EvaluationAssignment>().WithMany().HasForeignKey(e => new { e.CommonsId, e.EvaluatorId }).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Marks).WithOne().HasForeignKey(m => m.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Marks).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class EvaluationMarkConfiguration : IEntityTypeConfiguration<EvaluationMark>
{
    public void Configure(EntityTypeBuilder<EvaluationMark> b)
    {
        b.ToTable("EvaluationMarks");
        b.HasKey(m => new { m.EvaluationId, m.CriterionId });
        b.HasIndex(m => m.CriterionId);
        // The last guard of "the grid is locked by the first score": a criterion with marks cannot be deleted.
        b.HasOne<EvaluationCriterion>().WithMany().HasForeignKey(m => m.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SelectionSessionConfiguration : IEntityTypeConfiguration<SelectionSession>
{
    public void Configure(EntityTypeBuilder<SelectionSession> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Title).HasMaxLength(SchemaConstants.TitleLength);
        b.HasIndex(s => s.CallId);
        b.HasOne<Call>().WithMany().HasForeignKey(s => s.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Decisions).WithOne().HasForeignKey(d => d.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Decisions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(s => s.IsPublished);
    }
}

public sealed class SelectionDecisionConfiguration : IEntityTypeConfiguration<SelectionDecision>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<SelectionDecision> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Reason).HasMaxLength(SchemaConstants.NoteLength);
        // The scores as they were at publication, read only as a whole: one JSON document rather than a table.
        b.Property(d => d.Criteria).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<CriterionAggregate>>(v, Json) ?? new List<CriterionAggregate>(),
            new ValueComparer<List<CriterionAggregate>>((x, y) => x!.SequenceEqual(y!), v => v.Count, v => v.ToList()));
        b.HasIndex(d => new { d.SessionId, d.CommonsId }).IsUnique();
        b.HasIndex(d => d.CommonsId);
        b.HasIndex(d => d.CallId);
        b.HasOne<Call>().WithMany().HasForeignKey(d => d.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CommonsEntity>().WithMany().HasForeignKey(d => d.CommonsId).OnDelete(DeleteBehavior.Cascade);
    }
}
