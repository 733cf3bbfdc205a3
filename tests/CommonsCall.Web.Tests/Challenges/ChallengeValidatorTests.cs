using System.Globalization;
using CommonsCall.Web.Features.Challenges;
using CommonsCall.Web.Infrastructure;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Tests.Challenges;

/// <summary>Every rule of a micro-challenge's content, as the API and the forms both see it.</summary>
public sealed class ChallengeValidatorTests
{
    private static readonly IStringLocalizer<SharedResource> L = new StringLocalizer<SharedResource>(new JsonStringLocalizerFactory());
    private static readonly CreateChallengeValidator Create = new(L);
    private static readonly EditChallengeValidator Edit = new(L);
    private static readonly SetResourcePersonValidator ResourcePerson = new(L);

    public static CreateChallenge Valid { get; } = new()
    {
        Question = "Comment recenser les aires de covoiturage ?",
        Context = "Les aires ne sont recensées nulle part de façon fiable.",
        Pains = ["Aires introuvables pour les covoitureurs", "Données en double entre opérateurs"],
        ScenarioBefore = "Chaque opérateur tient sa propre liste.",
        ScenarioAfter = "Une base ouverte, tenue à jour par tous.",
        Indicators = [new IndicatorInput("Aires recensées", 40, 300, "aires"), new IndicatorInput("Doublons", 25.5m, 0, "%")],
        WhoPays = "La métropole",
        WhoUses = "Les opérateurs de covoiturage",
        WhoBenefits = "Les covoitureurs du quotidien",
        TargetCommunityMin = 15,
        TargetCommunityMax = 20,
    };

    private static ValidationResult Check(CreateChallenge command) => Create.Validate(command);

    private static void ShouldFailOn(CreateChallenge command, string property)
    {
        var result = Check(command);
        result.IsValid.ShouldBeFalse();
        result.Errors.Select(e => e.PropertyName).Distinct().ShouldBe([property]);
    }

