using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>The call's conversation (Features/Conversation): comments and questions, their reports, announcements.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207110000_Conversation")]
public sealed class Conversation : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"Comments",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                Subject = table.Column<int>(type: @"integer", nullable: false),
                SubjectId = table.Column<Guid>(type: @"uuid", nullable: false),
                ParentId = table.Column<Guid>(type: @"uuid", nullable: true),
                Kind = table.Column<int>(type: @"integer", nullable: false),
                AuthorUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Body = table.Column<string>(type: @"character varying(5000)", maxLength: 5000, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                EditedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                DeletedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                HiddenAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                HiddenReason = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: true),
                HiddenByUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: true),
                AcceptedAnswerId = table.Column<Guid>(type: @"uuid", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Comments", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Comments_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: @"FK_Comments_Comments_ParentId",
                    column: x => x.ParentId,
                    principalTable: @"Comments",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"CommentReports",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CommentId = table.Column<Guid>(type: @"uuid", nullable: false),
                ReporterUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Reason = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: true),
                At = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                ResolvedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_CommentReports", x => x.Id);
                table.ForeignKey(
                    name: @"FK_CommentReports_Comments_CommentId",
                    column: x => x.CommentId,
                    principalTable: @"Comments",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"Announcements",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                AuthorUserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Title = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                Body = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: false),
                PublishedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Announcements", x => x.Id);
                table.ForeignKey(
                    name: @"FK_Announcements_Calls_CallId",
                    column: x => x.CallId,
                    principalTable: @"Calls",
                    principalColumn: @"Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: @"IX_Comments_AuthorUserId_CreatedAt",
            table: @"Comments",
            columns: new[] { @"AuthorUserId", @"CreatedAt" });

        migrationBuilder.CreateIndex(
            name: @"IX_Comments_CallId",
            table: @"Comments",
            column: @"CallId");

        migrationBuilder.CreateIndex(
            name: @"IX_Comments_ParentId",
            table: @"Comments",
            column: @"ParentId");

        migrationBuilder.CreateIndex(
            name: @"IX_Comments_SubjectId_CreatedAt",
            table: @"Comments",
            columns: new[] { @"SubjectId", @"CreatedAt" });

        migrationBuilder.CreateIndex(
            name: @"IX_CommentReports_CommentId_ReporterUserId",
            table: @"CommentReports",
            columns: new[] { @"CommentId", @"ReporterUserId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_Announcements_CallId_PublishedAt",
            table: @"Announcements",
            columns: new[] { @"CallId", @"PublishedAt" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"CommentReports");
        migrationBuilder.DropTable(name: @"Comments");
        migrationBuilder.DropTable(name: @"Announcements");
    }
}
