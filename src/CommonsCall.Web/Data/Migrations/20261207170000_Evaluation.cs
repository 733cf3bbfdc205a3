using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>Evaluation (issue 16 §1-3): each call's grid, its evaluators and their assignments, the scores, and the selection sessions.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207170000_Evaluation")]
public sealed class Evaluation : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"EvaluationCriteria",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                Position = table.Column<int>(type: @"integer", nullable: false),
                Kind = table.Column<int>(type: @"integer", nullable: false),
                Title = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                Description = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: true),
                Weight = table.Column<int>(type: @"integer", nullable: false),
                Scale = table.Column<int>(type: @"integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_EvaluationCriteria", x => x.Id);
                table.ForeignKey(@"FK_EvaluationCriteria_Calls_CallId", x => x.CallId, @"Calls", @"Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"CallEvaluators",
            columns: table => new
            {
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                AppointedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_CallEvaluators", x => new { x.CallId, x.UserId });
                table.ForeignKey(@"FK_CallEvaluators_AspNetUsers_UserId", x => x.UserId, @"AspNetUsers", @"Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey(@"FK_CallEvaluators_Calls_CallId", x => x.CallId, @"Calls", @"Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"EvaluationAssignments",
            columns: table => new
            {
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                EvaluatorId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                AssignedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_EvaluationAssignments", x => new { x.CommonsId, x.EvaluatorId });
                table.ForeignKey(
                    @"FK_EvaluationAssignments_CallEvaluators_CallId_EvaluatorId", x => new { x.CallId, x.EvaluatorId }, @"CallEvaluators",
                    new[] { @"CallId", @"UserId" }, onDelete: ReferentialAction.Cascade);
                table.ForeignKey(@"FK_EvaluationAssignments_Commons_CommonsId", x => x.CommonsId, @"Commons", @"Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"Evaluations",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                EvaluatorId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Note = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: true),
                GivenAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Evaluations", x => x.Id);
                table.ForeignKey(@"FK_Evaluations_Calls_CallId", x => x.CallId, @"Calls", @"Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    @"FK_Evaluations_EvaluationAssignments_CommonsId_EvaluatorId", x => new { x.CommonsId, x.EvaluatorId }, @"EvaluationAssignments",
                    new[] { @"CommonsId", @"EvaluatorId" }, onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: @"EvaluationMarks",
            columns: table => new
            {
                EvaluationId = table.Column<Guid>(type: @"uuid", nullable: false),
                CriterionId = table.Column<Guid>(type: @"uuid", nullable: false),
                Value = table.Column<int>(type: @"integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_EvaluationMarks", x => new { x.EvaluationId, x.CriterionId });
                table.ForeignKey(@"FK_EvaluationMarks_EvaluationCriteria_CriterionId", x => x.CriterionId, @"EvaluationCriteria", @"Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey(@"FK_EvaluationMarks_Evaluations_EvaluationId", x => x.EvaluationId, @"Evaluations", @"Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"SelectionSessions",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                Title = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                HeldOn = table.Column<DateOnly>(type: @"date", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                PublishedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_SelectionSessions", x => x.Id);
                table.ForeignKey(@"FK_SelectionSessions_Calls_CallId", x => x.CallId, @"Calls", @"Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"SelectionDecisions",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                SessionId = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                CommonsId = table.Column<Guid>(type: @"uuid", nullable: false),
                Outcome = table.Column<int>(type: @"integer", nullable: false),
                Reason = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: false),
                Rank = table.Column<int>(type: @"integer", nullable: true),
                Evaluations = table.Column<int>(type: @"integer", nullable: false),
                Mean = table.Column<int>(type: @"integer", nullable: false),
                Median = table.Column<int>(type: @"integer", nullable: false),
                GatesMet = table.Column<bool>(type: @"boolean", nullable: false),
                Criteria = table.Column<string>(type: @"jsonb", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_SelectionDecisions", x => x.Id);
                table.ForeignKey(@"FK_SelectionDecisions_Calls_CallId", x => x.CallId, @"Calls", @"Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey(@"FK_SelectionDecisions_Commons_CommonsId", x => x.CommonsId, @"Commons", @"Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey(@"FK_SelectionDecisions_SelectionSessions_SessionId", x => x.SessionId, @"SelectionSessions", @"Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: @"IX_EvaluationCriteria_CallId_Position", table: @"EvaluationCriteria", columns: new[] { @"CallId", @"Position" }, unique: true);
        migrationBuilder.CreateIndex(name: @"IX_CallEvaluators_UserId", table: @"CallEvaluators", column: @"UserId");
        migrationBuilder.CreateIndex(name: @"IX_EvaluationAssignments_CallId_EvaluatorId", table: @"EvaluationAssignments", columns: new[] { @"CallId", @"EvaluatorId" });
        migrationBuilder.CreateIndex(name: @"IX_Evaluations_CallId", table: @"Evaluations", column: @"CallId");
        migrationBuilder.CreateIndex(name: @"IX_Evaluations_CommonsId_EvaluatorId", table: @"Evaluations", columns: new[] { @"CommonsId", @"EvaluatorId" }, unique: true);
        migrationBuilder.CreateIndex(name: @"IX_EvaluationMarks_CriterionId", table: @"EvaluationMarks", column: @"CriterionId");
        migrationBuilder.CreateIndex(name: @"IX_SelectionSessions_CallId", table: @"SelectionSessions", column: @"CallId");
        migrationBuilder.CreateIndex(name: @"IX_SelectionDecisions_CallId", table: @"SelectionDecisions", column: @"CallId");
        migrationBuilder.CreateIndex(name: @"IX_SelectionDecisions_CommonsId", table: @"SelectionDecisions", column: @"CommonsId");
        migrationBuilder.CreateIndex(name: @"IX_SelectionDecisions_SessionId_CommonsId", table: @"SelectionDecisions", columns: new[] { @"SessionId", @"CommonsId" }, unique: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"SelectionDecisions");
        migrationBuilder.DropTable(name: @"SelectionSessions");
        migrationBuilder.DropTable(name: @"EvaluationMarks");
        migrationBuilder.DropTable(name: @"Evaluations");
        migrationBuilder.DropTable(name: @"EvaluationAssignments");
        migrationBuilder.DropTable(name: @"CallEvaluators");
        migrationBuilder.DropTable(name: @"EvaluationCriteria");
    }
}
