using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>
/// Commons proposals (what a commons is looking for, skills wanted, links to the challenges it answers) and
/// working groups (positionings, milestones, meetings).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122120000_CommonsAndWorkingGroups")]
public sealed class CommonsAndWorkingGroups : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(
            name: @"LookingFor",
            table: @"Commons",
            type: @"integer",
            nullable: false,
            defaultValue: 0);

        // The default only fills the existing rows: the model has none.
        migrationBuilder.Sql(@"ALTER TABLE ""Commons"" ALTER COLUMN ""LookingFor"" DROP DEFAULT;");

        migrationBuilder.AddColumn<string>(
            name: @"SkillsWanted",
            table: @"Commons",
            type: @"character varying(1000)",
            maxLength: 1000,
            nullable: true);

        migrationBuilder.CreateTable(
            name: @"CommonsChallenges",
            columns: table => new
            {
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                ChallengeId = table.Column<Guid>(type: @"uuid", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_CommonsChallenges", x => new { x.CommonsId, x.ChallengeId });
                table.ForeignKey(
                    name: @"FK_CommonsChallenges_Challenges_ChallengeId",
                    column: x => x.ChallengeId,
                    principalTable: @"Challenges",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_CommonsChallenges_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"Meetings",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                On = table.Column<DateOnly>(type: @"date", nullable: false),
                Note = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Meetings", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Meetings_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"Milestones",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                Title = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                DueOn = table.Column<DateOnly>(type: @"date", nullable: false),
                OwnerOrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                IsDone = table.Column<bool>(type: @"boolean", nullable: false),
                DoneAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Milestones", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Milestones_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Milestones_Organisations_OwnerOrganisationId",
                    column: x => x.OwnerOrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: @"Positionings",
            columns: table => new
            {
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                Kinds = table.Column<int>(type: @"integer", nullable: false),
                Expectations = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: true),
                Availability = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Positionings", x => new { x.CommonsId, x.OrganisationId });
                table.ForeignKey(
                    name: @"FK_Positionings_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Positionings_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Positionings_Organisations_OrganisationId",
                    column: x => x.OrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: @"IX_CommonsChallenges_ChallengeId",
            table: @"CommonsChallenges",
            column: @"ChallengeId");

        migrationBuilder.CreateIndex(
            name: @"IX_Meetings_CommonsId_On",
            table: @"Meetings",
            columns: new[] { @"CommonsId", @"On" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_Milestones_CommonsId",
            table: @"Milestones",
            column: @"CommonsId");

        migrationBuilder.CreateIndex(
            name: @"IX_Milestones_OwnerOrganisationId",
            table: @"Milestones",
            column: @"OwnerOrganisationId");

        migrationBuilder.CreateIndex(
            name: @"IX_Positionings_CallId",
            table: @"Positionings",
            column: @"CallId");

        migrationBuilder.CreateIndex(
            name: @"IX_Positionings_OrganisationId",
            table: @"Positionings",
            column: @"OrganisationId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"Positionings");
        migrationBuilder.DropTable(name: @"Milestones");
        migrationBuilder.DropTable(name: @"Meetings");
        migrationBuilder.DropTable(name: @"CommonsChallenges");
        migrationBuilder.DropColumn(name: @"SkillsWanted", table: @"Commons");
        migrationBuilder.DropColumn(name: @"LookingFor", table: @"Commons");
    }
}
