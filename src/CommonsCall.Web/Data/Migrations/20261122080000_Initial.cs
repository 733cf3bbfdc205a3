using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace CommonsCall.Web.Data.Migrations;

/// <inheritdoc />
[DbContext(typeof(AppDbContext))]
[Migration("20261122080000_Initial")]
public sealed class Initial : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"AccountInvitations",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                TokenHash = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                Email = table.Column<string>(type: @"character varying(256)", maxLength: 256, nullable: false),
                Role = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: true),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: true),
                CreatedByUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                ExpiresAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                UsedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_AccountInvitations", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: @"AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(type: @"text", nullable: false),
                Name = table.Column<string>(type: @"character varying(256)", maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(type: @"character varying(256)", maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(type: @"text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_AspNetRoles", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: @"AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(type: @"text", nullable: false),
                DisplayName = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                UserName = table.Column<string>(type: @"character varying(256)", maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(type: @"character varying(256)", maxLength: 256, nullable: true),
                Email = table.Column<string>(type: @"character varying(256)", maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(type: @"character varying(256)", maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(type: @"boolean", nullable: false),
                PasswordHash = table.Column<string>(type: @"text", nullable: true),
                SecurityStamp = table.Column<string>(type: @"text", nullable: true),
                ConcurrencyStamp = table.Column<string>(type: @"text", nullable: true),
                PhoneNumber = table.Column<string>(type: @"text", nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(type: @"boolean", nullable: false),
                TwoFactorEnabled = table.Column<bool>(type: @"boolean", nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                LockoutEnabled = table.Column<bool>(type: @"boolean", nullable: false),
                AccessFailedCount = table.Column<int>(type: @"integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_AspNetUsers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: @"Audit",
            columns: table => new
            {
                Id = table.Column<long>(type: @"bigint", nullable: false)
                    .Annotation(@"Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                CallId = table.Column<Guid>(type: @"uuid", nullable: true),
                ActorUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Action = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                Before = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: true),
                After = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: true),
                At = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Audit", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: @"Calls",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                Title = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                Slug = table.Column<string>(type: @"character varying(80)", maxLength: 80, nullable: false),
                Summary = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: false),
                Ecosystem = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                Currency = table.Column<string>(type: @"character varying(3)", maxLength: 3, nullable: false),
                Visibility = table.Column<int>(type: @"integer", nullable: false),
                Phase = table.Column<int>(type: @"integer", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                SettledAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                xmin = table.Column<uint>(type: @"xid", rowVersion: true, nullable: false),
                BudgetRules_AllowWithdrawal = table.Column<bool>(type: @"boolean", nullable: false),
                BudgetRules_CoCreatorsMayFundOwnCommons = table.Column<bool>(type: @"boolean", nullable: false),
                BudgetRules_ContributionsVisibility = table.Column<int>(type: @"integer", nullable: false),
                BudgetRules_FundingClosesAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                BudgetRules_FundingOpensAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                BudgetRules_MaxShareOfBalancePerCommons = table.Column<int>(type: @"integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Calls", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: @"DataProtectionKeys",
            columns: table => new
            {
                Id = table.Column<int>(type: @"integer", nullable: false)
                    .Annotation(@"Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                FriendlyName = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                Xml = table.Column<string>(type: @"text", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_DataProtectionKeys", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: @"Organisations",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                Name = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                Kind = table.Column<int>(type: @"integer", nullable: false),
                SizeBand = table.Column<int>(type: @"integer", nullable: false),
                Stage = table.Column<int>(type: @"integer", nullable: false),
                Website = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: true),
                Description = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Organisations", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: @"AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(type: @"integer", nullable: false)
                    .Annotation(@"Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RoleId = table.Column<string>(type: @"text", nullable: false),
                ClaimType = table.Column<string>(type: @"text", nullable: true),
                ClaimValue = table.Column<string>(type: @"text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey(
                    name: @"FK_AspNetRoleClaims_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: @"AspNetRoles",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(type: @"integer", nullable: false)
                    .Annotation(@"Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(type: @"text", nullable: false),
                ClaimType = table.Column<string>(type: @"text", nullable: true),
                ClaimValue = table.Column<string>(type: @"text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey(
                    name: @"FK_AspNetUserClaims_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: @"AspNetUsers",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(type: @"text", nullable: false),
                ProviderKey = table.Column<string>(type: @"text", nullable: false),
                ProviderDisplayName = table.Column<string>(type: @"text", nullable: true),
                UserId = table.Column<string>(type: @"text", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey(
                    name: @"FK_AspNetUserLogins_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: @"AspNetUsers",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(type: @"text", nullable: false),
                RoleId = table.Column<string>(type: @"text", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey(
                    name: @"FK_AspNetUserRoles_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: @"AspNetRoles",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_AspNetUserRoles_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: @"AspNetUsers",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(type: @"text", nullable: false),
                LoginProvider = table.Column<string>(type: @"text", nullable: false),
                Name = table.Column<string>(type: @"text", nullable: false),
                Value = table.Column<string>(type: @"text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey(
                    name: @"FK_AspNetUserTokens_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: @"AspNetUsers",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"CallFacilitator",
            columns: table => new
            {
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_CallFacilitator", x => new { x.CallId, x.UserId });
                table.ForeignKey(
                    name: @"FK_CallFacilitator_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: @"AspNetUsers",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_CallFacilitator_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"CallGlossaryTerms",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                Term = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                Definition = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_CallGlossaryTerms", x => x.Id);
                table.ForeignKey(
                    name: @"FK_CallGlossaryTerms_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"CallScopeStatements",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                Text = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: false),
                InScope = table.Column<bool>(type: @"boolean", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_CallScopeStatements", x => x.Id);
                table.ForeignKey(
                    name: @"FK_CallScopeStatements_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"Ledger",
            columns: table => new
            {
                Id = table.Column<long>(type: @"bigint", nullable: false)
                    .Annotation(@"Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                Kind = table.Column<int>(type: @"integer", nullable: false),
                Amount = table.Column<long>(type: @"bigint", nullable: false),
                Before = table.Column<long>(type: @"bigint", nullable: false),
                After = table.Column<long>(type: @"bigint", nullable: false),
                ActorUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: true),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: true),
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: true),
                At = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Ledger", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Ledger_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: @"Challenges",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                AuthorOrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                Question = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: false),
                Context = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: false),
                Status = table.Column<int>(type: @"integer", nullable: false),
                TargetCommunitySize = table.Column<int>(type: @"integer", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Challenges", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Challenges_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Challenges_Organisations_AuthorOrganisationId",
                    column: x => x.AuthorOrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: @"Commons",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                ProposedByOrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                Title = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                Summary = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: false),
                Kind = table.Column<int>(type: @"integer", nullable: false),
                Licence = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                Governance = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: true),
                CommunityPlan = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: true),
                CitizenInvolvement = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: true),
                MissingResources = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: true),
                Maturity = table.Column<int>(type: @"integer", nullable: false),
                Status = table.Column<int>(type: @"integer", nullable: false),
                ReviewComment = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: true),
                MinimumGoal = table.Column<long>(type: @"bigint", nullable: false),
                MaximumGoal = table.Column<long>(type: @"bigint", nullable: false),
                Total = table.Column<long>(type: @"bigint", nullable: false),
                Released = table.Column<long>(type: @"bigint", nullable: false),
                Match = table.Column<long>(type: @"bigint", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                BudgetLines = table.Column<string>(type: @"jsonb", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Commons", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Commons_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Commons_Organisations_ProposedByOrganisationId",
                    column: x => x.ProposedByOrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: @"MemberBudgets",
            columns: table => new
            {
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                Granted = table.Column<long>(type: @"bigint", nullable: false),
                OwnFunds = table.Column<long>(type: @"bigint", nullable: false),
                Contributed = table.Column<long>(type: @"bigint", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_MemberBudgets", x => new { x.CallId, x.OrganisationId });
                table.ForeignKey(
                    name: @"FK_MemberBudgets_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_MemberBudgets_Organisations_OrganisationId",
                    column: x => x.OrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
                table.CheckConstraint(@"CK_MemberBudgets_NonNegative", @"""Granted"" >= 0 AND ""OwnFunds"" >= 0");
                table.CheckConstraint(@"CK_MemberBudgets_NotOverspent", @"""Contributed"" >= 0 AND ""Contributed"" <= ""Granted"" + ""OwnFunds""");
            });

        migrationBuilder.CreateTable(
            name: @"OrganisationMembers",
            columns: table => new
            {
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_OrganisationMembers", x => new { x.OrganisationId, x.UserId });
                table.ForeignKey(
                    name: @"FK_OrganisationMembers_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: @"AspNetUsers",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_OrganisationMembers_Organisations_OrganisationId",
                    column: x => x.OrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"Participants",
            columns: table => new
            {
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                Role = table.Column<int>(type: @"integer", nullable: false),
                State = table.Column<int>(type: @"integer", nullable: false),
                InvitedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                JoinedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Participants", x => new { x.CallId, x.OrganisationId, x.Role });
                table.ForeignKey(
                    name: @"FK_Participants_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Participants_Organisations_OrganisationId",
                    column: x => x.OrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: @"Pledges",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                FunderOrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                Amount = table.Column<long>(type: @"bigint", nullable: false),
                IsMatching = table.Column<bool>(type: @"boolean", nullable: false),
                CreatedByUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Pledges", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Pledges_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Pledges_Organisations_FunderOrganisationId",
                    column: x => x.FunderOrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
                table.CheckConstraint(@"CK_Pledges_Positive", @"""Amount"" > 0");
            });

        migrationBuilder.CreateTable(
            name: @"CommonsCoCreator",
            columns: table => new
            {
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_CommonsCoCreator", x => new { x.CommonsId, x.OrganisationId });
                table.ForeignKey(
                    name: @"FK_CommonsCoCreator_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_CommonsCoCreator_Organisations_OrganisationId",
                    column: x => x.OrganisationId,
                    principalTable: @"Organisations",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: @"Contributions",
            columns: table => new
            {
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                Amount = table.Column<long>(type: @"bigint", nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Contributions", x => new { x.CommonsId, x.OrganisationId });
                table.ForeignKey(
                    name: @"FK_Contributions_Commons_CommonsId",
                    column: x => x.CommonsId,
                    principalTable: @"Commons",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Contributions_MemberBudgets_CallId_OrganisationId",
                    columns: x => new { x.CallId, x.OrganisationId },
                    principalTable: @"MemberBudgets",
                    principalColumns: new[] { @"CallId", @"OrganisationId" },
                    onDelete: ReferentialAction.Restrict);
                table.CheckConstraint(@"CK_Contributions_NonNegative", @"""Amount"" >= 0");
            });

        migrationBuilder.CreateIndex(
            name: @"IX_AccountInvitations_TokenHash",
            table: @"AccountInvitations",
            column: @"TokenHash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_AspNetRoleClaims_RoleId",
            table: @"AspNetRoleClaims",
            column: @"RoleId");

        migrationBuilder.CreateIndex(
            name: @"RoleNameIndex",
            table: @"AspNetRoles",
            column: @"NormalizedName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_AspNetUserClaims_UserId",
            table: @"AspNetUserClaims",
            column: @"UserId");

        migrationBuilder.CreateIndex(
            name: @"IX_AspNetUserLogins_UserId",
            table: @"AspNetUserLogins",
            column: @"UserId");

        migrationBuilder.CreateIndex(
            name: @"IX_AspNetUserRoles_RoleId",
            table: @"AspNetUserRoles",
            column: @"RoleId");

        migrationBuilder.CreateIndex(
            name: @"EmailIndex",
            table: @"AspNetUsers",
            column: @"NormalizedEmail");

        migrationBuilder.CreateIndex(
            name: @"UserNameIndex",
            table: @"AspNetUsers",
            column: @"NormalizedUserName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_Audit_CallId_Id",
            table: @"Audit",
            columns: new[] { @"CallId", @"Id" });

        migrationBuilder.CreateIndex(
            name: @"IX_CallFacilitator_UserId",
            table: @"CallFacilitator",
            column: @"UserId");

        migrationBuilder.CreateIndex(
            name: @"IX_CallGlossaryTerms_CallId",
            table: @"CallGlossaryTerms",
            column: @"CallId");

        migrationBuilder.CreateIndex(
            name: @"IX_Calls_Slug",
            table: @"Calls",
            column: @"Slug",
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_CallScopeStatements_CallId",
            table: @"CallScopeStatements",
            column: @"CallId");

        migrationBuilder.CreateIndex(
            name: @"IX_Challenges_AuthorOrganisationId",
            table: @"Challenges",
            column: @"AuthorOrganisationId");

        migrationBuilder.CreateIndex(
            name: @"IX_Challenges_CallId",
            table: @"Challenges",
            column: @"CallId");

        migrationBuilder.CreateIndex(
            name: @"IX_Commons_CallId",
            table: @"Commons",
            column: @"CallId");

        migrationBuilder.CreateIndex(
            name: @"IX_Commons_ProposedByOrganisationId",
            table: @"Commons",
            column: @"ProposedByOrganisationId");

        migrationBuilder.CreateIndex(
            name: @"IX_CommonsCoCreator_OrganisationId",
            table: @"CommonsCoCreator",
            column: @"OrganisationId");

        migrationBuilder.CreateIndex(
            name: @"IX_Contributions_CallId_OrganisationId",
            table: @"Contributions",
            columns: new[] { @"CallId", @"OrganisationId" });

        migrationBuilder.CreateIndex(
            name: @"IX_Ledger_CallId_Id",
            table: @"Ledger",
            columns: new[] { @"CallId", @"Id" });

        migrationBuilder.CreateIndex(
            name: @"IX_MemberBudgets_OrganisationId",
            table: @"MemberBudgets",
            column: @"OrganisationId");

        migrationBuilder.CreateIndex(
            name: @"IX_OrganisationMembers_UserId",
            table: @"OrganisationMembers",
            column: @"UserId");

        migrationBuilder.CreateIndex(
            name: @"IX_Organisations_Name",
            table: @"Organisations",
            column: @"Name",
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_Participants_OrganisationId",
            table: @"Participants",
            column: @"OrganisationId");

        migrationBuilder.CreateIndex(
            name: @"IX_Pledges_CallId",
            table: @"Pledges",
            column: @"CallId");

        migrationBuilder.CreateIndex(
            name: @"IX_Pledges_FunderOrganisationId",
            table: @"Pledges",
            column: @"FunderOrganisationId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"Contributions");
        migrationBuilder.DropTable(name: @"CommonsCoCreator");
        migrationBuilder.DropTable(name: @"Pledges");
        migrationBuilder.DropTable(name: @"Participants");
        migrationBuilder.DropTable(name: @"OrganisationMembers");
        migrationBuilder.DropTable(name: @"MemberBudgets");
        migrationBuilder.DropTable(name: @"Commons");
        migrationBuilder.DropTable(name: @"Challenges");
        migrationBuilder.DropTable(name: @"Ledger");
        migrationBuilder.DropTable(name: @"CallScopeStatements");
        migrationBuilder.DropTable(name: @"CallGlossaryTerms");
        migrationBuilder.DropTable(name: @"CallFacilitator");
        migrationBuilder.DropTable(name: @"AspNetUserTokens");
        migrationBuilder.DropTable(name: @"AspNetUserRoles");
        migrationBuilder.DropTable(name: @"AspNetUserLogins");
        migrationBuilder.DropTable(name: @"AspNetUserClaims");
        migrationBuilder.DropTable(name: @"AspNetRoleClaims");
        migrationBuilder.DropTable(name: @"Organisations");
        migrationBuilder.DropTable(name: @"DataProtectionKeys");
        migrationBuilder.DropTable(name: @"Calls");
        migrationBuilder.DropTable(name: @"Audit");
        migrationBuilder.DropTable(name: @"AspNetUsers");
        migrationBuilder.DropTable(name: @"AspNetRoles");
        migrationBuilder.DropTable(name: @"AccountInvitations");
    }
}
