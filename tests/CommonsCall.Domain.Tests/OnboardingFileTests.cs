using System.Text;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Onboarding;
using CommonsCall.Domain.Organisations;

namespace CommonsCall.Domain.Tests;

/// <summary>Reading the organisations file a facilitator uploads: separators, BOM, quotes, and per-line errors.</summary>
public class OnboardingFileTests
{
    private static IReadOnlyList<OnboardingRow> Rows(string text)
    {
        var read = OnboardingFile.Read(Encoding.UTF8.GetBytes(text));
        read.IsSuccess.ShouldBeTrue(read.Error?.ToString());
        return read.Value!;
    }

    private static string FileError(byte[] content) => OnboardingFile.Read(content).Error!.Code;

    [Fact]
    public void A_french_spreadsheet_file_with_semicolons_and_a_bom_is_read()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            "Nom;Type;Rôle;Territoire;Emails\r\nCovoit'Ouest;PME;membre;Nantes;\"lea@covoit.example; paul@covoit.example\"\r\nAgence de la Transition;Acteur public;Financeur;Pays de la Loire;sophie@agence.example\r\n")).ToArray();

        var rows = OnboardingFile.Read(bytes).Value!;

        rows.Count.ShouldBe(2);
        rows[0].ShouldBe(rows[0] with { Line = 2, Name = "Covoit'Ouest", Kind = OrganisationKind.Sme, Role = ParticipantRole.Member, Territory = "Nantes" });
        rows[0].Emails.ShouldBe(["lea@covoit.example", "paul@covoit.example"]);
        rows[1].Role.ShouldBe(ParticipantRole.Funder);
        rows[1].Kind.ShouldBe(OrganisationKind.PublicBody);
        rows.ShouldAllBe(r => r.IsValid);
    }

    [Fact]
    public void Commas_are_detected_and_quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var rows = Rows("name,emails,territory\n\"Roulons, \"\"Ensemble\"\"\",\"karim@roulons.example,ana@roulons.example\",\"Bocage\nnord\"\nVélo Libre,velo@libre.example,\n");

        rows.Count.ShouldBe(2);
        rows[0].Name.ShouldBe("Roulons, \"Ensemble\"");
        rows[0].Emails.Count.ShouldBe(2);
        rows[0].Territory.ShouldBe("Bocage nord");
        rows[1].Line.ShouldBe(4);
        rows[1].Role.ShouldBe(ParticipantRole.Member);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_blank_lines_are_skipped()
    {
        var rows = Rows("emails;nom\n\n a@b.example ;  Tiers-lieu   du Bocage \n");

        rows.Single().Name.ShouldBe("Tiers-lieu du Bocage");
        rows.Single().Emails.ShouldBe(["a@b.example"]);
        rows.Single().Line.ShouldBe(3);
    }

    [Theory]
    [InlineData("nom;emails\n;a@b.example", OnboardingCodes.NameMissing)]
    [InlineData("nom;emails\nAsso;pas-une-adresse", OnboardingCodes.InvalidEmail)]
    [InlineData("nom;emails\nAsso;a@b.example;c@d.example", OnboardingCodes.TooManyColumns)]
    [InlineData("nom;rôle;emails\nAsso;pirate;a@b.example", OnboardingCodes.UnknownRole)]
    [InlineData("nom;type;emails\nAsso;coopérative spatiale;a@b.example", OnboardingCodes.UnknownKind)]
    [InlineData("nom;emails\n\"Asso;a@b.example", OnboardingCodes.UnclosedQuote)]
    public void A_bad_line_carries_its_error(string text, string code) =>
        Rows(text).Single().Errors.ShouldContain(code);

    [Fact]
    public void A_name_beyond_its_limit_and_too_many_emails_are_refused()
    {
        var emails = string.Join(' ', Enumerable.Range(0, 11).Select(i => $"p{i}@a.example"));
        var rows = Rows($"nom;territoire;emails\n{new string('n', 201)};{new string('t', 201)};{emails}");

        rows.Single().Errors.ShouldBe([OnboardingCodes.NameTooLong, OnboardingCodes.TerritoryTooLong, OnboardingCodes.TooManyEmails], ignoreOrder: true);
    }

    [Fact]
    public void The_same_organisation_in_the_same_role_twice_is_a_duplicate_line_but_not_in_another_role()
    {
        var rows = Rows("nom;rôle;emails\nCovoit'Ouest;membre;a@b.example\ncovoit’ouest ;Membre;a@b.example\nCOVOIT'OUEST;financeur;a@b.example");

        rows[0].IsValid.ShouldBeTrue();
        rows[1].Errors.ShouldBe([OnboardingCodes.DuplicateLine]);
        rows[2].IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_file_without_its_required_columns_or_with_an_unknown_one_is_refused_whole()
    {
        FileError(Encoding.UTF8.GetBytes("nom;type\nAsso;association")).ShouldBe(OnboardingCodes.HeaderMissingColumn);
        FileError(Encoding.UTF8.GetBytes("nom;emails;siret\nAsso;a@b.example;123")).ShouldBe(OnboardingCodes.HeaderUnknownColumn);
        FileError(Encoding.UTF8.GetBytes("\n\n")).ShouldBe(OnboardingCodes.FileEmpty);
    }

    [Fact]
    public void A_file_in_latin1_or_beyond_the_size_limit_is_refused_whole()
    {
        FileError(Encoding.Latin1.GetBytes("nom;emails\nVélo Libre;v@l.example")).ShouldBe(OnboardingCodes.FileNotUtf8);
        FileError(new byte[OnboardingFile.MaxBytes + 1]).ShouldBe(OnboardingCodes.FileTooLarge);
        FileError(Encoding.UTF8.GetBytes("nom;emails\n" + string.Concat(Enumerable.Repeat("A;a@b.example\n", OnboardingFile.MaxRows + 1)))).ShouldBe(OnboardingCodes.TooManyLines);
    }

    [Theory]
    [InlineData("lea@covoit.example", true)]
    [InlineData("lea.martin+appel@sub.covoit.example", true)]
    [InlineData("lea@covoit", false)]
    [InlineData("@covoit.example", false)]
    [InlineData("lea@@covoit.example", false)]
    [InlineData("léa@covoit.example", false)]
    [InlineData("lea@covoit..example", false)]
    [InlineData("<lea@covoit.example>", false)]
    public void Emails_are_checked_as_a_mail_server_takes_them(string email, bool valid) =>
        OnboardingFile.IsEmail(email).ShouldBe(valid);
}
