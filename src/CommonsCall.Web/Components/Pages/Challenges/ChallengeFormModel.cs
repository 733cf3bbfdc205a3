using CommonsCall.Domain.Challenges;
using CommonsCall.Web.Features.Challenges;

namespace CommonsCall.Web.Components.Pages.Challenges;

/// <summary>What the challenge form edits: mutable rows for the inputs, turned into the service's commands on submit.</summary>
public sealed class ChallengeFormModel
{
    public Guid? AuthorOrganisationId { get; set; }

    public string Question { get; set; } = string.Empty;

    public string? Context { get; set; }

    public List<PainRow> Pains { get; } = [];

    public string? ScenarioBefore { get; set; }

    public string? ScenarioAfter { get; set; }

    public List<IndicatorRow> Indicators { get; } = [];

    public string? WhoPays { get; set; }

    public string? WhoUses { get; set; }

    public string? WhoBenefits { get; set; }

    public int TargetCommunityMin { get; set; } = Challenge.DefaultTargetCommunityMin;

    public int TargetCommunityMax { get; set; } = Challenge.DefaultTargetCommunityMax;

    /// <summary>A new challenge's form starts with one empty pain and one empty indicator to fill in.</summary>
    public static ChallengeFormModel New()
    {
        var model = new ChallengeFormModel();
        model.Pains.Add(new PainRow());
        model.Indicators.Add(new IndicatorRow());
        return model;
    }

    public static ChallengeFormModel From(Challenge challenge)
    {
        var model = new ChallengeFormModel
        {
            AuthorOrganisationId = challenge.AuthorOrganisationId,
            Question = challenge.Question,
            Context = challenge.Context,
            ScenarioBefore = challenge.ScenarioBefore,
            ScenarioAfter = challenge.ScenarioAfter,
            WhoPays = challenge.WhoPays,
            WhoUses = challenge.WhoUses,
            WhoBenefits = challenge.WhoBenefits,
            TargetCommunityMin = challenge.TargetCommunityMin,
            TargetCommunityMax = challenge.TargetCommunityMax,
        };
        model.Pains.AddRange(challenge.Pains.Select(p => new PainRow { Text = p }));
        model.Indicators.AddRange(challenge.Indicators.Select(i => new IndicatorRow { Name = i.Name, Before = i.Before, Target = i.Target, Unit = i.Unit }));
        return model;
    }

    public CreateChallenge ToCreate(bool publish) => Fill(new CreateChallenge { AuthorOrganisationId = AuthorOrganisationId, Publish = publish });

    public EditChallenge ToEdit(uint version) => Fill(new EditChallenge { Version = version });

    /// <summary>
    /// Rows left completely empty are the form's spare lines, not content: they are dropped. A row with anything
    /// in it is sent as typed, so that the validator can say what is missing next to it.
    /// </summary>
    private T Fill<T>(T command)
        where T : ChallengeInput => command with
        {
            Question = Question,
            Context = Context,
            Pains = Pains.Where(p => !string.IsNullOrWhiteSpace(p.Text)).Select(p => p.Text!).ToList(),
            ScenarioBefore = ScenarioBefore,
            ScenarioAfter = ScenarioAfter,
            Indicators = Indicators.Where(i => !i.IsEmpty).Select(i => new IndicatorInput(i.Name, i.Before, i.Target, i.Unit)).ToList(),
            WhoPays = WhoPays,
            WhoUses = WhoUses,
            WhoBenefits = WhoBenefits,
            TargetCommunityMin = TargetCommunityMin,
            TargetCommunityMax = TargetCommunityMax,
        };

    /// <summary>The index a row will have in the command (empty rows are dropped), for matching the validator's field names.</summary>
    public int? SentIndexOf(PainRow row) => SentIndex(Pains, row, p => string.IsNullOrWhiteSpace(p.Text));

    public int? SentIndexOf(IndicatorRow row) => SentIndex(Indicators, row, i => i.IsEmpty);

    private static int? SentIndex<TRow>(List<TRow> rows, TRow row, Func<TRow, bool> isEmpty)
    {
        if (isEmpty(row))
        {
            return null;
        }

        return rows.TakeWhile(r => !ReferenceEquals(r, row)).Count(r => !isEmpty(r));
    }
}

public sealed class PainRow
{
    public string? Text { get; set; }
}

public sealed class IndicatorRow
{
    public string? Name { get; set; }

    public decimal? Before { get; set; }

    public decimal? Target { get; set; }

    public string? Unit { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && Before is null && Target is null && string.IsNullOrWhiteSpace(Unit);
}
