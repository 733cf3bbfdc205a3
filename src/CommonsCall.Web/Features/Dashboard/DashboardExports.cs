using System.Globalization;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Features.Dashboard;

/// <summary>A file to download.</summary>
public sealed record CsvFile(string FileName, byte[] Content);

/// <summary>
/// The CSV exports of a call (commons results, contributions per organisation, ledger) in the reader's language,
/// built from the same visibility-filtered views as the pages: an export never shows what the page hides.
/// </summary>
public sealed class DashboardExports(DashboardQueries dashboard, BudgetQueries budget, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<CsvFile>> CommonsAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        var found = await dashboard.DashboardAsync(actor, slug, organisationLimit: null, ct);
        if (found.Value is not { } v)
        {
            return found.Error!;
        }

        var culture = CultureInfo.CurrentCulture;
        string Money(long? amount) => amount is { } a ? Csv.Amount(a, v.Currency, culture) : string.Empty;
        var rows = new List<IEnumerable<string>>
        {
            new[]
            {
                L("export.commons"), L("export.status"), L("export.minimum", v.Currency), L("export.maximum", v.Currency),
                L("export.total", v.Currency), L("export.match", v.Currency), L("export.released", v.Currency), L("export.contributors"),
            },
        };
        rows.AddRange(v.Commons.Select(c => new[]
        {
            Csv.Text(c.Title),
            c.State is { } state ? L("goal." + state) : string.Empty,
            Money(c.MinimumGoal), Money(c.MaximumGoal), Money(c.Total), Money(c.EstimatedMatch ?? (v.SeesTotals ? c.Match : null)), Money(c.Released),
            c.Contributors?.ToString(culture) ?? string.Empty,
        }));
        return new CsvFile($"{v.Slug}-communs.csv", Csv.Write(rows, culture));
    }

    public async Task<Result<CsvFile>> ContributionsAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        var found = await dashboard.DashboardAsync(actor, slug, organisationLimit: null, ct);
        if (found.Value is not { } v)
        {
            return found.Error!;
        }

        var culture = CultureInfo.CurrentCulture;
        var rows = new List<IEnumerable<string>>
        {
            new[] { L("export.organisation"), L("export.commons"), L("export.amount", v.Currency) },
        };
        rows.AddRange(v.Organisations.SelectMany(o => o.Gifts.Select(g => new[]
        {
            Csv.Text(o.Name), Csv.Text(g.CommonsTitle), Csv.Amount(g.Amount, v.Currency, culture),
        })));
        return new CsvFile($"{v.Slug}-contributions.csv", Csv.Write(rows, culture));
    }

    /// <summary>The ledger, oldest first: facilitators and funders only, redacted for funders like the ledger page.</summary>
    public async Task<Result<CsvFile>> LedgerAsync(Actor actor, string slug, CancellationToken ct = default)
    {
        var found = await dashboard.DashboardAsync(actor, slug, organisationLimit: null, ct);
        if (found.Value is not { } v)
        {
            return found.Error!;
        }

        if (await budget.LedgerAsync(actor, v.CallId, ct) is not { } lines)
        {
            return new DomainError(ErrorCodes.Forbidden, "The ledger is for the call's facilitators and funders.");
        }

        var culture = CultureInfo.CurrentCulture;
        var rows = new List<IEnumerable<string>>
        {
            new[]
            {
                L("export.ledger.id"), L("export.ledger.at"), L("ledger.kind"), L("export.organisation"), L("export.commons"),
                L("export.ledger.before", v.Currency), L("export.ledger.after", v.Currency), L("export.ledger.amount", v.Currency), L("export.ledger.actor"),
            },
        };
        rows.AddRange(lines.OrderBy(l => l.Number).Select(l => new[]
        {
            l.Number.ToString(CultureInfo.InvariantCulture), Csv.Date(l.At), L("ledger.kind." + l.Kind),
            Csv.Text(l.Organisation), Csv.Text(l.Commons),
            Csv.Amount(l.Before, v.Currency, culture), Csv.Amount(l.After, v.Currency, culture), Csv.Amount(l.Amount, v.Currency, culture),
            Csv.Text(l.Actor),
        }));
        return new CsvFile($"{v.Slug}-journal.csv", Csv.Write(rows, culture));
    }

    private string L(string key, params object[] arguments) => localizer[key, arguments].Value;
}
