using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Organisations;

namespace CommonsCall.Web.Api;

public sealed record InviteRepresentativeRequest(string Email);

/// <summary>A single-use link to create an account as the organisation's representative (shown once).</summary>
public sealed record RepresentativeInvitationResponse(Guid Id, string Email, string RegistrationUrl, DateTimeOffset ExpiresAt);

public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisationEndpoints(this RouteGroupBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Organisations").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        organisations.MapGet("", ListAsync)
            .WithName("ListOrganisations")
            .WithSummary("The caller's organisations; administrators and facilitators see every organisation (isMine tells the caller's apart).")
            .Produces<IReadOnlyList<OrganisationSummary>>();
        organisations.MapGet("/{id:guid}", GetAsync)
            .WithName("GetOrganisation")
            .WithSummary("One organisation; its members are listed to its members and administrators only. 404 when the caller may not see it.")
            .Produces<OrganisationDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        organisations.MapPost("", CreateAsync)
            .WithName("CreateOrganisation")
            .WithSummary("Creates an organisation; the caller becomes its first member. 422 duplicate_organisation_name when the name is taken.")
            .Produces<OrganisationDetail>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        organisations.MapPut("/{id:guid}", EditAsync)
            .WithName("EditOrganisation")
            .WithSummary("Changes the organisation's description. Its members and administrators only.")
            .Produces<OrganisationDetail>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        organisations.MapPost("/{id:guid}/invitations", InviteAsync)
            .WithName("InviteRepresentative")
            .WithSummary("Creates a single-use link with which a person creates an account as a representative of the organisation. Its members (and administrators) only.")
            .Produces<RepresentativeInvitationResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        organisations.MapDelete("/{id:guid}/representatives/{userId}", RemoveRepresentativeAsync)
            .WithName("RemoveRepresentative")
            .WithSummary("Ends a person's representation of the organisation (a person leaving removes themselves): they lose at once every access they had through it. Its members and administrators only; 422 last_representative for the last one.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ListAsync(Actor actor, OrganisationService organisations, CancellationToken ct) =>
        TypedResults.Ok(await organisations.ListAsync(actor, ct));

    private static async Task<IResult> GetAsync(Guid id, Actor actor, OrganisationService organisations, CancellationToken ct) =>
        await organisations.FindAsync(actor, id, ct) is { } detail
            ? TypedResults.Ok(detail)
            : ApiResults.NotFound("No organisation with this id is visible to you.");

    private static async Task<IResult> CreateAsync(SaveOrganisation command, Actor actor, OrganisationService organisations, CancellationToken ct) =>
        (await organisations.CreateAsync(actor, command, ct)).ToApiResult(created => TypedResults.Created($"/api/v1/organisations/{created.Id}", created));

    private static async Task<IResult> EditAsync(Guid id, SaveOrganisation command, Actor actor, OrganisationService organisations, CancellationToken ct) =>
        (await organisations.EditAsync(actor, id, command, ct)).ToApiResult(TypedResults.Ok);

    private static async Task<IResult> RemoveRepresentativeAsync(Guid id, string userId, Actor actor, OrganisationService organisations, CancellationToken ct) =>
        (await organisations.RemoveRepresentativeAsync(actor, id, userId, ct)).ToApiResult();

    private static async Task<IResult> InviteAsync(Guid id, InviteRepresentativeRequest request, Actor actor, OrganisationService organisations, InvitationService invitations, HttpRequest http, CancellationToken ct)
    {
        if (await organisations.FindAsync(actor, id, ct) is null)
        {
            return ApiResults.NotFound("No organisation with this id is visible to you.");
        }

        return (await invitations.CreateAsync(actor, new CreateInvitation(request.Email, null, id), ct)).ToApiResult(created =>
            TypedResults.Created((string?)null, new RepresentativeInvitationResponse(
                created.Id, created.Email, $"{http.Scheme}://{http.Host}{http.PathBase}/account/register?token={Uri.EscapeDataString(created.Token)}", created.ExpiresAt)));
    }
}
