using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>Attached files in the database (evidence of milestones, receipts) and expenses against budget lines (issue 15).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207160000_AttachmentsAndExpenses")]
public sealed class AttachmentsAndExpenses : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"Attachments",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                Owner = table.Column<int>(type: @"integer", nullable: false),
                OwnerId = table.Column<Guid>(type: @"uuid", nullable: false),
                FileName = table.Column<string>(type: @"character varying(255)", maxLength: 255, nullable: false),
                ContentType = table.Column<string>(type: @"character varying(100)", maxLength: 100, nullable: false),
                Size = table.Column<long>(type: @"bigint", nullable: false),
                Sha256 = table.Column<string>(type: @"character(64)", fixedLength: true, maxLength: 64, nullable: false),
                Content = table.Column<byte[]>(type: @"bytea", nullable: false),
                UploadedByUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                UploadedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Attachments", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Attachments_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.CheckConstraint(@"CK_Attachments_Size", @"""Size"" = octet_length(""Content"")");
            });

        migrationBuilder.CreateTable(
            name: @"Expenses",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                AgreementId = table.Column<Guid>(type: @"uuid", nullable: false),
                BudgetLine = table.Column<int>(type: @"integer", nullable: false),
                Amount = table.Column<long>(type: @"bigint", nullable: false),
                SpentOn = table.Column<DateOnly>(type: @"date", nullable: false),
                Label = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                Supplier = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: true),
                RecordedByOrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                RecordedByUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                RecordedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                CorrectedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                RemovedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                RemovedReason = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Expenses", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Expenses_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Expenses_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Expenses_FundingAgreements_AgreementId",
                    column: x => x.AgreementId,
                    principalTable: @"FundingAgreements",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Expenses_Organisations_RecordedByOrganisationId",
                    column: x => x.RecordedByOrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
                table.CheckConstraint(@"CK_Expenses_Positive", @"""Amount"" > 0 AND ""BudgetLine"" >= 0");
            });

        migrationBuilder.CreateIndex(name: @"IX_Attachments_CallId", table: @"Attachments", column: @"CallId");
        migrationBuilder.CreateIndex(name: @"IX_Attachments_Owner_OwnerId", table: @"Attachments", columns: new[] { @"Owner", @"OwnerId" });
        migrationBuilder.CreateIndex(name: @"IX_Expenses_AgreementId", table: @"Expenses", column: @"AgreementId");
        migrationBuilder.CreateIndex(name: @"IX_Expenses_CallId", table: @"Expenses", column: @"CallId");
        migrationBuilder.CreateIndex(name: @"IX_Expenses_CommonsId", table: @"Expenses", column: @"CommonsId");
        migrationBuilder.CreateIndex(name: @"IX_Expenses_RecordedByOrganisationId", table: @"Expenses", column: @"RecordedByOrganisationId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"Expenses");
        migrationBuilder.DropTable(name: @"Attachments");
    }
}
