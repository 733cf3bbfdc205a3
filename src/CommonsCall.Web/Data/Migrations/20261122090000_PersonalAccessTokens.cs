using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>Personal access tokens for the HTTP API (only their SHA-256 hash is stored).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122090000_PersonalAccessTokens")]
public sealed class PersonalAccessTokens : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"PersonalAccessTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Name = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                TokenHash = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                LastUsedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                RevokedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_PersonalAccessTokens", x => x.Id);
                table.ForeignKey(
                    name: @"FK_PersonalAccessTokens_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: @"AspNetUsers",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: @"IX_PersonalAccessTokens_TokenHash",
            table: @"PersonalAccessTokens",
            column: @"TokenHash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_PersonalAccessTokens_UserId",
            table: @"PersonalAccessTokens",
            column: @"UserId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"PersonalAccessTokens");
    }
}
