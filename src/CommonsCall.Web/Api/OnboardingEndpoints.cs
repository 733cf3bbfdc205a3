using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Onboarding;

namespace CommonsCall.Web.Api;

/// <summary>
/// Onboarding an ecosystem into a call (facilitators and administrators): preview and apply an organisations file,
/// follow the invitations it sent, resend one. The file travels as text in JSON: <c>jq -Rs '{csv: .}' orgs.csv</c>.
/// </summary>
public static class OnboardingEndpoints
{
    private const string FileFormat = "csv: the file's text; a header row naming the columns nom (or name), type, rôle (membre/financeur), territoire, emails (separated by ';', ',' or spaces); fields separated by ';' or ','; at most 1 MB and 2,000 lines.";

    public static RouteGroupBuilder MapOnboardingEndpoints(this RouteGroupBuilder api)
    {
        var onboarding = api.MapGroup("/calls/{slug}/onboarding").WithTags("Onboarding").RequireAuthorization().ProducesProblems(StatusCodes.Status401Unauthorized);
        onboarding.MapPost("/import/preview", PreviewAsync)
            .WithName("PreviewOrganisationsImport")
            .WithSummary($"Checks an organisations file line by line and says what applying it would do; changes nothing. A line with errors lists their codes and will not be applied. {FileFormat}")
            .Produces<ImportPreview>()
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        onboarding.MapPost("/import", ApplyAsync)
            .WithName("ApplyOrganisationsImport")
            .WithSummary("Applies the file's valid lines (never those in error): creates the organisations that do not exist (matched by name, ignoring case, accents and spacing), invites them to the call in their role, and mails an invitation to each person not yet invited or registered (a registered person is added as representative). Importing the same file again changes nothing. 429 rate_limited beyond the inviter's invitation limit.")
            .Produces<ImportOutcome>()
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        onboarding.MapGet("/invitations", StatusAsync)
            .WithName("ListOnboardingInvitations")
            .WithSummary("Everyone the call's imports invited: Invited, Joined (registered and representing the organisation), Bounced (the mail was given up; reason given) or Expired.")
            .Produces<IReadOnlyList<OnboardingStatusRow>>()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        onboarding.MapPost("/invitations/{id:guid}/resend", ResendAsync)
            .WithName("ResendOnboardingInvitation")
            .WithSummary("Mails a new invitation link to someone who has not joined (the previous link stops working); onboarding_already_joined otherwise; 429 rate_limited beyond the inviter's invitation limit.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static Task<IResult> PreviewAsync(string slug, ImportOrganisations command, Actor actor, CallQueries calls, OnboardingService onboarding, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            (await onboarding.PreviewAsync(actor, command with { CallId = call.Call.Id }, ct)).ToApiResult(TypedResults.Ok), ct);

    private static Task<IResult> ApplyAsync(string slug, ImportOrganisations command, Actor actor, CallQueries calls, OnboardingService onboarding, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            (await onboarding.ApplyAsync(actor, command with { CallId = call.Call.Id }, ct)).ToApiResult(TypedResults.Ok), ct);

    private static Task<IResult> StatusAsync(string slug, Actor actor, CallQueries calls, OnboardingService onboarding, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await onboarding.StatusAsync(actor, call.Call.Id, ct)).ToApiResult(TypedResults.Ok), ct);

    private static Task<IResult> ResendAsync(string slug, Guid id, Actor actor, CallQueries calls, OnboardingService onboarding, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => onboarding.ResendAsync(actor, new ResendInvitation(callId, id), ct), ct);
}
