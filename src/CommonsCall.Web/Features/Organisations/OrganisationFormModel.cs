using CommonsCall.Domain.Organisations;

namespace CommonsCall.Web.Features.Organisations;

/// <summary>What the organisation form edits, turned into <see cref="SaveOrganisation"/> on submit.</summary>
public sealed class OrganisationFormModel
{
    public string Name { get; set; } = string.Empty;

    public OrganisationKind Kind { get; set; } = OrganisationKind.Sme;

    public SizeBand SizeBand { get; set; } = SizeBand.Micro;

    public DevelopmentStage Stage { get; set; } = DevelopmentStage.Development;

    public string? Website { get; set; }

    public string? Description { get; set; }

    public static OrganisationFormModel From(OrganisationDetail organisation) => new()
    {
        Name = organisation.Name,
        Kind = organisation.Kind,
        SizeBand = organisation.SizeBand,
        Stage = organisation.Stage,
        Website = organisation.Website,
        Description = organisation.Description,
    };

    public SaveOrganisation ToCommand() => new(Name, Kind, SizeBand, Stage, Website, Description);
}
