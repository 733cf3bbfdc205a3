using CommonsCall.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Data;

/// <summary>
/// The one raw SQL of contribution receipts, like <see cref="OutboxClaims"/>: <c>FOR UPDATE SKIP LOCKED</c> gives each
/// due receipt to one scheduler among all app instances, which deletes it in the transaction that queues its
/// notifications and mails. A change of the member meanwhile waits for that commit, then starts a new pending receipt.
/// </summary>
public static class ReceiptClaims
{
    private static string? _sql;

    public static async Task<List<PendingReceipt>> DueAsync(AppDbContext db, DateTimeOffset now, int limit, CancellationToken ct) =>
        await db.PendingReceipts.FromSqlRaw(_sql ??= Build(db), now, limit).ToListAsync(ct);

    private static string Build(AppDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(PendingReceipt))!;
        var table = entity.GetTableName()!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
        var due = entity.FindProperty(nameof(PendingReceipt.DueAt))!.GetColumnName(store)!;
        return $$"""
            SELECT * FROM "{{table}}" WHERE "{{due}}" <= {0}
            ORDER BY "{{due}}" LIMIT {1}
            FOR UPDATE SKIP LOCKED
            """;
    }
}
