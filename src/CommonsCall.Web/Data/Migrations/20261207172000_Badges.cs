using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>Open Badges awarded (Features/Recognition, issue 16 §6).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207172000_Badges")]
public sealed class Badges : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"Badges",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                Kind = table.Column<int>(type: @"integer", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                SubjectId = table.Column<Guid>(type: @"uuid", nullable: false),
                RecipientOrganisationId = table.Column<Guid>(type: @"uuid", nullable: true),
                RecipientUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: true),
                RecipientKey = table.Column<string>(type: @"character varying(470)", maxLength: 470, nullable: false),
                Salt = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                IssuedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                RevokedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                RevocationReason = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Badges", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Badges_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: @"IX_Badges_CallId",
            table: @"Badges",
            column: @"CallId");

        migrationBuilder.CreateIndex(
            name: @"IX_Badges_Kind_SubjectId_RecipientKey",
            table: @"Badges",
            columns: new[] { @"Kind", @"SubjectId", @"RecipientKey" },
            unique: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"Badges");
    }
}
