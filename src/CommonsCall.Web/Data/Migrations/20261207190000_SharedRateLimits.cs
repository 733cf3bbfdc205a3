using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>The rate limits' counts, shared by every app instance (they were each instance's own, in memory).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207190000_SharedRateLimits")]
public sealed class SharedRateLimits : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"RateLimitWindows",
            columns: table => new
            {
                Policy = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                KeyHash = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                WindowStart = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                Ends = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                Count = table.Column<int>(type: @"integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_RateLimitWindows", x => new { x.Policy, x.KeyHash, x.WindowStart });
            });

        migrationBuilder.CreateIndex(
            name: @"IX_RateLimitWindows_Ends",
            table: @"RateLimitWindows",
            column: @"Ends");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"RateLimitWindows");
    }
}
