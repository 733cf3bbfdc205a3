using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>The transactional outbox of mail (Features/Mail).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207090000_MailOutbox")]
public sealed class MailOutbox : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"OutboxMessages",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                Kind = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                To = table.Column<string>(type: @"character varying(256)", maxLength: 256, nullable: false),
                Language = table.Column<string>(type: @"character varying(8)", maxLength: 8, nullable: false),
                Subject = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: false),
                HtmlBody = table.Column<string>(type: @"text", nullable: false),
                TextBody = table.Column<string>(type: @"text", nullable: false),
                UnsubscribeUrl = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: true),
                MessageId = table.Column<string>(type: @"character varying(200)", maxLength: 200, nullable: false),
                State = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                Attempts = table.Column<int>(type: @"integer", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                NextAttemptAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                LastAttemptAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                SentAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                LastError = table.Column<string>(type: @"character varying(2000)", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_OutboxMessages", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: @"IX_OutboxMessages_MessageId",
            table: @"OutboxMessages",
            column: @"MessageId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: @"IX_OutboxMessages_State_NextAttemptAt",
            table: @"OutboxMessages",
            columns: new[] { @"State", @"NextAttemptAt" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"OutboxMessages");
    }
}
