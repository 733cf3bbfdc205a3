using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>The dashboard's contributions-over-time reads the recent ledger entries of one call by time.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122130000_LedgerTimeIndex")]
public sealed class LedgerTimeIndex : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: @"IX_Ledger_CallId_At",
            table: @"Ledger",
            columns: new[] { @"CallId", @"At" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: @"IX_Ledger_CallId_At", table: @"Ledger");
    }
}
