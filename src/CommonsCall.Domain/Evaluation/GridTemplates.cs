namespace CommonsCall.Domain.Evaluation;

/// <summary>A ready-made grid to start from, in one language.</summary>
public sealed record GridTemplate(string Name, string Title, IReadOnlyList<CriterionTerms> Criteria);

/// <summary>
/// The grids real commons calls use, to start from: ADEME's entry gates, NLnet's weighted scores (30 % technical,
/// 40 % relevance and impact, 30 % value for money, on 0-10), and both together. French or English words.
/// </summary>
public static class GridTemplates
{
    public const string Ademe = "ademe";
    public const string NLnet = "nlnet";
    public const string AdemeAndNLnet = "ademe-nlnet";

    public static IReadOnlyList<string> Names { get; } = [AdemeAndNLnet, Ademe, NLnet];

    public static GridTemplate? Find(string name, string language)
    {
        var fr = !string.Equals(language, "en", StringComparison.OrdinalIgnoreCase);
        return name switch
        {
            Ademe => new GridTemplate(Ademe, fr ? "Critères d'entrée ADEME" : "ADEME entry criteria", [.. Gates(fr), Overall(fr)]),
            NLnet => new GridTemplate(NLnet, fr ? "Grille pondérée NLnet" : "NLnet weighted grid", Weights(fr)),
            AdemeAndNLnet => new GridTemplate(AdemeAndNLnet, fr ? "Critères ADEME et pondération NLnet" : "ADEME criteria and NLnet weights", [.. Gates(fr), .. Weights(fr)]),
            _ => null,
        };
    }

    public static IReadOnlyList<GridTemplate> All(string language) => Names.Select(n => Find(n, language)!).ToList();

    private static CriterionTerms[] Gates(bool fr) =>
    [
        Gate(fr ? "Démarche collaborative" : "Collaborative approach",
            fr ? "Le commun est porté par plusieurs organisations qui le construisent ensemble." : "Several organisations build the commons together."),
        Gate(fr ? "Licence ouverte" : "Open licence",
            fr ? "Ce qui est produit est publié sous une licence ouverte." : "What is produced is published under an open licence."),
        Gate(fr ? "Documentation sur le wiki partagé" : "Documentation on the shared wiki",
            fr ? "Le commun est documenté sur le wiki partagé de l'appel." : "The commons is documented on the call's shared wiki."),
        Gate(fr ? "Réponse à un défi" : "Answers a challenge",
            fr ? "Le commun répond à au moins un défi de l'appel." : "The commons answers at least one of the call's challenges."),
    ];

    private static CriterionTerms[] Weights(bool fr) =>
    [
        new(CriterionKind.Scored, fr ? "Qualité technique" : "Technical quality",
            fr ? "Solidité, faisabilité et ouverture de l'approche technique." : "Soundness, feasibility and openness of the technical approach.", 30, 10),
        new(CriterionKind.Scored, fr ? "Pertinence et impact" : "Relevance and impact",
            fr ? "Réponse aux défis et bénéfices pour l'écosystème." : "How it answers the challenges and what the ecosystem gains.", 40, 10),
        new(CriterionKind.Scored, fr ? "Rapport qualité-prix" : "Value for money",
            fr ? "Ce que le budget demandé permet de produire." : "What the budget asked for will produce.", 30, 10),
    ];

    private static CriterionTerms Overall(bool fr) =>
        new(CriterionKind.Scored, fr ? "Intérêt pour l'écosystème" : "Value to the ecosystem",
            fr ? "Appréciation d'ensemble du commun." : "Overall judgement of the commons.", 100, 5);

    private static CriterionTerms Gate(string title, string description) => new(CriterionKind.Gate, title, description, 0, 1);
}
