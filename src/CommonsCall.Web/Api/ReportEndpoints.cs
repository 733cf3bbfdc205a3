using CommonsCall.Web.Features.Reports;

namespace CommonsCall.Web.Api;

public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/calls/{slug}/reports", ReportAsync)
            .RequireAuthorization()
            .WithTags("Reports")
            .WithName("GetCallReports")
            .WithSummary("For the call's facilitators, members and funders: per commons who pays, uses and benefits (from the challenges it answers and from positionings and contributions), and the organisations ranked by involvement (score: one point per positioning, commons funded, milestone delivered, challenge published and challenge supported; ties broken by the amount contributed, then the name). Contributions and amounts follow the call's visibility rule (null where hidden).")
            .Produces<CallReport>()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ReportAsync(string slug, Actor actor, ReportQueries reports, CancellationToken ct) =>
        (await reports.ForCallAsync(actor, slug, ct)).ToApiResult(report => TypedResults.Ok(report));
}
