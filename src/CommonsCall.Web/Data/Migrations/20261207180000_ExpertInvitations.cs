using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>Invitations that make an outside expert evaluator of a call when they register (issue 16).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207180000_ExpertInvitations")]
public sealed class ExpertInvitations : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(name: @"EvaluatesCallId", table: @"AccountInvitations", type: @"uuid", nullable: true);
        migrationBuilder.CreateIndex(name: @"IX_AccountInvitations_EvaluatesCallId", table: @"AccountInvitations", column: @"EvaluatesCallId");
        migrationBuilder.AddForeignKey(
            name: @"FK_AccountInvitations_Calls_EvaluatesCallId",
            table: @"AccountInvitations",
            column: @"EvaluatesCallId",
            principalTable: @"Calls",
            principalColumn: @"Id",
            onDelete: ReferentialAction.Cascade);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropForeignKey(name: @"FK_AccountInvitations_Calls_EvaluatesCallId", table: @"AccountInvitations");
        migrationBuilder.DropIndex(name: @"IX_AccountInvitations_EvaluatesCallId", table: @"AccountInvitations");
        migrationBuilder.DropColumn(name: @"EvaluatesCallId", table: @"AccountInvitations");
    }
}