    [Fact]
    public void A_complete_challenge_is_valid()
    {
        Check(Valid).IsValid.ShouldBeTrue();
        Edit.Validate(new EditChallenge { Question = Valid.Question, Pains = Valid.Pains, Indicators = Valid.Indicators }).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_question_alone_is_enough_the_rest_takes_its_defaults()
    {
        var minimal = new CreateChallenge { Question = "Comment partager plus de vélos ?" };

        Check(minimal).IsValid.ShouldBeTrue();
        var content = minimal.ToContent();
        content.Pains.ShouldBeEmpty();
        content.Indicators.ShouldBeEmpty();
        (content.TargetCommunityMin, content.TargetCommunityMax).ShouldBe((15, 20));
    }

    [Theory]
    [InlineData("Partager plus de vélos.")]
    [InlineData("Comment ? Partager plus de vélos")]
    [InlineData("Comment partager plus de vélos")]
    public void A_question_must_end_with_a_question_mark(string question) =>
        ShouldFailOn(Valid with { Question = question }, "Question");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_question_is_required_and_says_so_once(string? question)
    {
        var result = Check(Valid with { Question = question! });

        result.Errors.Single().PropertyName.ShouldBe("Question");
    }

    [Fact]
    public void A_question_of_a_few_letters_is_too_short()
    {
        ShouldFailOn(Valid with { Question = "Vélos ?" }, "Question");
        Check(Valid with { Question = "Pourquoi ?" }).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_question_longer_than_200_characters_is_too_long()
    {
        ShouldFailOn(Valid with { Question = "Comment " + new string('x', 191) + " ?" }, "Question");
        Check(Valid with { Question = "Comment " + new string('x', 190) + " ?" }).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Messages_are_in_the_users_language()
    {
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("fr");
            Check(Valid with { Question = "Partager plus de vélos." }).Errors.Single().ErrorMessage
                .ShouldBe("Formulez le micro-défi comme une question : terminez-le par « ? ».");
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Check(Valid with { Question = "Partager plus de vélos." }).Errors.Single().ErrorMessage
                .ShouldBe("Phrase the micro-challenge as a question: end it with “?”.");
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void An_empty_pain_entry_is_refused_by_its_index(string? pain) =>
        ShouldFailOn(Valid with { Pains = ["Aires introuvables", pain!] }, "Pains[1]");

    [Fact]
    public void A_pain_longer_than_500_characters_is_refused() =>
        ShouldFailOn(Valid with { Pains = [new string('p', 501)] }, "Pains[0]");

    [Fact]
    public void At_most_twenty_pains()
    {
        ShouldFailOn(Valid with { Pains = Enumerable.Range(1, 21).Select(i => $"Irritant {i}").ToList() }, "Pains");
        Check(Valid with { Pains = Enumerable.Range(1, 20).Select(i => $"Irritant {i}").ToList() }).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void An_indicator_needs_a_name(string? name) =>
        ShouldFailOn(Valid with { Indicators = [new IndicatorInput(name, 1, 2, null)] }, "Indicators[0].Name");

    [Fact]
    public void An_indicator_name_longer_than_200_characters_is_refused() =>
        ShouldFailOn(Valid with { Indicators = [new IndicatorInput(new string('n', 201), 1, 2, null)] }, "Indicators[0].Name");

    [Fact]
    public void An_indicator_needs_its_value_before() =>
        ShouldFailOn(Valid with { Indicators = [Valid.Indicators![0], new IndicatorInput("Trajets prouvés", null, 80, "%")] }, "Indicators[1].Before");

    [Fact]
    public void An_indicator_needs_its_target() =>
        ShouldFailOn(Valid with { Indicators = [new IndicatorInput("Trajets prouvés", 5, null, "%")] }, "Indicators[0].Target");

    [Fact]
    public void An_indicator_whose_target_equals_its_value_before_measures_no_change() =>
        ShouldFailOn(Valid with { Indicators = [new IndicatorInput("Trajets prouvés", 5, 5, "%")] }, "Indicators[0].Target");

    [Fact]
    public void Indicator_values_stay_within_a_trillion()
    {
        ShouldFailOn(Valid with { Indicators = [new IndicatorInput("Euros", 1_000_000_000_001m, 0, "€")] }, "Indicators[0].Before");
        ShouldFailOn(Valid with { Indicators = [new IndicatorInput("Euros", 0, -1_000_000_000_001m, "€")] }, "Indicators[0].Target");
        Check(Valid with { Indicators = [new IndicatorInput("Émissions", -3.5m, -12.25m, "tCO2")] }).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void An_indicator_unit_is_short()
    {
        ShouldFailOn(Valid with { Indicators = [new IndicatorInput("Délai", 90, 15, new string('u', 41))] }, "Indicators[0].Unit");
        Check(Valid with { Indicators = [new IndicatorInput("Délai", 90, 15, null)] }).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_missing_indicator_entry_is_refused() =>
        ShouldFailOn(Valid with { Indicators = [null!] }, "Indicators[0]");

    [Fact]
    public void At_most_ten_indicators() =>
        ShouldFailOn(Valid with { Indicators = Enumerable.Range(1, 11).Select(i => new IndicatorInput($"Indicateur {i}", 0, i, null)).ToList() }, "Indicators");

    [Theory]
    [InlineData(1, 20, "TargetCommunityMin")]
    [InlineData(15, 501, "TargetCommunityMax")]
    [InlineData(21, 20, "TargetCommunityMax")]
    [InlineData(25, null, "TargetCommunityMax")]
    public void The_target_community_is_a_sensible_range(int? min, int? max, string property) =>
        ShouldFailOn(Valid with { TargetCommunityMin = min, TargetCommunityMax = max }, property);

    [Theory]
    [InlineData(2, 2)]
    [InlineData(500, 500)]
    [InlineData(null, 30)]
    [InlineData(10, null)]
    public void Community_sizes_within_the_range_are_accepted(int? min, int? max) =>
        Check(Valid with { TargetCommunityMin = min, TargetCommunityMax = max }).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData("Context", 20_001)]
    [InlineData("ScenarioBefore", 20_001)]
    [InlineData("ScenarioAfter", 20_001)]
    [InlineData("WhoPays", 501)]
    [InlineData("WhoUses", 501)]
    [InlineData("WhoBenefits", 501)]
    public void Texts_have_length_limits(string property, int length)
    {
        var text = new string('t', length);
        var command = property switch
        {
            "Context" => Valid with { Context = text },
            "ScenarioBefore" => Valid with { ScenarioBefore = text },
            "ScenarioAfter" => Valid with { ScenarioAfter = text },
            "WhoPays" => Valid with { WhoPays = text },
            "WhoUses" => Valid with { WhoUses = text },
            _ => Valid with { WhoBenefits = text },
        };

        ShouldFailOn(command, property);
    }

    [Fact]
    public void Editing_applies_the_same_rules()
    {
        var result = Edit.Validate(new EditChallenge { Question = "Partager des vélos", Pains = [" "], Indicators = [new IndicatorInput("Vélos", 3, 3, null)] });

        result.Errors.Select(e => e.PropertyName).ShouldBe(["Question", "Pains[0]", "Indicators[0].Target"], ignoreOrder: true);
    }

    [Fact]
    public void A_resource_person_name_has_a_length_limit()
    {
        ResourcePerson.Validate(new SetResourcePerson(new string('n', 201), null)).Errors.Single().PropertyName.ShouldBe("Name");
        ResourcePerson.Validate(new SetResourcePerson("Camille Martin", null)).IsValid.ShouldBeTrue();
        ResourcePerson.Validate(new SetResourcePerson(null, null)).IsValid.ShouldBeTrue();
        ResourcePerson.Validate(new SetResourcePerson(null, new string('u', 451))).Errors.Single().PropertyName.ShouldBe("UserId");
    }

    [Fact]
    public void Every_message_is_translated()
    {
        var everythingWrong = new CreateChallenge
        {
            Question = "Pas une question",
            Context = new string('c', 20_001),
            Pains = [" ", new string('p', 501)],
            Indicators = [new IndicatorInput(null, null, null, new string('u', 41)), new IndicatorInput("X", 1, 1, null), new IndicatorInput("Y", 1e13m, 1, null)],
            WhoPays = new string('w', 501),
            TargetCommunityMin = 1,
            TargetCommunityMax = 600,
        };
        var failures = Check(everythingWrong).Errors
            .Concat(Check(Valid with { Question = "Court ?", Pains = Enumerable.Repeat("p", 21).ToList(), TargetCommunityMin = 30, TargetCommunityMax = 20 }).Errors)
            .Concat(Check(Valid with { Indicators = Enumerable.Repeat(new IndicatorInput("i", 0, 1, null), 11).ToList() }).Errors)
            .Concat(Check(Valid with { Question = "" }).Errors)
            .ToList();

        failures.Count.ShouldBeGreaterThan(12);
        failures.ShouldAllBe(f => !f.ErrorMessage.StartsWith("challenge.", StringComparison.Ordinal));
    }
}
