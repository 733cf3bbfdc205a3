using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class PendingReceiptConfiguration : IEntityTypeConfiguration<PendingReceipt>
{
    public void Configure(EntityTypeBuilder<PendingReceipt> b)
    {
        b.HasKey(r => new { r.CallId, r.OrganisationId });
        b.HasIndex(r => r.DueAt);
    }
}
