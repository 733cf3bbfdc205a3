using CommonsCall.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Features.Notifications;

/// <summary>
/// Sends the contribution receipts that are due: what the member now gives to each commons, what it has left, a
/// link to the round. A contribution change only records that a receipt is pending (one statement of its write batch,
/// <see cref="MoneyRows.WriteContributionAsync"/>); the receipt is written here, from the figures at sending time, so
/// a burst of changes gives one receipt that is right after the last.
/// </summary>
public sealed class ContributionReceipts(IDbContextFactory<AppDbContext> factory, Notifier notifier, TimeProvider clock)
{
    private const int Batch = 20;

    /// <summary>Sends every receipt due now; returns how many members got one.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var sent = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var due = await ReceiptClaims.DueAsync(db, clock.GetUtcNow(), Batch, ct);
            foreach (var receipt in due)
            {
                await NotifyAsync(db, receipt, ct);
                db.PendingReceipts.Remove(receipt);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            sent += due.Count;
            if (due.Count < Batch)
            {
                return sent;
            }
        }
    }

    private async Task NotifyAsync(AppDbContext db, PendingReceipt receipt, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == receipt.CallId).Select(c => new { c.Title, c.Slug, c.Currency }).SingleOrDefaultAsync(ct);
        if (call is null)
        {
            return;
        }

        var given = await (from c in db.Contributions.AsNoTracking()
                           join m in db.Commons on c.CommonsId equals m.Id
                           where c.CallId == receipt.CallId && c.OrganisationId == receipt.OrganisationId && c.Amount > 0
                           orderby m.Title
                           select new { m.Title, c.Amount }).ToListAsync(ct);
        var budget = await db.MemberBudgets.AsNoTracking().SingleOrDefaultAsync(b => b.CallId == receipt.CallId && b.OrganisationId == receipt.OrganisationId, ct);
        var available = new Amount(budget?.Available ?? 0, call.Currency);
        var lines = given.Select(g => new Words("notifications.receipt.line", g.Title, new Amount(g.Amount, call.Currency))).ToList();
        lines.Add(given.Count == 0
            ? new Words("notifications.receipt.none", available)
            : new Words("notifications.receipt.total", new Amount(given.Sum(g => g.Amount), call.Currency), available));
        await notifier.NotifyOrganisationsAsync(db, [receipt.OrganisationId], NotificationType.ContributionReceipt, receipt.CallId,
            $"/calls/{call.Slug}/funding", new NotificationText(new Words("notifications.receipt.title", call.Title), lines), ct);
    }
}
