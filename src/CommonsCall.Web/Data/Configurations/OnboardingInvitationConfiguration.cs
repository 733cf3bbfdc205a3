using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Features.Onboarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class OnboardingInvitationConfiguration : IEntityTypeConfiguration<OnboardingInvitation>
{
    public void Configure(EntityTypeBuilder<OnboardingInvitation> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Email).HasMaxLength(SchemaConstants.EmailLength);
        b.Property(i => i.InvitedByUserId).HasMaxLength(SchemaConstants.UserIdLength);

        // One row per person and organisation of a call: what makes a re-import idempotent, even when two run at once.
        b.HasIndex(i => new { i.CallId, i.OrganisationId, i.Email }).IsUnique();
        b.HasOne<Call>().WithMany().HasForeignKey(i => i.CallId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AccountInvitation>().WithMany().HasForeignKey(i => i.AccountInvitationId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<OutboxMessage>().WithMany().HasForeignKey(i => i.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}
