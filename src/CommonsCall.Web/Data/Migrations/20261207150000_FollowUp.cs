using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>Follow-up after the vote: funding agreements, their tranches and the deliverables declared against milestones.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207150000_FollowUp")]
public sealed class FollowUp : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"FundingAgreements",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                LeadOrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                Award = table.Column<long>(type: @"bigint", nullable: false),
                Paid = table.Column<long>(type: @"bigint", nullable: false),
                ReturnedToPool = table.Column<long>(type: @"bigint", nullable: false),
                Status = table.Column<int>(type: @"integer", nullable: false),
                Schedule = table.Column<int>(type: @"integer", nullable: false),
                CancelReason = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                ScheduleAcceptedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                ClosedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_FundingAgreements", x => x.Id);
                table.ForeignKey(
                    name: @"FK_FundingAgreements_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_FundingAgreements_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_FundingAgreements_Organisations_LeadOrganisationId",
                    column: x => x.LeadOrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
                table.CheckConstraint(
                    @"CK_FundingAgreements_WithinAward", @"""Paid"" >= 0 AND ""ReturnedToPool"" >= 0 AND ""Award"" >= 0 AND ""Paid"" + ""ReturnedToPool"" <= ""Award""");
            });

        migrationBuilder.CreateTable(
            name: @"Tranches",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                AgreementId = table.Column<Guid>(type: @"uuid", nullable: false),
                Position = table.Column<int>(type: @"integer", nullable: false),
                MilestoneId = table.Column<Guid>(type: @"uuid", nullable: true),
                Percent = table.Column<int>(type: @"integer", nullable: false),
                Amount = table.Column<long>(type: @"bigint", nullable: false),
                State = table.Column<int>(type: @"integer", nullable: false),
                SettledAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Tranches", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Tranches_FundingAgreements_AgreementId",
                    column: x => x.AgreementId,
                    principalTable: @"FundingAgreements",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Tranches_Milestones_MilestoneId",
                    column: x => x.MilestoneId,
                    principalTable: @"Milestones",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
                table.CheckConstraint(@"CK_Tranches_NonNegative", @"""Amount"" >= 0");
            });

        migrationBuilder.CreateTable(
            name: @"Deliverables",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                AgreementId = table.Column<Guid>(type: @"uuid", nullable: false),
                MilestoneId = table.Column<Guid>(type: @"uuid", nullable: false),
                State = table.Column<int>(type: @"integer", nullable: false),
                Evidence = table.Column<List<string>>(type: @"text[]", nullable: false),
                DeclaredByOrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                DeclaredAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                ReviewComment = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: true),
                ReviewedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Deliverables", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Deliverables_FundingAgreements_AgreementId",
                    column: x => x.AgreementId,
                    principalTable: @"FundingAgreements",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Deliverables_Milestones_MilestoneId",
                    column: x => x.MilestoneId,
                    principalTable: @"Milestones",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: @"FK_Deliverables_Organisations_DeclaredByOrganisationId",
                    column: x => x.DeclaredByOrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(name: @"IX_FundingAgreements_CallId", table: @"FundingAgreements", column: @"CallId");
        migrationBuilder.CreateIndex(name: @"IX_FundingAgreements_CommonsId", table: @"FundingAgreements", column: @"CommonsId", unique: true);
        migrationBuilder.CreateIndex(name: @"IX_FundingAgreements_LeadOrganisationId", table: @"FundingAgreements", column: @"LeadOrganisationId");
        migrationBuilder.CreateIndex(name: @"IX_Tranches_AgreementId_Position", table: @"Tranches", columns: new[] { @"AgreementId", @"Position" }, unique: true);
        migrationBuilder.CreateIndex(name: @"IX_Tranches_MilestoneId", table: @"Tranches", column: @"MilestoneId");
        migrationBuilder.CreateIndex(name: @"IX_Deliverables_AgreementId_MilestoneId", table: @"Deliverables", columns: new[] { @"AgreementId", @"MilestoneId" }, unique: true);
        migrationBuilder.CreateIndex(name: @"IX_Deliverables_DeclaredByOrganisationId", table: @"Deliverables", column: @"DeclaredByOrganisationId");
        migrationBuilder.CreateIndex(name: @"IX_Deliverables_MilestoneId", table: @"Deliverables", column: @"MilestoneId");

        // Rounds settled before this migration: each funded (or delivered) commons gets its agreement, led by its proposer.
        migrationBuilder.Sql("""
            INSERT INTO "FundingAgreements" ("Id", "CallId", "CommonsId", "LeadOrganisationId", "Award", "Paid", "ReturnedToPool", "Status", "Schedule", "CreatedAt")
            SELECT gen_random_uuid(), c."CallId", c."Id", c."ProposedByOrganisationId", c."Total" + c."Match", 0, 0, 0, 0, now()
            FROM "Commons" c WHERE c."Status" IN (2, 5)
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"Deliverables");
        migrationBuilder.DropTable(name: @"Tranches");
        migrationBuilder.DropTable(name: @"FundingAgreements");
    }
}
