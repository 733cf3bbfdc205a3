using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>The planned start date of each phase of a call (optional, one nullable column per phase after Draft).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122100000_Framing")]
public sealed class Framing : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateOnly>(
            name: @"PlannedDates_Framing",
            table: @"Calls",
            type: @"date",
            nullable: true);

        migrationBuilder.AddColumn<DateOnly>(
            name: @"PlannedDates_Challenges",
            table: @"Calls",
            type: @"date",
            nullable: true);

        migrationBuilder.AddColumn<DateOnly>(
            name: @"PlannedDates_Commons",
            table: @"Calls",
            type: @"date",
            nullable: true);

        migrationBuilder.AddColumn<DateOnly>(
            name: @"PlannedDates_Budgeting",
            table: @"Calls",
            type: @"date",
            nullable: true);

        migrationBuilder.AddColumn<DateOnly>(
            name: @"PlannedDates_Results",
            table: @"Calls",
            type: @"date",
            nullable: true);

        migrationBuilder.AddColumn<DateOnly>(
            name: @"PlannedDates_FollowUp",
            table: @"Calls",
            type: @"date",
            nullable: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: @"PlannedDates_FollowUp", table: @"Calls");
        migrationBuilder.DropColumn(name: @"PlannedDates_Results", table: @"Calls");
        migrationBuilder.DropColumn(name: @"PlannedDates_Budgeting", table: @"Calls");
        migrationBuilder.DropColumn(name: @"PlannedDates_Commons", table: @"Calls");
        migrationBuilder.DropColumn(name: @"PlannedDates_Challenges", table: @"Calls");
        migrationBuilder.DropColumn(name: @"PlannedDates_Framing", table: @"Calls");
    }
}
