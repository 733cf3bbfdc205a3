using CommonsCall.Domain.Common;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Features.Commons;
using CommonsCall.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Components.Pages.Commons;

/// <summary>A budget line as typed, in major units (euros); converted to minor units when the form is sent.</summary>
public sealed class BudgetLineInput
{
    public string Description { get; set; } = string.Empty;

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }
}

/// <summary>What the proposal and edit forms hold while a person types; the services' validators decide.</summary>
public sealed class CommonsFormModel
{
    public Guid OrganisationId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    public CommonsKind Kind { get; set; } = CommonsKind.Software;

    public string Licence { get; set; } = string.Empty;

    public CommonsMaturity Maturity { get; set; } = CommonsMaturity.Prefiguration;

    public string? Governance { get; set; }

    public string? CommunityPlan { get; set; }

    public string? CitizenInvolvement { get; set; }

    public string? MissingResources { get; set; }

    public HashSet<CommonsNeeds> LookingFor { get; } = [];

    public string? SkillsWanted { get; set; }

    public string? RepositoryUrl { get; set; }

    public string? DocumentationUrl { get; set; }

    public List<BudgetLineInput> BudgetLines { get; } = [new()];

    public HashSet<Guid> ChallengeIds { get; } = [];

    public HashSet<Guid> CoCreatorIds { get; } = [];

    public static CommonsFormModel From(CommonsDetailView commons, string currency)
    {
        var model = new CommonsFormModel
        {
            OrganisationId = commons.ProposedBy.Id,
            Title = commons.Title,
            Summary = commons.Summary,
            Kind = commons.Kind,
            Licence = commons.Licence,
            Maturity = commons.Maturity,
            Governance = commons.Governance,
            CommunityPlan = commons.CommunityPlan,
            CitizenInvolvement = commons.CitizenInvolvement,
            MissingResources = commons.MissingResources,
            SkillsWanted = commons.SkillsWanted,
            RepositoryUrl = commons.RepositoryUrl,
            DocumentationUrl = commons.DocumentationUrl,
        };
        model.LookingFor.UnionWith(commons.LookingFor);
        model.ChallengeIds.UnionWith(commons.Challenges.Select(c => c.Id));
        model.BudgetLines.Clear();
        model.BudgetLines.AddRange(commons.BudgetLines.Select(l => new BudgetLineInput
        {
            Description = l.Description,
            Minimum = Money.ToMajor(l.Minimum, currency),
            Maximum = Money.ToMajor(l.Maximum, currency),
        }));
        return model;
    }

    /// <summary>The goals of the lines typed so far, for the live totals (lines not yet readable count as zero).</summary>
    public (long Minimum, long Maximum) Goals(string currency)
    {
        long minimum = 0, maximum = 0;
        foreach (var line in BudgetLines)
        {
            minimum = SafeAdd(minimum, line.Minimum is { } min ? Money.FromMajor(min, currency) ?? 0 : 0);
            maximum = SafeAdd(maximum, line.Maximum is { } max ? Money.FromMajor(max, currency) ?? 0 : 0);
        }

        return (minimum, maximum);
    }

    public Result<ProposeCommons> ToProposal(Guid callId, string currency, IStringLocalizer text)
    {
        var lines = ToLines(currency, text);
        if (!lines.IsSuccess)
        {
            return lines.Error!;
        }

        return new ProposeCommons(callId, OrganisationId, Description(), lines.Value!, [.. ChallengeIds], [.. CoCreatorIds.Where(id => id != OrganisationId)]);
    }

    public EditCommons ToEdit(Guid callId, Guid commonsId) => new(callId, commonsId, Description());

    /// <summary>The description as typed, as the commands carry it.</summary>
    public CommonsDescription Description() =>
        new(Title, Summary, Kind, Licence, Maturity, Governance, CommunityPlan, CitizenInvolvement, MissingResources, LookingFor.Combine(), SkillsWanted,
            RepositoryUrl, DocumentationUrl);

    /// <summary>The lines in minor units; an amount that the currency cannot hold (too many decimals, too large, missing) is refused on its field.</summary>
    public Result<IReadOnlyList<BudgetLine>> ToLines(string currency, IStringLocalizer text)
    {
        var errors = new Dictionary<string, string[]>();
        var lines = new List<BudgetLine>();
        for (var i = 0; i < BudgetLines.Count; i++)
        {
            var line = BudgetLines[i];
            var minimum = Convert(line.Minimum, currency, $"BudgetLines[{i}].Minimum", errors, text);
            var maximum = Convert(line.Maximum, currency, $"BudgetLines[{i}].Maximum", errors, text);
            lines.Add(new BudgetLine(line.Description, minimum, maximum));
        }

        return errors.Count == 0
            ? lines
            : new DomainError(ErrorCodes.Validation, "Some amounts cannot be read.", errors);
    }

    private static long Convert(decimal? major, string currency, string field, Dictionary<string, string[]> errors, IStringLocalizer text)
    {
        if (major is { } value && Money.FromMajor(value, currency) is { } minor)
        {
            return minor;
        }

        errors[field] = [text[major is null ? "commons.budget.amount.required" : "commons.budget.amount.invalid"]];
        return 0;
    }

    private static long SafeAdd(long a, long b) => b > 0 && a > long.MaxValue - b ? long.MaxValue : a + b;
}
