using CommonsCall.Web.Features.Mail;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Data;

/// <summary>
/// The one raw SQL of the mail outbox. <c>FOR UPDATE SKIP LOCKED</c> gives each due message to exactly one
/// sender among all app instances: the row stays locked while that sender's transaction hands it to SMTP and
/// marks it, and the others skip it instead of waiting. If the sender dies, PostgreSQL ends its transaction and
/// the message is due again. Table and column names are read from the EF model.
/// </summary>
public static class OutboxClaims
{
    private static string? _sql;

    public static async Task<OutboxMessage?> NextDueAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.OutboxMessages
            .FromSqlRaw(Sql(db), OutboxState.Queued.ToString(), now)
            .ToListAsync(ct);
        return rows.SingleOrDefault();
    }

    private static string Sql(AppDbContext db) => _sql ??= Build(db);

    private static string Build(AppDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = entity.GetTableName()!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
        string Column(string property) => entity.FindProperty(property)!.GetColumnName(store)!;
        return $$"""
            SELECT * FROM "{{table}}"
            WHERE "{{Column(nameof(OutboxMessage.State))}}" = {0} AND "{{Column(nameof(OutboxMessage.NextAttemptAt))}}" <= {1}
            ORDER BY "{{Column(nameof(OutboxMessage.NextAttemptAt))}}", "{{Column(nameof(OutboxMessage.Id))}}"
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """;
    }
}
