using System.Globalization;
using CommonsCall.Web.Features.Dashboard;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Features.FollowUp;

/// <summary>The follow-up's CSV exports in the reader's language, from the same checked queries as the dashboard.</summary>
public sealed class FollowUpExports(FollowUpDashboard dashboard, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Every tranche paid, oldest first, with the ids an accounting system matches on: facilitators and funders only.</summary>
    public async Task<Result<CsvFile>> PaymentsAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        var found = await dashboard.SummaryAsync(actor, slug, ct);
        if (found.Value is not { } v)
        {
            return found.Error!;
        }

        var payments = await dashboard.PaymentsAsync(actor, v.CallId, ct);
        if (payments.Value is not { } lines)
        {
            return payments.Error!;
        }

        var culture = CultureInfo.CurrentCulture;
        var rows = new List<IEnumerable<string>>
        {
            new[]
            {
                L("followdash.export.at"), L("followdash.export.commons_id"), L("export.commons"), L("followdash.export.lead_id"), L("followdash.export.lead"),
                L("followup.schedule.tranche"), L("followdash.export.milestone"), L("export.amount", v.Currency), L("followdash.export.ledger"),
            },
        };
        rows.AddRange(lines.Select(p => new[]
        {
            Csv.Date(p.At), p.CommonsId.ToString(), Csv.Text(p.CommonsTitle), p.Lead.Id.ToString(), Csv.Text(p.Lead.Name),
            p.TranchePosition?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            p.TranchePosition is null ? string.Empty : Csv.Text(p.MilestoneTitle ?? L("followup.start")),
            Csv.Amount(p.Amount, v.Currency, culture), p.LedgerNumber.ToString(CultureInfo.InvariantCulture),
        }));
        return new CsvFile($"{v.Slug}-versements.csv", Csv.Write(rows, culture));
    }

    private string L(string key, params object[] arguments) => localizer[key, arguments].Value;
}
