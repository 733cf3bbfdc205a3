using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Organisations;

namespace CommonsCall.Web.Tests.Budgeting;

/// <summary>The grants file a facilitator uploads, read by the one CSV reader of the product.</summary>
public sealed class GrantsCsvTests
{
    private static readonly OrganisationRef Velo = new(Guid.NewGuid(), "Vélo; Cité");
    private static readonly OrganisationRef Atelier = new(Guid.NewGuid(), "Atelier\ndu Lien");

    [Fact]
    public void Errors_name_the_line_of_the_file_even_after_a_name_that_spans_two_lines()
    {
        var text = "\uFEFFOrganisation;Montant\r\n\"Atelier\ndu Lien\";1 200,50\r\n\"Vélo; Cité\";300\r\nInconnue;10\r\n";

        var lines = new GrantsCsv().Parse(text, "EUR", [Velo, Atelier]);

        lines.Select(l => (l.Line, l.OrganisationId, l.Amount, l.ErrorCode)).ShouldBe(
        [
            (2, Atelier.Id, 120_050L, null),
            (4, Velo.Id, 30_000L, null),
            (5, null, 1_000L, ErrorCodes.UnknownOrganisation),
        ]);
    }
}
