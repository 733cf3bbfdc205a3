using CommonsCall.Domain.Organisations;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features.Organisations;

namespace CommonsCall.Web.Tests.Organisations;

/// <summary>Every rule of the organisation form's validator.</summary>
public sealed class OrganisationValidatorTests
{
    private static readonly SaveOrganisation Valid = new(
        "Roulons Ensemble", OrganisationKind.Association, SizeBand.Micro, DevelopmentStage.Development, "https://roulons.example", "Association de covoiturage.");

    private static string[] Invalid(SaveOrganisation command) =>
        [.. new SaveOrganisationValidator().Validate(command).Errors.Select(e => e.PropertyName).Distinct()];

    [Fact]
    public void A_complete_organisation_is_valid_and_website_and_description_are_optional()
    {
        Invalid(Valid).ShouldBeEmpty();
        Invalid(Valid with { Website = null, Description = null }).ShouldBeEmpty();
        Invalid(Valid with { Website = "  ", Description = "" }).ShouldBeEmpty();
    }

    [Fact]
    public void A_name_is_required_and_fits_its_column()
    {
        Invalid(Valid with { Name = "" }).ShouldBe(["Name"]);
        Invalid(Valid with { Name = new string('n', SchemaConstants.NameLength) }).ShouldBeEmpty();
        Invalid(Valid with { Name = new string('n', SchemaConstants.NameLength + 1) }).ShouldBe(["Name"]);
    }

    [Fact]
    public void Kind_size_band_and_stage_must_be_known_values()
    {
        Invalid(Valid with { Kind = (OrganisationKind)99 }).ShouldBe(["Kind"]);
        Invalid(Valid with { SizeBand = (SizeBand)(-1) }).ShouldBe(["SizeBand"]);
        Invalid(Valid with { Stage = (DevelopmentStage)8 }).ShouldBe(["Stage"]);
    }

    [Theory]
    [InlineData("http://roulons.example")]
    [InlineData("https://www.roulons.example/qui-sommes-nous?lang=fr")]
    [InlineData(" https://roulons.example ")]
    public void Http_and_https_addresses_are_accepted(string website) => Invalid(Valid with { Website = website }).ShouldBeEmpty();

    [Theory]
    [InlineData("roulons.example")]
    [InlineData("www.roulons.example")]
    [InlineData("ftp://roulons.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:contact@roulons.example")]
    [InlineData("/relative/path")]
    [InlineData("https://")]
    public void Other_websites_are_refused(string website) => Invalid(Valid with { Website = website }).ShouldBe(["Website"]);

    [Fact]
    public void A_website_fits_its_column() =>
        Invalid(Valid with { Website = "https://roulons.example/" + new string('p', SchemaConstants.UrlLength) }).ShouldBe(["Website"]);

    [Fact]
    public void A_description_fits_its_column()
    {
        Invalid(Valid with { Description = new string('d', SchemaConstants.LongTextLength) }).ShouldBeEmpty();
        Invalid(Valid with { Description = new string('d', SchemaConstants.LongTextLength + 1) }).ShouldBe(["Description"]);
    }
}
