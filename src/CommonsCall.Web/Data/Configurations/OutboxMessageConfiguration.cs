using CommonsCall.Web.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Kind).HasMaxLength(SchemaConstants.CodeLength);
        b.Property(m => m.To).HasMaxLength(SchemaConstants.EmailLength);
        b.Property(m => m.Language).HasMaxLength(SchemaConstants.LanguageLength);
        b.Property(m => m.Subject).HasMaxLength(SchemaConstants.ShortTextLength);
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(SchemaConstants.UrlLength);
        b.Property(m => m.MessageId).HasMaxLength(SchemaConstants.NameLength);
        b.HasIndex(m => m.MessageId).IsUnique();
        b.Property(m => m.State).HasConversion<string>().HasMaxLength(SchemaConstants.CodeLength);
        b.Property(m => m.LastError).HasMaxLength(SchemaConstants.NoteLength);

        // The sender's claim reads the due queued messages in this order (Data/OutboxClaims.cs).
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
    }
}
