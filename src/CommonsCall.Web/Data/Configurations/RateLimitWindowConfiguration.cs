using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommonsCall.Web.Data.Configurations;

public sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> b)
    {
        b.HasKey(w => new { w.Policy, w.KeyHash, w.WindowStart });
        b.Property(w => w.Policy).HasMaxLength(SchemaConstants.CodeLength);
        b.Property(w => w.KeyHash).HasMaxLength(RateLimitWindow.KeyHashLength);
        b.HasIndex(w => w.Ends);
    }
}
