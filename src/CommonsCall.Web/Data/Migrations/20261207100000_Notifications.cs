using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommonsCall.Web.Data.Migrations;

/// <summary>
/// The notification centre, preferences, digests, reminders and pending contribution receipts
/// (Features/Notifications), and the NOTIFY that tells every app instance whose bell to update.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207100000_Notifications")]
public sealed class Notifications : Migration
{
    /// <summary>The channel of <c>NotificationListener</c>: the payload is a user id whose notifications changed.</summary>
    public const string Channel = "commonscall_notifications";

    /// <summary>
    /// Whoever adds or reads notifications, every instance hears whose bell changed, once the change commits
    /// (NOTIFY inside a transaction is delivered at its commit; equal payloads of one transaction are sent once).
    /// The model cannot describe a trigger: the schema test adds it to the model's schema from here.
    /// </summary>
    public const string BellTrigger = $"""
        CREATE FUNCTION notifications_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{Channel}', u."UserId") FROM (SELECT DISTINCT "UserId" FROM changed) u;
            RETURN NULL;
        END $$;
        CREATE TRIGGER notifications_inserted AFTER INSERT ON "Notifications"
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notifications_changed();
        CREATE TRIGGER notifications_updated AFTER UPDATE ON "Notifications"
            REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notifications_changed();
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: @"Notifications",
            columns: table => new
            {
                Id = table.Column<Guid>(type: @"uuid", nullable: false),
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Type = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                CallId = table.Column<Guid>(type: @"uuid", nullable: true),
                Title = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: false),
                Body = table.Column<string>(type: @"character varying(20000)", maxLength: 20000, nullable: false),
                Link = table.Column<string>(type: @"character varying(500)", maxLength: 500, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                ReadAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
                Delivery = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                DigestedAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_Notifications", x => x.Id);
                table.ForeignKey(@"FK_Notifications_AspNetUsers_UserId", x => x.UserId, @"AspNetUsers", @"Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(@"IX_Notifications_UserId_CreatedAt", @"Notifications", new[] { @"UserId", @"CreatedAt" });
        migrationBuilder.CreateIndex(@"IX_Notifications_UserId_Unread", @"Notifications", @"UserId", filter: @"""ReadAt"" IS NULL");
        migrationBuilder.CreateIndex(@"IX_Notifications_DigestPending", @"Notifications", new[] { @"UserId", @"CreatedAt" },
            filter: @"""Delivery"" = 'DailyDigest' AND ""DigestedAt"" IS NULL");

        migrationBuilder.CreateTable(
            name: @"NotificationPreferences",
            columns: table => new
            {
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Type = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                Delivery = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_NotificationPreferences", x => new { x.UserId, x.Type });
                table.ForeignKey(@"FK_NotificationPreferences_AspNetUsers_UserId", x => x.UserId, @"AspNetUsers", @"Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: @"NotificationSettings",
            columns: table => new
            {
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Language = table.Column<string>(type: @"character varying(8)", maxLength: 8, nullable: false),
                DigestHour = table.Column<int>(type: @"integer", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_NotificationSettings", x => x.UserId);
                table.ForeignKey(@"FK_NotificationSettings_AspNetUsers_UserId", x => x.UserId, @"AspNetUsers", @"Id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint(@"CK_NotificationSettings_DigestHour", @"""DigestHour"" BETWEEN 0 AND 23");
            });

        migrationBuilder.CreateTable(
            name: @"DigestsSent",
            columns: table => new
            {
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                Day = table.Column<DateOnly>(type: @"date", nullable: false),
                SentAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey(@"PK_DigestsSent", x => new { x.UserId, x.Day }));

        migrationBuilder.CreateTable(
            name: @"SentReminders",
            columns: table => new
            {
                Kind = table.Column<string>(type: @"character varying(64)", maxLength: 64, nullable: false),
                SubjectId = table.Column<Guid>(type: @"uuid", nullable: false),
                UserId = table.Column<string>(type: @"character varying(450)", maxLength: 450, nullable: false),
                SentAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey(@"PK_SentReminders", x => new { x.Kind, x.SubjectId, x.UserId }));

        migrationBuilder.CreateTable(
            name: @"PendingReceipts",
            columns: table => new
            {
                CallId = table.Column<Guid>(type: @"uuid", nullable: false),
                OrganisationId = table.Column<Guid>(type: @"uuid", nullable: false),
                FirstChangeAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
                DueAt = table.Column<DateTimeOffset>(type: @"timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey(@"PK_PendingReceipts", x => new { x.CallId, x.OrganisationId }));
        migrationBuilder.CreateIndex(@"IX_PendingReceipts_DueAt", @"PendingReceipts", @"DueAt");

        migrationBuilder.Sql(BellTrigger);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(@"DROP TRIGGER notifications_updated ON ""Notifications""; DROP TRIGGER notifications_inserted ON ""Notifications""; DROP FUNCTION notifications_changed();");
        migrationBuilder.DropTable(name: @"PendingReceipts");
        migrationBuilder.DropTable(name: @"SentReminders");
        migrationBuilder.DropTable(name: @"DigestsSent");
        migrationBuilder.DropTable(name: @"NotificationSettings");
        migrationBuilder.DropTable(name: @"NotificationPreferences");
        migrationBuilder.DropTable(name: @"Notifications");
    }
}
