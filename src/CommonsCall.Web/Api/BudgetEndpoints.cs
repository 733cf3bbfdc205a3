using System.Text.Json.Serialization;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Commons;
using CommonsCall.Web.Features.Budgeting;
using CommonsCall.Web.Features.Calls;
using CommonsCall.Web.Features.Commons;
using Microsoft.AspNetCore.Mvc;

namespace CommonsCall.Web.Api;

// The API contract of the budget round: every amount is an integer in the call currency's minor unit.

/// <summary>The budget round as the caller may see it: totals are null and others' contributions absent where the visibility rule hides them.</summary>
public sealed record FundingResponse(
    Guid CallId,
    string Slug,
    string Title,
    string Currency,
    CallPhase Phase,
    bool RoundOpen,
    BudgetRulesResponse Rules,
    CallRolesResponse You,
    long Pool,
    long MatchingPool,
    long Granted,
    IReadOnlyList<MemberBudgetResponse> MyBudgets,
    IReadOnlyList<OrganisationResponse> MyFunderOrganisations,
    IReadOnlyList<CommonsFundingResponse> Commons);

public sealed record BudgetRulesResponse(
    DateTimeOffset? FundingOpensAt,
    DateTimeOffset? FundingClosesAt,
    int MaxShareOfBalancePerCommons,
    bool CoCreatorsMayFundOwnCommons,
    ContributionsVisibility ContributionsVisibility,
    bool AllowWithdrawal,
    MatchingMode MatchingMode,
    int MatchRatioPerMille,
    long MatchCapPerCommons,
    bool RedistributeQuadraticSurplus);

/// <summary>
/// A member organisation's money in the call: <see cref="Balance"/> is grants plus own funds, <see cref="Unspent"/> what
/// it has not given (balance minus contributed; the same word in every answer, during the round and after it);
/// <see cref="ShareCap"/> is the most it may give one commons.
/// </summary>
public sealed record MemberBudgetResponse(
    Guid OrganisationId, string OrganisationName, long Granted, long OwnFunds, long Contributed, long Balance, long Unspent, long ShareCap);

public sealed record OrganisationResponse(Guid Id, string Name);

/// <summary>A commons open to funding; <see cref="Total"/> is null while the visibility rule hides totals from the caller.</summary>
public sealed record CommonsFundingResponse(
    Guid Id,
    string Title,
    CommonsStatus Status,
    long MinimumGoal,
    long MaximumGoal,
    long? Total,
    long Released,
    long Match,
    bool YouAreCoCreator,
    IReadOnlyList<ContributionAmountResponse> Contributions);

public sealed record ContributionAmountResponse(Guid OrganisationId, string OrganisationName, long Amount);

/// <summary>Sets what member organisation <see cref="OrganisationId"/> gives the commons to this absolute amount (0 withdraws it).</summary>
public sealed record SetContributionRequest([property: JsonRequired] Guid OrganisationId, [property: JsonRequired] long Amount);

/// <summary>The accepted change; <see cref="Unspent"/> is what the member has left to give; <see cref="CommonsTotal"/> is null while the visibility rule hides totals from the caller.</summary>
public sealed record ContributionResponse(long Before, long After, bool Changed, long Unspent, long? CommonsTotal);

public sealed record PledgeRequest([property: JsonRequired] Guid FunderOrganisationId, [property: JsonRequired] long Amount, bool IsMatching = false);

/// <summary>The pool the pledge went to (the matching pool when <see cref="IsMatching"/>), with the pledge in it.</summary>
public sealed record PledgeResponse(long Amount, bool IsMatching, long PoolTotal);

public sealed record SetOwnFundsRequest([property: JsonRequired] long Amount);

public sealed record OwnFundsResponse(Guid OrganisationId, long OwnFunds);

/// <summary>
/// All the rules at once (unset dates leave that side of the funding window open). Matching is quadratic unless said
/// otherwise; proportional matching takes k in thousandths (<see cref="MatchRatioPerMille"/>, 1000 = each unit given
/// matched by one more, at most 100 000) and a cap per commons in minor units (unset: no cap beyond the pool).
/// </summary>
public sealed record SetBudgetRulesRequest(
    [property: JsonRequired] int MaxShareOfBalancePerCommons,
    [property: JsonRequired] bool CoCreatorsMayFundOwnCommons,
    [property: JsonRequired] ContributionsVisibility ContributionsVisibility,
    [property: JsonRequired] bool AllowWithdrawal,
    DateTimeOffset? FundingOpensAt = null,
    DateTimeOffset? FundingClosesAt = null,
    MatchingMode MatchingMode = MatchingMode.Quadratic,
    int MatchRatioPerMille = ProportionalMatching.PerMille,
    long MatchCapPerCommons = Amounts.Maximum,
    bool RedistributeQuadraticSurplus = false);

