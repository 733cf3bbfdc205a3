using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>Onboarding an ecosystem (issue 13 §5): organisations' territory, the import's invitations, and the device authorization grant.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207130000_Onboarding")]
public sealed class Onboarding : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: @"Territory",
            table: @"Organisations",
            type: @"character varying(200)",
            maxLength: 200,
            nullable: true);

        migrationBuilder.CreateTable(
            name: @"OnboardingInvitations",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                Email = table.Column<string>(type: @"character varying(256)", maxLength: 256, nullable: false),
                AccountInvitationId = table.Column<Guid>(type: @"uuid", nullable: true),
                OutboxMessageId = table.Column<Guid>(type: @"uuid", nullable: true),
                InvitedByUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                InvitedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                SentAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_OnboardingInvitations", x => x.Id);
                table.ForeignKey(
                    name: @"FK_OnboardingInvitations_AccountInvitations_AccountInvitationId",
                    column: x => x.AccountInvitationId,
                    principalTable: @"AccountInvitations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.SetNull);
                table.ForeignKey(
                    name: @"FK_OnboardingInvitations_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_OnboardingInvitations_Organisations_OrganisationId",
                    column: x => x.OrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_OnboardingInvitations_OutboxMessages_OutboxMessageId",
                    column: x => x.OutboxMessageId,
                    principalTable: @"OutboxMessages",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: @"DeviceAuthorizations",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                DeviceCodeHash = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                UserCodeHash = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                ClientId = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                ExpiresAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                IntervalSeconds = table.Column<int>(type: @"integer", nullable: false),
                LastPolledAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: true),
                ApprovedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                DeniedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                CompletedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                TokenId = table.Column<Guid>(type: @"uuid", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_DeviceAuthorizations", x => x.Id);
                table.ForeignKey(
                    name: @"FK_DeviceAuthorizations_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: @"AspNetUsers",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_DeviceAuthorizations_PersonalAccessTokens_TokenId",
                    column: x => x.TokenId,
                    principalTable: @"PersonalAccessTokens",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex(
            name: @"IX_OnboardingInvitations_AccountInvitationId",
            table: @"OnboardingInvitations",
            column: @"AccountInvitationId");

        migrationBuilder.CreateIndex(
            name: @"IX_OnboardingInvitations_CallId_OrganisationId_Email",
            table: @"OnboardingInvitations",
            columns: new[] { @"CallId", @"OrganisationId", @"Email" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_OnboardingInvitations_OrganisationId",
            table: @"OnboardingInvitations",
            column: @"OrganisationId");

        migrationBuilder.CreateIndex(
            name: @"IX_OnboardingInvitations_OutboxMessageId",
            table: @"OnboardingInvitations",
            column: @"OutboxMessageId");

        migrationBuilder.CreateIndex(
            name: @"IX_DeviceAuthorizations_DeviceCodeHash",
            table: @"DeviceAuthorizations",
            column: @"DeviceCodeHash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_DeviceAuthorizations_TokenId",
            table: @"DeviceAuthorizations",
            column: @"TokenId");

        migrationBuilder.CreateIndex(
            name: @"IX_DeviceAuthorizations_UserCodeHash",
            table: @"DeviceAuthorizations",
            column: @"UserCodeHash");

        migrationBuilder.CreateIndex(
            name: @"IX_DeviceAuthorizations_UserId",
            table: @"DeviceAuthorizations",
            column: @"UserId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"OnboardingInvitations");
        migrationBuilder.DropTable(name: @"DeviceAuthorizations");
        migrationBuilder.DropColumn(name: @"Territory", table: @"Organisations");
    }
}
