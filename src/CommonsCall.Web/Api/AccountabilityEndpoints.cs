using System.Globalization;
using System.Text.Json.Serialization;
using CommonsCall.Domain.Accountability;
using CommonsCall.Web.Features.Accountability;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Infrastructure;

namespace CommonsCall.Web.Api;

/// <summary>
/// A measured "after" value. <see cref="Value"/> is a decimal number written as a string with a point ("640", "12.5"),
/// so that it travels exactly; <see cref="MeasuredOn"/> is an ISO day; <see cref="Source"/> says where the figure comes from.
/// </summary>
public sealed record RecordMeasureRequest(
    [property: JsonRequired] Guid OrganisationId,
    [property: JsonRequired] Guid ChallengeId,
    [property: JsonRequired] string Indicator,
    [property: JsonRequired] string Value,
    [property: JsonRequired] DateOnly MeasuredOn,
    [property: JsonRequired] string Source);

/// <summary>
/// Accountability and audit (issue 15 §6-7): a commons' public timeline and measured gains, and the call's audit trail
/// for its facilitators and funders. The slug is resolved as the caller may see the call (404 otherwise); the services
/// check every role and rule.
/// </summary>
public static class AccountabilityEndpoints
{
    public static RouteGroupBuilder MapAccountabilityEndpoints(this RouteGroupBuilder api)
    {
        var commons = api.MapGroup("/calls/{slug}/commons/{commonsId:guid}/accountability").WithTags("Accountability").ProducesProblems(StatusCodes.Status404NotFound);
        commons.MapGet("", GetAsync)
            .WithName("GetAccountability")
            .WithSummary("A commons' accountability, as the call's readers see it: the dated chain from the challenges it answers to its delivery or cancellation (amounts as the call's visibility rule lets the caller see them, contributions only summed), and the measured gains of the challenges' indicators.")
            .Produces<AccountabilityView>();
        commons.MapPut("/measures", RecordMeasureAsync)
            .RequireAuthorization()
            .WithName("RecordMeasure")
            .WithSummary("A holder of a funded commons records the measured \"after\" value of a before/after indicator of a challenge the commons answers (one current value per indicator: a new one replaces it; the audit trail keeps both).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);

        var audit = api.MapGroup("/calls/{slug}").WithTags("Accountability").RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        audit.MapGet("/audit", AuditAsync)
            .WithName("GetAuditTrail")
            .WithSummary("Facilitators and funders: the call's audit trail, newest first, each entry told as a sentence in the caller's language; filtered by kind, actor (a user id, or \"system\") and days (UTC, both included), paged.")
            .Produces<AuditPage>();
        audit.MapGet("/exports/audit.csv", AuditCsvAsync)
            .WithName("ExportAuditCsv")
            .WithSummary("Facilitators and funders: the call's audit trail as CSV, oldest first, with the same filters.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return api;
    }

    private static Task<IResult> GetAsync(string slug, Guid commonsId, Actor actor, CallQueries calls, AccountabilityQueries accountability, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            await accountability.GetAsync(actor, call.Call.Id, commonsId, ct) is { } view
                ? TypedResults.Ok(view)
                : MeasureService.UnknownCommons.ToProblem(), ct);

    private static Task<IResult> RecordMeasureAsync(
        string slug, Guid commonsId, RecordMeasureRequest body, Actor actor, CallQueries calls, MeasureService measures, CancellationToken ct)
    {
        if (!decimal.TryParse(body.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return Task.FromResult(new DomainError(ErrorCodes.Validation, "The value is a decimal number with a point, e.g. \"12.5\".",
                new Dictionary<string, string[]> { ["value"] = ["The value is a decimal number with a point, e.g. \"12.5\"."] }).ToProblem());
        }

        return CallRoute.ChangeInCallAsync(slug, actor, calls, callId => measures.RecordAsync(actor, new RecordMeasure(
            commonsId, body.OrganisationId, new MeasureStatement(body.ChallengeId, body.Indicator, value, body.MeasuredOn, body.Source)) { CallId = callId }, ct), ct);
    }

    private static Task<IResult> AuditAsync(
        string slug, string? kind, string? actor, DateOnly? from, DateOnly? to, int? page, int? pageSize, Actor caller, CallQueries calls, AuditQueries audit, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, caller, calls, async call =>
            (await audit.PageAsync(caller, new AuditFilter(call.Call.Id, kind, actor, from, to, page ?? 1, pageSize ?? AuditFilter.DefaultPageSize), ct))
                .ToApiResult(p => TypedResults.Ok(p)), ct);

    private static Task<IResult> AuditCsvAsync(
        string slug, string? kind, string? actor, DateOnly? from, DateOnly? to, Actor caller, CallQueries calls, AuditQueries audit, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, caller, calls, async call =>
            (await audit.CsvAsync(caller, new AuditFilter(call.Call.Id, kind, actor, from, to), ct))
                .ToApiResult(file => TypedResults.File(file.Content, Csv.ContentType, file.FileName)), ct);
}
