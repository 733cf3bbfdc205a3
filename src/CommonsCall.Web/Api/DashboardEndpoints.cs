using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Features.Dashboard;
using CommonsCall.Web.Infrastructure;

namespace CommonsCall.Web.Api;

/// <summary>The dashboard as the caller may see it: null members are hidden by the call's visibility rule.</summary>
public sealed record DashboardResponse(
    string Slug, string Title, string Currency, CallPhase Phase, bool RoundOpen, ContributionsVisibility Visibility,
    DashboardTotalsResponse Totals, IReadOnlyList<DashboardCommonsResponse> Commons, IReadOnlyList<DashboardOrganisationResponse> Organisations,
    IReadOnlyList<TimelinePoint> Timeline, DateTimeOffset AsOf);

public sealed record DashboardTotalsResponse(long Pool, long MatchingPool, long Granted, long Ungranted, long OwnFunds, long? Contributed, long? Unspent);

/// <summary>
/// One commons on the dashboard. <see cref="GiftMatch"/>: what a gift of 100 units of the call's currency (10000 in minor
/// units for EUR) from a member not giving to the commons yet would bring of the matching pool, as the dashboard's column
/// shows it; null after settlement, without a matching pool, or when the visibility rule hides totals from the caller.
/// </summary>
public sealed record DashboardCommonsResponse(
    Guid Id, string Title, CommonsStatus Status, long MinimumGoal, long MaximumGoal, long? Total, GoalState? State,
    long Released, long Match, long? EstimatedMatch, int? Contributors, long? GiftMatch);

public sealed record DashboardOrganisationResponse(
    Guid Id, string Name, long Granted, long OwnFunds, long Contributed, long Unspent, IReadOnlyList<DashboardGift> Gifts);

public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        var call = api.MapGroup("/calls/{slug}").WithTags("Dashboard")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        call.MapGet("/dashboard", DashboardAsync)
            .WithName("GetDashboard")
            .WithSummary("Facilitators, funders and members: the allocation of the call (pool, totals, each commons against its goals, what each organisation gave, contributions over time, estimated match, and giftMatch: what a gift of 100 units of the call's currency would bring each commons of the matching pool, exact under proportional matching and an estimate under quadratic, until the round is settled). What the visibility rule hides from the caller is null or left out.")
            .Produces<DashboardResponse>();
        call.MapGet("/exports/commons.csv", CommonsCsvAsync)
            .WithName("ExportCommonsCsv")
            .WithSummary("Commons results as CSV (UTF-8 with BOM; ';' and decimal commas for French readers), as the caller may see them.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        call.MapGet("/exports/contributions.csv", ContributionsCsvAsync)
            .WithName("ExportContributionsCsv")
            .WithSummary("What each organisation gave to each commons, as CSV: every organisation for those who may see who gives, the caller's own otherwise.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        call.MapGet("/exports/ledger.csv", LedgerCsvAsync)
            .WithName("ExportLedgerCsv")
            .WithSummary("Facilitators and funders: every money movement of the call as CSV, oldest first.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return api;
    }

    private static async Task<IResult> DashboardAsync(string slug, Actor actor, DashboardQueries dashboard, CancellationToken ct) =>
        (await dashboard.DashboardAsync(actor, slug, organisationLimit: null, ct)).ToApiResult(v => TypedResults.Ok(ToResponse(v)));

    private static async Task<IResult> CommonsCsvAsync(string slug, Actor actor, DashboardExports exports, CancellationToken ct) =>
        (await exports.CommonsAsync(actor, slug, ct)).ToApiResult(ToFile);

    private static async Task<IResult> ContributionsCsvAsync(string slug, Actor actor, DashboardExports exports, CancellationToken ct) =>
        (await exports.ContributionsAsync(actor, slug, ct)).ToApiResult(ToFile);

    private static async Task<IResult> LedgerCsvAsync(string slug, Actor actor, DashboardExports exports, CancellationToken ct) =>
        (await exports.LedgerAsync(actor, slug, ct)).ToApiResult(ToFile);

    private static IResult ToFile(CsvFile file) => TypedResults.File(file.Content, Csv.ContentType, file.FileName);

    private static DashboardResponse ToResponse(DashboardView v) => new(
        v.Slug, v.Title, v.Currency, v.Phase, v.RoundOpen, v.Visibility,
        new DashboardTotalsResponse(v.Totals.Pool, v.Totals.MatchingPool, v.Totals.Granted, v.Totals.Ungranted, v.Totals.OwnFunds, v.Totals.Contributed, v.Totals.Unspent),
        v.Commons.Select(c => new DashboardCommonsResponse(c.Id, c.Title, c.Status, c.MinimumGoal, c.MaximumGoal, c.Total, c.State, c.Released, c.Match, c.EstimatedMatch, c.Contributors, c.GiftMatch)).ToList(),
        v.Organisations.Select(o => new DashboardOrganisationResponse(o.Id, o.Name, o.Granted, o.OwnFunds, o.Contributed, o.Available, o.Gifts)).ToList(),
        v.Timeline, v.AsOf);
}
