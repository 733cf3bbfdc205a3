using CommonsCall.Domain.FollowUp;
using CommonsCall.Web.Features.FollowUp;
using CommonsCall.Web.Features.Organisations;
using CommonsCall.Web.Infrastructure;

namespace CommonsCall.Web.Api;

/// <summary>The follow-up of the call's funded commons; <see cref="Funders"/> holds the funders the caller may follow (every one for facilitators, its own for a funder).</summary>
public sealed record FollowUpSummaryResponse(
    string Slug, string Title, string Currency, long Award, long Paid, long ReturnedToPool, long Remaining, int LateMilestones,
    IReadOnlyList<FollowUpCommons> Commons, IReadOnlyList<FunderFollowUpResponse> Funders, DateTimeOffset AsOf);

/// <summary>Where a funder's money went: its part of each funded commons (traced in proportion), what of it was paid and returned to the pool, and what never reached a commons.</summary>
public sealed record FunderFollowUpResponse(
    OrganisationRef Funder, long Pledged, long MatchingPledged, long Part, long Paid, long ReturnedToPool, long Unspent, IReadOnlyList<FunderCommonsPartResponse> Commons);

public sealed record FunderCommonsPartResponse(Guid CommonsId, string Title, AgreementStatus Status, long Part, long Paid, long ReturnedToPool, long StillToPay);

/// <summary>The funders' follow-up dashboard (issue 15) and its payments export; the feature decides who sees what.</summary>
public static class FollowUpDashboardEndpoints
{
    public static RouteGroupBuilder MapFollowUpDashboardEndpoints(this RouteGroupBuilder api)
    {
        var call = api.MapGroup("/calls/{slug}").WithTags("Follow-up")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        call.MapGet("/follow-up", SummaryAsync)
            .WithName("GetFollowUpSummary")
            .WithSummary("Facilitators, funders and members: each funded commons after the vote (status, milestones done out of all, paid against awarded, returned to the pool, next and late milestones); for facilitators every funder's and for a funder its own part of each commons, paid and returned.")
            .Produces<FollowUpSummaryResponse>();
        call.MapGet("/exports/payments.csv", PaymentsCsvAsync)
            .WithName("ExportPaymentsCsv")
            .WithSummary("Facilitators and funders: every tranche paid as CSV, oldest first (date, commons id and name, lead holder id and name, tranche and milestone, amount, ledger entry number).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return api;
    }

    private static async Task<IResult> SummaryAsync(string slug, Actor actor, FollowUpDashboard dashboard, CancellationToken ct) =>
        (await dashboard.SummaryAsync(actor, slug, ct)).ToApiResult(v => TypedResults.Ok(ToResponse(v)));

    private static async Task<IResult> PaymentsCsvAsync(string slug, Actor actor, FollowUpExports exports, CancellationToken ct) =>
        (await exports.PaymentsAsync(actor, slug, ct)).ToApiResult(file => TypedResults.File(file.Content, Csv.ContentType, file.FileName));

    private static FollowUpSummaryResponse ToResponse(FollowUpSummary v) => new(
        v.Slug, v.Title, v.Currency, v.Award, v.Paid, v.ReturnedToPool, v.Remaining, v.LateMilestones, v.Commons,
        [.. v.Funders.Select(f => new FunderFollowUpResponse(
            f.Funder, f.Pledged, f.MatchingPledged, f.Part, f.Paid, f.ReturnedToPool, f.Unspent,
            [.. f.Commons.Select(c => new FunderCommonsPartResponse(c.CommonsId, c.Title, c.Status, c.Part, c.Paid, c.ReturnedToPool, c.StillToPay))]))],
        v.AsOf);
}
