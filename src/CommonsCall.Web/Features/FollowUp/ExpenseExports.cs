using System.Globalization;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Dashboard;
using CommonsCall.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Features.FollowUp;

/// <summary>The call's expenses as CSV in the reader's language, for its facilitators and funders: removed ones included, marked, with why.</summary>
public sealed class ExpenseExports(IDbContextFactory<AppDbContext> factory, ExpenseQueries expenses, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<CsvFile>> CsvAsync(Actor actor, Guid callId, CancellationToken ct = default)
    {
        string slug;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await CallScope.LoadAsync(db, actor, callId, ct) is not { } scope)
            {
                return new DomainError(ErrorCodes.NotFound, "Unknown call.");
            }

            if (!scope.Access.IsFacilitator && !scope.Access.IsFunder)
            {
                return new DomainError(ErrorCodes.Forbidden, "The expenses export is for the call's facilitators and funders.");
            }

            slug = scope.Call.Slug;
        }

        var read = await expenses.ListAsync(actor, callId, ct);
        if (read.Value is not { } all)
        {
            return read.Error!;
        }

        var culture = CultureInfo.CurrentCulture;
        var currency = all.FirstOrDefault()?.Summary.Currency ?? "EUR";
        var rows = new List<IEnumerable<string>>
        {
            new[]
            {
                L("export.commons"), L("expenses.export.line"), L("expenses.export.date"), L("expenses.export.label"), L("expenses.export.supplier"),
                L("export.amount", currency), L("expenses.export.recorded_by"), L("expenses.export.recorded_at"), L("expenses.export.state"),
                L("expenses.export.removed_reason"), L("expenses.export.receipts"),
            },
        };
        rows.AddRange(all.SelectMany(c => c.Expenses.OrderBy(e => e.SpentOn).ThenBy(e => e.RecordedAt).Select(e => new[]
        {
            Csv.Text(c.Summary.CommonsTitle), Csv.Text(e.BudgetLineDescription), e.SpentOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Csv.Text(e.Label), Csv.Text(e.Supplier), Csv.Amount(e.Amount, c.Summary.Currency, culture), Csv.Text(e.RecordedBy.Name), Csv.Date(e.RecordedAt),
            L(e.RemovedAt is not null ? "expenses.state.removed" : e.CorrectedAt is not null ? "expenses.state.corrected" : "expenses.state.recorded"),
            Csv.Text(e.RemovedReason), Csv.Text(string.Join(", ", e.Receipts.Select(r => r.FileName))),
        })));
        return new CsvFile($"{slug}-depenses.csv", Csv.Write(rows, culture));
    }

    private string L(string key, params object[] arguments) => localizer[key, arguments].Value;
}