public sealed record GrantLineRequest([property: JsonRequired] Guid OrganisationId, [property: JsonRequired] long Amount);

/// <summary>
/// A distribution as checked: per line, the error code that refuses it (null when fine); overall, the pool, the
/// granted total it would lead to and the error that refuses it as a whole. It applies only when <see cref="CanApply"/>.
/// </summary>
public sealed record GrantPreviewResponse(IReadOnlyList<GrantPreviewLineResponse> Lines, long Pool, long TotalAfter, string? ErrorCode, bool CanApply);

public sealed record GrantPreviewLineResponse(int Line, string Organisation, Guid? OrganisationId, long? Amount, long? Current, string? ErrorCode);

public sealed record MovePhaseRequest([property: JsonRequired] CallPhase Phase);

public sealed record SendBackRequest(string? Comment = null);

public sealed record CommonsReviewResponse(Guid Id, string Title, CommonsStatus Status, long MinimumGoal, long MaximumGoal, string ProposedBy, string? ReviewComment);

/// <summary>The settled round: each commons' outcome, the matching pool and what every member did not spend (every member, zero included).</summary>
public sealed record SettlementResponse(
    IReadOnlyList<CommonsOutcomeResponse> Commons, long MatchingPool, long Matched, long UnmatchedPool, IReadOnlyList<UnspentBalanceResponse> Unspent, MatchingMode MatchingMode);

/// <summary>
/// <see cref="Total"/> is what the commons keeps of its contributions (0 when not funded: they were <see cref="Released"/>
/// to the members), as in <c>/results</c> and <c>/funding</c>; <see cref="Awarded"/> is the total plus the match when funded.
/// </summary>
public sealed record CommonsOutcomeResponse(Guid CommonsId, bool Funded, long Total, long Released, long Match, long Awarded);

public sealed record UnspentBalanceResponse(Guid OrganisationId, string OrganisationName, long Balance, long Contributed, long Unspent);

/// <summary>
/// A ledger movement: <see cref="Id"/> is global, <see cref="Number"/> its place in the call's ledger as the caller sees it
/// (1 for the first); the organisation and the commons concerned by their ids (what an integration joins on) and their names.
/// </summary>
public sealed record LedgerLineResponse(
    long Id, long Number, LedgerEntryKind Kind, long Amount, long Before, long After, string? Actor,
    Guid? OrganisationId, string? Organisation, Guid? CommonsId, string? Commons, DateTimeOffset At,
    MatchingMode? MatchingMode);

