using CommonsCall.Domain.Calls;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Calls;
using FluentValidation;

namespace CommonsCall.Web.Tests.Calls;

/// <summary>Every rule of the validators behind the call form, the framing editors and the API.</summary>
public sealed class FramingValidatorTests
{
    private static readonly DateOnly March = TestClock.Today.AddDays(7);

    private static readonly CreateCall Valid = new(
        "Communs de la mobilité", "communs-mobilite-2026", "Un **appel**.", "Valmont", "EUR", CallVisibility.Public,
        [new PlannedDate(CallPhase.Framing, March), new PlannedDate(CallPhase.Challenges, March.AddDays(30))]);

    private static string[] Invalid<T>(AbstractValidator<T> validator, T command) =>
        [.. validator.Validate(command).Errors.Select(e => e.PropertyName).Distinct()];

    private static string[] InvalidCreate(CreateCall command) => Invalid(new CreateCallValidator(), command);

    [Fact]
    public void A_complete_call_is_valid_with_or_without_planned_dates()
    {
        InvalidCreate(Valid).ShouldBeEmpty();
        InvalidCreate(Valid with { PlannedDates = null }).ShouldBeEmpty();
        InvalidCreate(Valid with { PlannedDates = [] }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_title_is_required(string title) => InvalidCreate(Valid with { Title = title }).ShouldBe(["Title"]);

    [Fact]
    public void A_title_fits_its_column()
    {
        InvalidCreate(Valid with { Title = new string('t', SchemaConstants.TitleLength) }).ShouldBeEmpty();
        InvalidCreate(Valid with { Title = new string('t', SchemaConstants.TitleLength + 1) }).ShouldBe(["Title"]);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("communs-2026")]
    [InlineData("a1-b2-c3")]
    public void Slugs_of_lowercase_letters_digits_and_hyphens_are_accepted(string slug) =>
        InvalidCreate(Valid with { Slug = slug }).ShouldBeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Communs")]
    [InlineData("communs mobilite")]
    [InlineData("communs_mobilite")]
    [InlineData("mobilité")]
    [InlineData("-communs")]
    [InlineData("communs-")]
    [InlineData("communs--mobilite")]
    [InlineData("new")]
    public void Other_slugs_are_refused(string slug) => InvalidCreate(Valid with { Slug = slug }).ShouldBe(["Slug"]);

    [Fact]
    public void A_slug_fits_its_column()
    {
        InvalidCreate(Valid with { Slug = new string('a', SchemaConstants.SlugLength) }).ShouldBeEmpty();
        InvalidCreate(Valid with { Slug = new string('a', SchemaConstants.SlugLength + 1) }).ShouldBe(["Slug"]);
    }

    [Fact]
    public void A_summary_is_required_and_fits_its_column()
    {
        InvalidCreate(Valid with { Summary = "" }).ShouldBe(["Summary"]);
        InvalidCreate(Valid with { Summary = new string('s', SchemaConstants.LongTextLength) }).ShouldBeEmpty();
        InvalidCreate(Valid with { Summary = new string('s', SchemaConstants.LongTextLength + 1) }).ShouldBe(["Summary"]);
    }

    [Fact]
    public void An_ecosystem_is_required_and_fits_its_column()
    {
        InvalidCreate(Valid with { Ecosystem = " " }).ShouldBe(["Ecosystem"]);
        InvalidCreate(Valid with { Ecosystem = new string('e', SchemaConstants.NameLength + 1) }).ShouldBe(["Ecosystem"]);
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("CHF")]
    [InlineData("XOF")]
    public void Supported_currencies_are_accepted(string currency) => InvalidCreate(Valid with { Currency = currency }).ShouldBeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("ZZZ")]
    [InlineData(null)]
    public void Other_currencies_are_refused(string? currency) => InvalidCreate(Valid with { Currency = currency! }).ShouldBe(["Currency"]);

    [Fact]
    public void An_unknown_visibility_is_refused() => InvalidCreate(Valid with { Visibility = (CallVisibility)7 }).ShouldBe(["Visibility"]);

    [Fact]
    public void Draft_or_an_unknown_phase_has_no_planned_date()
    {
        InvalidCreate(Valid with { PlannedDates = [new PlannedDate(CallPhase.Draft, March)] }).ShouldBe(["PlannedDates[0].Phase"]);
        InvalidCreate(Valid with { PlannedDates = [new PlannedDate(CallPhase.Framing, March), new PlannedDate((CallPhase)42, March)] })
            .ShouldBe(["PlannedDates[1].Phase"]);
    }

    [Fact]
    public void A_phase_has_at_most_one_planned_date() =>
        InvalidCreate(Valid with { PlannedDates = [new PlannedDate(CallPhase.Commons, March), new PlannedDate(CallPhase.Commons, March.AddDays(1))] })
            .ShouldBe(["PlannedDates"]);

    [Fact]
    public void Planned_dates_follow_the_order_of_the_phases_whatever_the_order_they_are_listed_in()
    {
        InvalidCreate(Valid with { PlannedDates = [new PlannedDate(CallPhase.Budgeting, March), new PlannedDate(CallPhase.Challenges, March.AddDays(1))] })
            .ShouldBe(["PlannedDates"]);
        InvalidCreate(Valid with { PlannedDates = [new PlannedDate(CallPhase.Budgeting, March.AddDays(1)), new PlannedDate(CallPhase.Challenges, March)] })
            .ShouldBeEmpty();
        InvalidCreate(Valid with { PlannedDates = [new PlannedDate(CallPhase.Framing, March), new PlannedDate(CallPhase.Challenges, March)] })
            .ShouldBeEmpty();
    }

    [Fact]
    public void Editing_follows_the_same_rules_without_a_slug()
    {
        var edit = new EditCall("", "", "", "ZZZ", (CallVisibility)5, [new PlannedDate(CallPhase.Results, March), new PlannedDate(CallPhase.Budgeting, March.AddDays(1))]);

        Invalid(new EditCallValidator(), edit).Order().ShouldBe(["Currency", "Ecosystem", "PlannedDates", "Summary", "Title", "Visibility"]);
        Invalid(new EditCallValidator(), new EditCall("T", "S", "E", "EUR", CallVisibility.MembersOnly)).ShouldBeEmpty();
    }

    [Fact]
    public void A_glossary_term_and_its_definition_are_required_and_fit_their_columns()
    {
        var validator = new SaveGlossaryTermValidator();
        Invalid(validator, new SaveGlossaryTerm("Commun", "Ressource ouverte")).ShouldBeEmpty();
        Invalid(validator, new SaveGlossaryTerm("", " ")).Order().ShouldBe(["Definition", "Term"]);
        Invalid(validator, new SaveGlossaryTerm(new string('t', SchemaConstants.NameLength + 1), "D")).ShouldBe(["Term"]);
        Invalid(validator, new SaveGlossaryTerm("T", new string('d', SchemaConstants.LongTextLength + 1))).ShouldBe(["Definition"]);
    }

    [Fact]
    public void A_scope_statement_is_required_and_fits_its_column()
    {
        var validator = new SaveScopeStatementValidator();
        Invalid(validator, new SaveScopeStatement("Les trajets du quotidien", false)).ShouldBeEmpty();
        Invalid(validator, new SaveScopeStatement("", true)).ShouldBe(["Text"]);
        Invalid(validator, new SaveScopeStatement(new string('x', SchemaConstants.ShortTextLength), true)).ShouldBeEmpty();
        Invalid(validator, new SaveScopeStatement(new string('x', SchemaConstants.ShortTextLength + 1), true)).ShouldBe(["Text"]);
    }

    [Fact]
    public void An_invitation_names_an_organisation_and_a_known_role()
    {
        var validator = new InviteParticipantValidator();
        Invalid(validator, new InviteParticipant(Guid.NewGuid(), ParticipantRole.Funder)).ShouldBeEmpty();
        Invalid(validator, new InviteParticipant(Guid.Empty, ParticipantRole.Member)).ShouldBe(["OrganisationId"]);
        Invalid(validator, new InviteParticipant(Guid.NewGuid(), (ParticipantRole)3)).ShouldBe(["Role"]);
    }

    [Theory]
    [InlineData("Communs de la mobilité partagée", "communs-de-la-mobilite-partagee")]
    [InlineData("  Défi n°1 : l'été !  ", "defi-n-1-l-ete")]
    [InlineData("ÉCOLE", "ecole")]
    public void The_call_form_suggests_a_valid_slug_from_the_title(string title, string slug)
    {
        CallFormModel.SlugFrom(title).ShouldBe(slug);
        InvalidCreate(Valid with { Slug = CallFormModel.SlugFrom(title) }).ShouldBeEmpty();
    }
}
