using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>Personal access tokens expire; tokens made before get the longest life, counted from their creation.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207060000_AccessTokenExpiry")]
public sealed class AccessTokenExpiry : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTimeOffset>(
            name: @"ExpiresAt",
            table: @"PersonalAccessTokens",
            type: @"timestamp with time zone",
            nullable: true);
        migrationBuilder.Sql("""UPDATE "PersonalAccessTokens" SET "ExpiresAt" = "CreatedAt" + interval '365 days';""");
        migrationBuilder.AlterColumn<DateTimeOffset>(
            name: @"ExpiresAt",
            table: @"PersonalAccessTokens",
            type: @"timestamp with time zone",
            nullable: false,
            oldClrType: typeof(DateTimeOffset),
            oldType: @"timestamp with time zone",
            oldNullable: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: @"ExpiresAt", table: @"PersonalAccessTokens");
    }
}