/// <summary>
/// The budget round of a call (DESIGN.md "Budget rules"): each endpoint resolves the call's slug as the caller
/// may see it (404 otherwise) and hands the rest to the feature service, which checks every permission and rule.
/// </summary>
public static class BudgetEndpoints
{
    public static RouteGroupBuilder MapBudgetEndpoints(this RouteGroupBuilder api)
    {
        var call = api.MapGroup("/calls/{slug}").WithTags("Budget round").ProducesProblems(StatusCodes.Status404NotFound);
        call.MapGet("/funding", FundingAsync)
            .WithName("GetFunding")
            .WithSummary("The budget round as the caller sees it: pool, rules, the caller's budgets and every commons open to funding. Totals and other organisations' contributions follow the call's visibility rule.")
            .Produces<FundingResponse>();

        // Everything else needs a signed-in caller; the services then check which role each action needs.
        var signedIn = call.MapGroup("").RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        signedIn.MapPut("/contributions/{commonsId:guid}", SetContributionAsync)
            .WithName("SetContribution")
            .WithSummary("Sets what a member organisation the caller represents gives this commons, as an absolute amount (0 withdraws). Setting the current amount again changes nothing (changed: false).")
            .Produces<ContributionResponse>()
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        signedIn.MapPost("/pledges", PledgeAsync)
            .WithName("Pledge")
            .WithSummary("A funder the caller represents pledges an amount to the pool, or to the matching pool.")
            .Produces<PledgeResponse>(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        signedIn.MapPut("/own-funds/{organisationId:guid}", SetOwnFundsAsync)
            .WithName("SetOwnFunds")
            .WithSummary("Sets the own funds a member organisation the caller represents adds to its balance (never below what it already gives).")
            .Produces<OwnFundsResponse>()
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        signedIn.MapPut("/budget-rules", SetBudgetRulesAsync)
            .WithName("SetBudgetRules")
            .WithSummary("Facilitators: sets the budget rules. They lock when Budgeting opens, except the closing date.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        signedIn.MapPost("/grants/equal-split", DistributeEquallyAsync)
            .WithName("SplitPoolEqually")
            .WithSummary("Facilitators: grants the pool in equal shares to the joined members (the remainder stays in the pool).")
            .Produces<GrantPreviewResponse>()
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        signedIn.MapPost("/grants/preview", PreviewGrantsAsync)
            .WithName("PreviewGrants")
            .WithSummary("Facilitators: checks a distribution line by line without applying anything.")
            .Produces<GrantPreviewResponse>();
        signedIn.MapPut("/grants", SetGrantsAsync)
            .WithName("SetGrants")
            .WithSummary("Facilitators: sets the grants of the listed members (the others keep theirs), all or nothing.")
            .Produces<GrantPreviewResponse>()
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        signedIn.MapPost("/phase", MovePhaseAsync)
            .WithName("MovePhase")
            .WithSummary("Facilitators: moves the call to the next phase when its preconditions hold. Results is reached by closing the round.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        signedIn.MapGet("/commons/for-review", ListForReviewAsync)
            .WithName("ListCommonsForReview")
            .WithSummary("Facilitators: every commons of the call with its review status, proposed ones included.")
            .Produces<IReadOnlyList<CommonsReviewResponse>>();
        signedIn.MapPost("/commons/{commonsId:guid}/approval", ApproveAsync)
            .WithName("ApproveCommons")
            .WithSummary("Facilitators: approves a commons for funding, before the round opens.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        signedIn.MapPost("/commons/{commonsId:guid}/send-back", SendBackAsync)
            .WithName("SendBackCommons")
            .WithSummary("Facilitators: sends a commons back to its proposers with a comment, before the round opens.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        signedIn.MapPost("/close", CloseAsync)
            .WithName("CloseRound")
            .WithSummary("Facilitators: closes and settles the round once (funded / not funded, matching pool) and moves the call to Results.")
            .Produces<SettlementResponse>()
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        signedIn.MapGet("/budgets", MemberBudgetsAsync)
            .WithName("ListMemberBudgets")
            .WithSummary("Facilitators and funders: every member organisation's budget.")
            .Produces<IReadOnlyList<MemberBudgetResponse>>();
        signedIn.MapGet("/ledger", LedgerAsync)
            .WithName("GetLedger")
            .WithSummary("Facilitators and funders: every money movement of the call, newest first.")
            .Produces<IReadOnlyList<LedgerLineResponse>>();
        return api;
    }

    private static async Task<IResult> FundingAsync(string slug, Actor actor, BudgetQueries budget, CancellationToken ct) =>
        await budget.FundingAsync(actor, slug, ct) is { } view
            ? TypedResults.Ok(ToResponse(view))
            : ApiResults.NotFound(CallRoute.UnknownCall);

    private static Task<IResult> SetContributionAsync(
        string slug, Guid commonsId, SetContributionRequest body, Actor actor, CallQueries calls, ContributionService contributions, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            (await contributions.SetAsync(actor, new SetContribution(call.Call.Id, commonsId, body.OrganisationId, body.Amount), ct))
                .ToApiResult(r => TypedResults.Ok(new ContributionResponse(r.Before, r.After, r.Changed, r.MemberAvailable, r.CommonsTotalSeenBy(call.Access, call.Call)))), ct);

    private static Task<IResult> PledgeAsync(string slug, PledgeRequest body, Actor actor, CallQueries calls, FundsService funds, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            (await funds.PledgeAsync(actor, new MakePledge(call.Call.Id, body.FunderOrganisationId, body.Amount, body.IsMatching), ct))
                .ToApiResult(pool => TypedResults.Created((string?)null, new PledgeResponse(body.Amount, body.IsMatching, pool))), ct);

    private static Task<IResult> SetOwnFundsAsync(
        string slug, Guid organisationId, SetOwnFundsRequest body, Actor actor, CallQueries calls, FundsService funds, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            (await funds.SetOwnFundsAsync(actor, new SetOwnFunds(call.Call.Id, organisationId, body.Amount), ct))
                .ToApiResult(ownFunds => TypedResults.Ok(new OwnFundsResponse(organisationId, ownFunds))), ct);

    private static Task<IResult> SetBudgetRulesAsync(
        string slug, SetBudgetRulesRequest body, Actor actor, CallQueries calls, BudgetRulesService rules, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
        {
            var requested = new BudgetRules
            {
                FundingOpensAt = body.FundingOpensAt,
                FundingClosesAt = body.FundingClosesAt,
                MaxShareOfBalancePerCommons = body.MaxShareOfBalancePerCommons,
                CoCreatorsMayFundOwnCommons = body.CoCreatorsMayFundOwnCommons,
                ContributionsVisibility = body.ContributionsVisibility,
                AllowWithdrawal = body.AllowWithdrawal,
                MatchingMode = body.MatchingMode,
                MatchRatioPerMille = body.MatchRatioPerMille,
                MatchCapPerCommons = body.MatchCapPerCommons,
                RedistributeQuadraticSurplus = body.RedistributeQuadraticSurplus,
            };
            return (await rules.SetAsync(actor, new SetBudgetRules(call.Call.Id, requested), ct)).ToApiResult();
        }, ct);

    private static Task<IResult> DistributeEquallyAsync(string slug, Actor actor, CallQueries calls, FundsService funds, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await funds.DistributeEquallyAsync(actor, new DistributeGrantsEqually(call.Call.Id), ct)).ToApiResult(preview => TypedResults.Ok(ToResponse(preview))), ct);

    private static async Task<IResult> PreviewGrantsAsync(
        string slug, [FromBody] GrantLineRequest[] lines, Actor actor, CallQueries calls, FundsService funds, CancellationToken ct) =>
        InvalidLines(lines) ?? await CallRoute.InCallAsync(slug, actor, calls, async call =>
            (await funds.PreviewGrantsAsync(actor, new SetGrants(call.Call.Id, ToGrantLines(lines)), ct)).ToApiResult(preview => TypedResults.Ok(ToResponse(preview))), ct);

    private static async Task<IResult> SetGrantsAsync(
        string slug, [FromBody] GrantLineRequest[] lines, Actor actor, CallQueries calls, FundsService funds, CancellationToken ct) =>
        InvalidLines(lines) ?? await CallRoute.InCallAsync(slug, actor, calls, async call =>
            (await funds.SetGrantsAsync(actor, new SetGrants(call.Call.Id, ToGrantLines(lines)), ct)).ToApiResult(preview => TypedResults.Ok(ToResponse(preview))), ct);

    private static Task<IResult> MovePhaseAsync(string slug, MovePhaseRequest body, Actor actor, CallQueries calls, CallPhaseService phases, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => phases.MoveAsync(actor, new MovePhase(callId, body.Phase), ct), ct);

    private static Task<IResult> ListForReviewAsync(string slug, Actor actor, CallQueries calls, CommonsReviewService reviews, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            await reviews.ListForReviewAsync(actor, call.Call.Id, ct) is { } commons
                ? TypedResults.Ok(commons.Select(c => new CommonsReviewResponse(c.Id, c.Title, c.Status, c.MinimumGoal, c.MaximumGoal, c.ProposedBy, c.ReviewComment)).ToList())
                : CommonsReviewService.OnlyFacilitatorsReview.ToProblem(), ct);

    private static Task<IResult> ApproveAsync(string slug, Guid commonsId, Actor actor, CallQueries calls, CommonsReviewService reviews, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => reviews.ApproveAsync(actor, new ApproveCommons(callId, commonsId), ct), ct);

    private static Task<IResult> SendBackAsync(
        string slug, Guid commonsId, SendBackRequest body, Actor actor, CallQueries calls, CommonsReviewService reviews, CancellationToken ct) =>
        CallRoute.ChangeInCallAsync(slug, actor, calls, callId => reviews.SendBackAsync(actor, new SendBackCommons(callId, commonsId, body.Comment ?? string.Empty), ct), ct);

    private static Task<IResult> CloseAsync(string slug, Actor actor, CallQueries calls, RoundService round, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call => (await round.CloseAndReportAsync(actor, new CloseRound(call.Call.Id), ct)).ToApiResult(closed => TypedResults.Ok(new SettlementResponse(
            [.. closed.Settlement.Commons.Select(c => new CommonsOutcomeResponse(c.CommonsId, c.Funded, c.Total, c.Released, c.Match, c.Awarded))],
            closed.Settlement.MatchingPool,
            closed.Settlement.Matched,
            closed.Settlement.UnmatchedPool,
            [.. closed.Budgets.Select(b => new UnspentBalanceResponse(b.OrganisationId, b.OrganisationName, b.Balance, b.Contributed, b.Available))],
            closed.Settlement.Mode))), ct);

    private static Task<IResult> MemberBudgetsAsync(string slug, Actor actor, CallQueries calls, BudgetQueries budget, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            await budget.MemberBudgetsAsync(actor, call.Call.Id, ct) is { } budgets
                ? TypedResults.Ok(budgets.Select(ToResponse).ToList())
                : BudgetQueries.OnlyFacilitatorsAndFundersSeeBudgets.ToProblem(), ct);

    private static Task<IResult> LedgerAsync(string slug, Actor actor, CallQueries calls, BudgetQueries budget, CancellationToken ct) =>
        CallRoute.InCallAsync(slug, actor, calls, async call =>
            await budget.LedgerAsync(actor, call.Call.Id, ct) is { } ledger
                ? TypedResults.Ok(ledger.Select(l => new LedgerLineResponse(l.Id, l.Number, l.Kind, l.Amount, l.Before, l.After, l.Actor, l.OrganisationId, l.Organisation, l.CommonsId, l.Commons, l.At, l.MatchingMode)).ToList())
                : BudgetQueries.OnlyFacilitatorsAndFundersReadTheLedger.ToProblem(), ct);

    /// <summary>A JSON <c>null</c> in the list is not a line: refused like any other unreadable body.</summary>
    private static IResult? InvalidLines(GrantLineRequest[] lines)
    {
        var nulls = lines.Select((line, i) => (line, i)).Where(x => x.line is null).Select(x => $"body[{x.i}]").ToList();
        return nulls.Count == 0
            ? null
            : ApiResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.Validation, "Every line needs an organisationId and an amount.",
                nulls.ToDictionary(field => field, _ => new[] { "A line cannot be null." }));
    }

    private static List<GrantLine> ToGrantLines(GrantLineRequest[] lines) => [.. lines.Select(l => new GrantLine(l.OrganisationId, l.Amount))];

    private static FundingResponse ToResponse(FundingView view) => new(
        view.CallId,
        view.Slug,
        view.Title,
        view.Currency,
        view.Phase,
        view.RoundOpen,
        new BudgetRulesResponse(
            view.Rules.FundingOpensAt,
            view.Rules.FundingClosesAt,
            view.Rules.MaxShareOfBalancePerCommons,
            view.Rules.CoCreatorsMayFundOwnCommons,
            view.Rules.ContributionsVisibility,
            view.Rules.AllowWithdrawal,
            view.Rules.MatchingMode,
            view.Rules.MatchRatioPerMille,
            view.Rules.MatchCapPerCommons,
            view.Rules.RedistributeQuadraticSurplus),
        new CallRolesResponse(view.Access.IsFacilitator, view.Access.IsMember, view.Access.IsFunder),
        view.Pool,
        view.MatchingPool,
        view.Granted,
        [.. view.MyBudgets.Select(ToResponse)],
        [.. view.MyFunderOrganisations.Select(o => new OrganisationResponse(o.Id, o.Name))],
        [.. view.Commons.Select(c => new CommonsFundingResponse(
            c.Id, c.Title, c.Status, c.MinimumGoal, c.MaximumGoal, c.Total, c.Released, c.Match, c.ViewerIsCoCreator,
            [.. c.Contributions.Select(x => new ContributionAmountResponse(x.OrganisationId, x.OrganisationName, x.Amount))]))]);

    private static MemberBudgetResponse ToResponse(MemberBudgetView b) =>
        new(b.OrganisationId, b.OrganisationName, b.Granted, b.OwnFunds, b.Contributed, b.Balance, b.Available, b.ShareCap);

    private static GrantPreviewResponse ToResponse(GrantPreview preview) => new(
        [.. preview.Lines.Select(l => new GrantPreviewLineResponse(l.Line, l.Organisation, l.OrganisationId, l.Amount, l.Current, l.ErrorCode))],
        preview.Pool,
        preview.TotalAfter,
        preview.ErrorCode,
        preview.CanApply);
}
