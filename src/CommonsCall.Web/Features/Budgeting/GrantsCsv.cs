using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Organisations;
using CommonsCall.Web.Infrastructure;

namespace CommonsCall.Web.Features.Budgeting;

/// <summary>One line of an uploaded grants file, resolved to a member organisation and an amount, or with the reason it cannot be.</summary>
public sealed record CsvGrantLine(int Line, string Organisation, Guid? OrganisationId, long? Amount, string? ErrorCode);

/// <summary>
/// Reads a grants distribution from a spreadsheet export: two columns, organisation (name or id) and amount
/// in the call's currency ("1 234,56" or "1234.56"), separated by ';' or ',', with or without a header row.
/// </summary>
public sealed class GrantsCsv
{
    public const int MaxLines = 5_000;

    public IReadOnlyList<CsvGrantLine> Parse(string text, string currency, IReadOnlyList<OrganisationRef> members)
    {
        var byName = members.GroupBy(m => m.Name.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var byId = members.ToDictionary(m => m.Id);
        var records = CsvRecords.Read(text.TrimStart('\uFEFF')).ToList();
        var lines = new List<CsvGrantLine>();
        for (var index = 0; index < records.Count && lines.Count < MaxLines; index++)
        {
            var (row, fields) = (records[index].Line, records[index].Fields);
            var organisation = fields.ElementAtOrDefault(0)?.Trim() ?? string.Empty;
            var amountText = fields.ElementAtOrDefault(1) ?? string.Empty;
            if (organisation.Length == 0 && amountText.Trim().Length == 0)
            {
                continue;
            }

            var amount = Money.Parse(amountText, currency);
            if (index == 0 && amount is null)
            {
                continue; // a header row
            }

            Guid? id = Guid.TryParse(organisation, out var parsed) && byId.ContainsKey(parsed) ? parsed
                : byName.TryGetValue(organisation, out var named) ? named
                : null;
            var error = id is null ? ErrorCodes.UnknownOrganisation
                : amount is not { } valid || !Domain.Budgeting.Amounts.IsValid(valid) ? ErrorCodes.InvalidAmount
                : null;
            lines.Add(new CsvGrantLine(row, organisation, id, amount, error));
        }

        return lines;
    }
}
