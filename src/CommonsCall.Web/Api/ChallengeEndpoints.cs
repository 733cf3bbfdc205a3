using CommonsCall.Domain.Challenges;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Challenges;

namespace CommonsCall.Web.Api;

public sealed record ChallengeSummaryResponse(
    Guid Id,
    string Question,
    ChallengeStatus Status,
    OrganisationChoice Author,
    int PainCount,
    int IndicatorCount,
    int SupporterCount,
    bool SupportedByMe,
    string? ResourcePersonName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt);

public sealed record IndicatorResponse(string Name, decimal Before, decimal Target, string? Unit);

/// <summary>A resource person; <see cref="UserId"/> is set when it is one of the call's facilitators.</summary>
public sealed record ResourcePersonResponse(string Name, string? UserId);

public sealed record SupporterResponse(Guid OrganisationId, string Name, DateTimeOffset SupportedAt);

/// <summary>What the caller may do with the challenge; <see cref="MaySupportFor"/> lists the organisations it may support (or withdraw) for.</summary>
public sealed record ChallengeRightsResponse(bool CanEdit, bool CanPublish, bool CanArchive, bool CanAssignResourcePerson, IReadOnlyList<SupportChoice> MaySupportFor);

/// <summary>
/// One micro-challenge. Its content members have the names of the create and edit bodies, so that a client can
/// read one, change it and send it back with its <see cref="Version"/>.
/// </summary>
public sealed record ChallengeResponse(
    Guid Id,
    string CallSlug,
    ChallengeStatus Status,
    OrganisationChoice Author,
    string Question,
    string? Context,
    IReadOnlyList<string> Pains,
    string? ScenarioBefore,
    string? ScenarioAfter,
    IReadOnlyList<IndicatorResponse> Indicators,
    string? WhoPays,
    string? WhoUses,
    string? WhoBenefits,
    int TargetCommunityMin,
    int TargetCommunityMax,
    ResourcePersonResponse? ResourcePerson,
    IReadOnlyList<SupporterResponse> Supporters,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    uint Version,
    ChallengeRightsResponse You);

