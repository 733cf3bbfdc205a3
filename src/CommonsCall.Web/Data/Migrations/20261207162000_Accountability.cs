using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>Accountability: the measured "after" values of the before/after indicators of the challenges a funded commons answers.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207162000_Accountability")]
public sealed class Accountability : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"IndicatorMeasures",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                ChallengeId = table.Column<Guid>(type: @"uuid", nullable: false),
                Indicator = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                Value = table.Column<decimal>(type: @"numeric(18,4)", precision: 18, scale: 4, nullable: false),
                MeasuredOn = table.Column<DateOnly>(type: @"date", nullable: false),
                Source = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: false),
                RecordedByOrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                RecordedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_IndicatorMeasures", x => x.Id);
                table.ForeignKey(
                    name: @"FK_IndicatorMeasures_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_IndicatorMeasures_Challenges_ChallengeId",
                    column: x => x.ChallengeId,
                    principalTable: @"Challenges",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_IndicatorMeasures_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_IndicatorMeasures_Organisations_RecordedByOrganisationId",
                    column: x => x.RecordedByOrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(name: @"IX_IndicatorMeasures_CallId", table: @"IndicatorMeasures", column: @"CallId");
        migrationBuilder.CreateIndex(name: @"IX_IndicatorMeasures_ChallengeId", table: @"IndicatorMeasures", column: @"ChallengeId");
        migrationBuilder.CreateIndex(
            name: @"IX_IndicatorMeasures_CommonsId_ChallengeId_Indicator",
            table: @"IndicatorMeasures",
            columns: new[] { @"CommonsId", @"ChallengeId", @"Indicator" },
            unique: true);
        migrationBuilder.CreateIndex(name: @"IX_IndicatorMeasures_RecordedByOrganisationId", table: @"IndicatorMeasures", column: @"RecordedByOrganisationId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"IndicatorMeasures");
    }
}
