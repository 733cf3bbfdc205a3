using CommonsCall.Web.Features.Calls;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommonsCall.Web.Api;

public sealed record CallResponse(
    Guid Id,
    string Slug,
    string Title,
    string Summary,
    string Ecosystem,
    string Currency,
    CallPhase Phase,
    CallVisibility Visibility,
    CallRolesResponse You,
    IReadOnlyList<PlannedDate> PlannedDates,
    IReadOnlyList<GlossaryTermResponse> Glossary,
    IReadOnlyList<ScopeStatementResponse> Scope,
    IReadOnlyList<ParticipantView> Participants);

/// <summary>What the caller is in the call.</summary>
public sealed record CallRolesResponse(bool IsFacilitator, bool IsMember, bool IsFunder);

public sealed record GlossaryTermResponse(Guid Id, string Term, string Definition);

public sealed record ScopeStatementResponse(Guid Id, string Text, bool InScope);

public static class CallEndpoints
{
    public static RouteGroupBuilder MapCallEndpoints(this RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/calls").WithTags("Calls");
        calls.MapGet("", ListAsync)
            .WithName("ListCalls")
            .WithSummary("The calls the caller may see: public ones, plus the members-only calls they take part in.");
        calls.MapGet("/{slug}", GetAsync)
            .WithName("GetCall")
            .WithSummary("One call, with its glossary, scope and participants. 404 when it does not exist or the caller may not see it.")
            .Produces<CallResponse>()
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<CallSummary>>> ListAsync(Actor actor, CallQueries calls, CancellationToken ct) =>
        TypedResults.Ok(await calls.ListVisibleAsync(actor, ct));

    private static async Task<IResult> GetAsync(string slug, Actor actor, CallQueries calls, CancellationToken ct)
    {
        var detail = await calls.FindAsync(slug, actor, ct);
        if (detail is null)
        {
            return ApiResults.NotFound("No call with this slug is visible to you.");
        }

        var call = detail.Call;
        return TypedResults.Ok(new CallResponse(
            call.Id,
            call.Slug,
            call.Title,
            call.Summary,
            call.Ecosystem,
            call.Currency,
            call.Phase,
            call.Visibility,
            new CallRolesResponse(detail.Access.IsFacilitator, detail.Access.IsMember, detail.Access.IsFunder),
            [.. call.PlannedDates.Dates().Select(d => new PlannedDate(d.Phase, d.Date))],
            [.. call.Glossary.OrderBy(t => t.Term, StringComparer.CurrentCulture).Select(t => new GlossaryTermResponse(t.Id, t.Term, t.Definition))],
            [.. call.Scope.Select(s => new ScopeStatementResponse(s.Id, s.Text, s.InScope))],
            detail.Participants));
    }
}
