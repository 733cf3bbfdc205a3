using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>Reaching people: personal calendar feeds, disabled accounts, and invitations that make a co-facilitator.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207120000_People")]
public sealed class People : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTimeOffset>(
            name: @"DisabledAt",
            table: @"AspNetUsers",
            type: @"timestamp with time zone",
            nullable: true);

        migrationBuilder.AddColumn<Guid>(
            name: @"FacilitatesCallId",
            table: @"AccountInvitations",
            type: @"uuid",
            nullable: true);

        migrationBuilder.CreateTable(
            name: @"CalendarFeeds",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                TokenHash = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                Language = table.Column<string>(type: @"character varying(8)", maxLength: 8, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                LastUsedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_CalendarFeeds", x => x.Id);
                table.ForeignKey(
                    name: @"FK_CalendarFeeds_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: @"AspNetUsers",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: @"IX_CalendarFeeds_TokenHash",
            table: @"CalendarFeeds",
            column: @"TokenHash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_CalendarFeeds_UserId",
            table: @"CalendarFeeds",
            column: @"UserId",
            unique: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"CalendarFeeds");
        migrationBuilder.DropColumn(name: @"FacilitatesCallId", table: @"AccountInvitations");
        migrationBuilder.DropColumn(name: @"DisabledAt", table: @"AspNetUsers");
    }
}
