using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>
/// Micro-challenges in full: pains, before/after scenario with indicators, who pays / uses / benefits, a
/// target community range (15-20 by default), a resource person, publication date and supporters.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122110000_Challenges")]
public sealed class Challenges : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AlterColumn<string>(
            name: @"Question",
            table: @"Challenges",
            type: @"character varying(200)",
            maxLength: 200,
            nullable: false,
            oldClrType: typeof(string),
            oldType: @"character varying(500)",
            oldMaxLength: 500);

        migrationBuilder.AlterColumn<string>(
            name: @"Context",
            table: @"Challenges",
            type: @"character varying(20000)",
            maxLength: 20000,
            nullable: true,
            oldClrType: typeof(string),
            oldType: @"character varying(20000)",
            oldMaxLength: 20000);

        migrationBuilder.RenameColumn(name: @"TargetCommunitySize", table: @"Challenges", newName: @"TargetCommunityMax");

        // Existing rows get the defaults of DESIGN.md; new rows always say what they hold, so the defaults go.
        migrationBuilder.AddColumn<int>(name: @"TargetCommunityMin", table: @"Challenges", type: @"integer", nullable: false, defaultValue: 15);
        migrationBuilder.AddColumn<string[]>(name: @"Pains", table: @"Challenges", type: @"character varying(500)[]", nullable: false, defaultValueSql: @"'{}'");
        migrationBuilder.Sql(@"ALTER TABLE ""Challenges"" ALTER COLUMN ""TargetCommunityMin"" DROP DEFAULT, ALTER COLUMN ""Pains"" DROP DEFAULT;");

        migrationBuilder.AddColumn<string>(name: @"ScenarioBefore", table: @"Challenges", type: @"character varying(20000)", maxLength: 20000, nullable: true);
        migrationBuilder.AddColumn<string>(name: @"ScenarioAfter", table: @"Challenges", type: @"character varying(20000)", maxLength: 20000, nullable: true);
        migrationBuilder.AddColumn<string>(name: @"Indicators", table: @"Challenges", type: @"jsonb", nullable: true);
        migrationBuilder.AddColumn<string>(name: @"WhoPays", table: @"Challenges", type: @"character varying(500)", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<string>(name: @"WhoUses", table: @"Challenges", type: @"character varying(500)", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<string>(name: @"WhoBenefits", table: @"Challenges", type: @"character varying(500)", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<string>(name: @"ResourcePersonName", table: @"Challenges", type: @"character varying(200)", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: @"ResourcePersonUserId", table: @"Challenges", type: @"character varying(450)", maxLength: 450, nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: @"PublishedAt", table: @"Challenges", type: @"timestamp with time zone", nullable: true);

        // Challenges published before this migration were published when created.
        migrationBuilder.Sql(@"UPDATE ""Challenges"" SET ""PublishedAt"" = ""CreatedAt"" WHERE ""Status"" = 1;");

        migrationBuilder.CreateIndex(
            name: @"IX_Challenges_ResourcePersonUserId",
            table: @"Challenges",
            column: @"ResourcePersonUserId");

        migrationBuilder.AddForeignKey(
            name: @"FK_Challenges_AspNetUsers_ResourcePersonUserId",
            table: @"Challenges",
            column: @"ResourcePersonUserId",
            principalTable: @"AspNetUsers",
            principalColumn: @"Id",
            onDelete: ReferentialAction.SetNull);

        migrationBuilder.CreateTable(
            name: @"ChallengeSupporter",
            columns: table => new
            {
                ChallengeId = table.Column<Guid>(type: @"uuid", nullable: false),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                SupportedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_ChallengeSupporter", x => new { x.ChallengeId, x.OrganisationId });
                table.ForeignKey(
                    name: @"FK_ChallengeSupporter_Challenges_ChallengeId",
                    column: x => x.ChallengeId,
                    principalTable: @"Challenges",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_ChallengeSupporter_Organisations_OrganisationId",
                    column: x => x.OrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: @"IX_ChallengeSupporter_OrganisationId",
            table: @"ChallengeSupporter",
            column: @"OrganisationId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"ChallengeSupporter");
        migrationBuilder.DropForeignKey(name: @"FK_Challenges_AspNetUsers_ResourcePersonUserId", table: @"Challenges");
        migrationBuilder.DropIndex(name: @"IX_Challenges_ResourcePersonUserId", table: @"Challenges");
        foreach (var column in new[] { "TargetCommunityMin", "Pains", "ScenarioBefore", "ScenarioAfter", "Indicators", "WhoPays", "WhoUses", "WhoBenefits", "ResourcePersonName", "ResourcePersonUserId", "PublishedAt" })
        {
            migrationBuilder.DropColumn(name: column, table: @"Challenges");
        }

        migrationBuilder.RenameColumn(name: @"TargetCommunityMax", table: @"Challenges", newName: @"TargetCommunitySize");
        migrationBuilder.Sql(@"UPDATE ""Challenges"" SET ""Context"" = '' WHERE ""Context"" IS NULL;");
        migrationBuilder.AlterColumn<string>(
            name: @"Context",
            table: @"Challenges",
            type: @"character varying(20000)",
            maxLength: 20000,
            nullable: false,
            oldClrType: typeof(string),
            oldType: @"character varying(20000)",
            oldMaxLength: 20000,
            oldNullable: true);
        migrationBuilder.AlterColumn<string>(
            name: @"Question",
            table: @"Challenges",
            type: @"character varying(500)",
            maxLength: 500,
            nullable: false,
            oldClrType: typeof(string),
            oldType: @"character varying(200)",
            oldMaxLength: 200);
    }
}
