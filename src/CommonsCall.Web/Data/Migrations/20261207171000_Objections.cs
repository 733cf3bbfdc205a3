using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>The objection window before approval (Features/Objections, issue 16 §4): windows and objections.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207171000_Objections")]
public sealed class Objections : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"ObjectionWindows",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                OpenedByUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                OpenedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                ClosesAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_ObjectionWindows", x => x.Id);
                table.ForeignKey(
                    name: @"FK_ObjectionWindows_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"Objections",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                AuthorUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Reason = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: false),
                RaisedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                State = table.Column<int>(type: @"integer", nullable: false),
                Answer = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: true),
                AnsweredByUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: true),
                AnsweredAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Objections", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Objections_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Objections_Organisations_OrganisationId",
                    column: x => x.OrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: @"IX_ObjectionWindows_CommonsId",
            table: @"ObjectionWindows",
            column: @"CommonsId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_Objections_CommonsId_State",
            table: @"Objections",
            columns: new[] { @"CommonsId", @"State" });

        migrationBuilder.CreateIndex(
            name: @"IX_Objections_OrganisationId",
            table: @"Objections",
            column: @"OrganisationId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"Objections");
        migrationBuilder.DropTable(name: @"ObjectionWindows");
    }
}
