namespace CommonsCall.Web.Features.Organisations;

/// <summary>An organisation as lists and forms name it.</summary>
public sealed record OrganisationRef(Guid Id, string Name);
