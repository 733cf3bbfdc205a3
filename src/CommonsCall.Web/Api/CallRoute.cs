using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Calls;

namespace CommonsCall.Web.Api;

/// <summary>
/// How an endpoint under <c>/calls/{slug}</c> addresses its call: the slug is resolved here, once, to the call the
/// caller may see (404 when there is none), and the feature's command then carries the call's id. Services never
/// take a slug to change something.
/// </summary>
public static class CallRoute
{
    public const string UnknownCall = "No call with this slug is visible to you.";

    /// <summary>The call the slug names, as the caller may see it, handed to <paramref name="then"/>; 404 when there is none.</summary>
    public static async Task<IResult> InCallAsync(string slug, Actor actor, CallQueries calls, Func<ReadableCall, Task<IResult>> then, CancellationToken ct) =>
        await calls.ReadableAsync(slug, actor, ct) is { } call ? await then(call) : ApiResults.NotFound(UnknownCall);

    /// <summary>Runs a change in the call behind the slug, given the call's id: 204 or the refusal, 404 when the caller may not see the call.</summary>
    public static Task<IResult> ChangeInCallAsync(string slug, Actor actor, CallQueries calls, Func<Guid, Task<Result>> change, CancellationToken ct) =>
        InCallAsync(slug, actor, calls, async call => (await change(call.Call.Id)).ToApiResult(), ct);
}
