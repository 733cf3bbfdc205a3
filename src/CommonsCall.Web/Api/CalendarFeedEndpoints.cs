using CommonsCall.Web.Features.Calendars;

namespace CommonsCall.Web.Api;

public static class CalendarFeedEndpoints
{
    public static RouteGroupBuilder MapCalendarFeedEndpoints(this RouteGroupBuilder api)
    {
        var feed = api.MapGroup("/me/calendar-feed").WithTags("Calendar").RequireAuthorization();
        feed.MapGet("", StatusAsync)
            .WithName("GetCalendarFeed")
            .WithSummary("Whether the caller has a personal calendar feed, since when, and when a calendar application last read it (never the secret URL).")
            .Produces<CalendarFeedStatus>();
        feed.MapPost("", RegenerateAsync)
            .WithName("RegenerateCalendarFeed")
            .WithSummary("Makes the caller's personal iCalendar feed, or remakes it with a new secret (the previous URL answers 404 at once). The URL (GET, no cookie or header needed: subscribe to it in a calendar application) is in this response only. Its entries are in `language` (fr or en).")
            .Produces<CreatedCalendarFeed>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        feed.MapDelete("", RevokeAsync)
            .WithName("RevokeCalendarFeed")
            .WithSummary("Revokes the caller's calendar feed: its URL answers 404 at once. Without a feed, nothing changes.")
            .Produces(StatusCodes.Status204NoContent);
        return api;
    }

    private static async Task<IResult> StatusAsync(Actor actor, CalendarFeedService feeds, CancellationToken ct) =>
        (await feeds.StatusAsync(actor, ct)).ToApiResult(TypedResults.Ok);

    private static async Task<IResult> RegenerateAsync(RegenerateCalendarFeed command, Actor actor, CalendarFeedService feeds, CancellationToken ct) =>
        (await feeds.RegenerateAsync(actor, command, ct)).ToApiResult(created => TypedResults.Created((string?)null, created));

    private static async Task<IResult> RevokeAsync(Actor actor, CalendarFeedService feeds, CancellationToken ct) =>
        (await feeds.RevokeAsync(actor, ct)).ToApiResult();
}
