using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>A commons' repository and documentation links, and its cover image (issue 14, item 7).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207140000_CommonsCoversAndLinks")]
public sealed class CommonsCoversAndLinks : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: @"RepositoryUrl", table: @"Commons", type: @"character varying(500)", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<string>(
            name: @"DocumentationUrl", table: @"Commons", type: @"character varying(500)", maxLength: 500, nullable: true);

        migrationBuilder.CreateTable(
            name: @"CommonsCovers",
            columns: table => new
            {
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                Image = table.Column<byte[]>(type: @"bytea", nullable: false),
                ContentType = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                Width = table.Column<int>(type: @"integer", nullable: false),
                Height = table.Column<int>(type: @"integer", nullable: false),
                AltText = table.Column<string>(type: @"character varying(300)", maxLength: 300, nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_CommonsCovers", x => x.CommonsId);
                table.ForeignKey(
                    name: @"FK_CommonsCovers_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"CommonsCovers");
        migrationBuilder.DropColumn(name: @"DocumentationUrl", table: @"Commons");
        migrationBuilder.DropColumn(name: @"RepositoryUrl", table: @"Commons");
    }
}