public static class ChallengeEndpoints
{
    public static RouteGroupBuilder MapChallengeEndpoints(this RouteGroupBuilder api)
    {
        var challenges = api.MapGroup("/calls/{slug}/challenges").WithTags("Micro-challenges");
        challenges.MapGet("", ListAsync)
            .WithName("ListChallenges")
            .WithSummary("The call's micro-challenges the caller may see (published and archived ones, plus drafts of the caller's organisations, or all for facilitators), filtered. 404 when the call is not visible to the caller.")
            .Produces<IReadOnlyList<ChallengeSummaryResponse>>()
            .ProducesProblems(StatusCodes.Status404NotFound);
        challenges.MapGet("/{id:guid}", GetAsync)
            .WithName("GetChallenge")
            .WithSummary("One micro-challenge. 404 when it does not exist in this call or the caller may not see it (a draft of another organisation).")
            .Produces<ChallengeResponse>()
            .ProducesProblems(StatusCodes.Status404NotFound);
        challenges.MapPost("", CreateAsync)
            .WithName("CreateChallenge")
            .WithSummary("Writes a micro-challenge for a member organisation the caller represents (in phase Challenges or Commons; facilitators in any phase, for any joined member), as a draft or published at once (publish: true).")
            .Produces<ChallengeResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        challenges.MapPut("/{id:guid}", EditAsync)
            .WithName("EditChallenge")
            .WithSummary("Replaces the content of a micro-challenge (the author organisation in phase Challenges or Commons; facilitators always). With version, refused with 409 if it changed since it was read.")
            .Produces<ChallengeResponse>()
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        challenges.MapPost("/{id:guid}/publish", PublishAsync)
            .WithName("PublishChallenge")
            .WithSummary("Publishes a draft (facilitators also put an archived challenge back). Publishing twice changes nothing.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        challenges.MapPost("/{id:guid}/archive", ArchiveAsync)
            .WithName("ArchiveChallenge")
            .WithSummary("Archives a micro-challenge (facilitators): it stays readable, members no longer change or support it.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        challenges.MapPut("/{id:guid}/resource-person", SetResourcePersonAsync)
            .WithName("SetChallengeResourcePerson")
            .WithSummary("Names the resource person (facilitators): one of the call's facilitators by userId, or anyone by name. Sending neither removes it.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        challenges.MapPost("/{id:guid}/support", SupportAsync)
            .WithName("SupportChallenge")
            .WithSummary("A member organisation the caller represents (organisationId, optional when there is only one) supports a published challenge of another organisation. Idempotent.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        challenges.MapDelete("/{id:guid}/support", WithdrawSupportAsync)
            .WithName("WithdrawChallengeSupport")
            .WithSummary("Withdraws the support of a member organisation the caller represents. Idempotent.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> ListAsync(
        string slug,
        Actor actor,
        ChallengeQueries queries,
        CancellationToken ct,
        string? search = null,
        ChallengeStatus? status = null,
        Guid? authorOrganisationId = null,
        bool supportedByMe = false,
        bool? hasResourcePerson = null)
    {
        var list = await queries.ListAsync(actor, slug, new ChallengeFilter(search, status, authorOrganisationId, supportedByMe, hasResourcePerson), ct);
        return list is null
            ? ApiResults.NotFound(CallRoute.UnknownCall)
            : TypedResults.Ok(list.Challenges.Select(c => new ChallengeSummaryResponse(
                c.Id, c.Question, c.Status, c.Author, c.PainCount, c.IndicatorCount, c.SupporterCount, c.SupportedByMe, c.ResourcePersonName, c.CreatedAt, c.PublishedAt)).ToList());
    }

    private static async Task<IResult> GetAsync(string slug, Guid id, Actor actor, ChallengeQueries queries, CancellationToken ct) =>
        await queries.FindAsync(actor, slug, id, ct) is { } detail
            ? TypedResults.Ok(ToResponse(detail))
            : ApiResults.NotFound("No such micro-challenge is visible to you in this call.");

    private static Task<IResult> CreateAsync(string slug, CreateChallenge command, Actor actor, CallQueries calls, ChallengeService challenges, ChallengeQueries queries, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
        {
            var created = await challenges.CreateAsync(actor, command with { CallId = call.Call.Id }, ct);
            if (!created.IsSuccess)
            {
                return created.Error!.ToProblem();
            }

            var detail = await queries.FindAsync(actor, slug, created.Value, ct);
            return TypedResults.Created($"{ApiEndpoints.Prefix}/v1/calls/{slug}/challenges/{created.Value}", ToResponse(detail!));
        }, ct);

    private static Task<IResult> EditAsync(string slug, Guid id, EditChallenge command, Actor actor, CallQueries calls, ChallengeService challenges, ChallengeQueries queries, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
        {
            var edited = await challenges.EditAsync(actor, command with { CallId = call.Call.Id, ChallengeId = id }, ct);
            return edited.IsSuccess
                ? TypedResults.Ok(ToResponse((await queries.FindAsync(actor, slug, id, ct))!))
                : edited.Error!.ToProblem();
        }, ct);

    private static Task<IResult> PublishAsync(string slug, Guid id, Actor actor, CallQueries calls, ChallengeService challenges, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => challenges.PublishAsync(actor, new PublishChallenge(callId, id), ct), ct);

    private static Task<IResult> ArchiveAsync(string slug, Guid id, Actor actor, CallQueries calls, ChallengeService challenges, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => challenges.ArchiveAsync(actor, new ArchiveChallenge(callId, id), ct), ct);

    private static Task<IResult> SetResourcePersonAsync(string slug, Guid id, SetResourcePerson command, Actor actor, CallQueries calls, ChallengeService challenges, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => challenges.SetResourcePersonAsync(actor, command with { CallId = callId, ChallengeId = id }, ct), ct);

    private static Task<IResult> SupportAsync(string slug, Guid id, Actor actor, CallQueries calls, ChallengeService challenges, CancellationToken ct, Guid? organisationId = null) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => challenges.SupportAsync(actor, new SupportChallenge(callId, id, organisationId), ct), ct);

    private static Task<IResult> WithdrawSupportAsync(string slug, Guid id, Actor actor, CallQueries calls, ChallengeService challenges, CancellationToken ct, Guid? organisationId = null) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => challenges.WithdrawSupportAsync(actor, new SupportChallenge(callId, id, organisationId), ct), ct);

    internal static ChallengeResponse ToResponse(ChallengeDetail detail)
    {
        var c = detail.Challenge;
        return new ChallengeResponse(
            c.Id,
            detail.Call.Slug,
            c.Status,
            detail.Author,
            c.Question,
            c.Context,
            c.Pains,
            c.ScenarioBefore,
            c.ScenarioAfter,
            [.. c.Indicators.Select(i => new IndicatorResponse(i.Name, i.Before, i.Target, i.Unit))],
            c.WhoPays,
            c.WhoUses,
            c.WhoBenefits,
            c.TargetCommunityMin,
            c.TargetCommunityMax,
            c.ResourcePersonName is { } name ? new ResourcePersonResponse(name, c.ResourcePersonUserId) : null,
            [.. detail.Supporters.Select(s => new SupporterResponse(s.OrganisationId, s.Name, s.SupportedAt))],
            c.CreatedAt,
            c.PublishedAt,
            c.Version,
            new ChallengeRightsResponse(detail.You.CanEdit, detail.You.CanPublish, detail.You.CanArchive, detail.You.CanAssignResourcePerson, detail.You.Support));
    }
}
