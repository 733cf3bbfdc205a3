using CommonsCall.Web.Features.Mail;
using Microsoft.AspNetCore.Mvc;

namespace CommonsCall.Web.Features.Calendars;

/// <summary>
/// The iCalendar feeds, outside <c>/api</c>: a calendar application subscribes to a plain <c>.ics</c> URL and sends
/// neither a cookie nor an Authorization header, so a feed that is not public carries its secret in the URL.
/// <list type="bullet">
/// <item><c>GET /calls/{slug}/calendar.ics</c>: one call; public calls to anyone, members-only calls with
/// <c>?token=</c> (the reader's personal feed secret) or the sign-in cookie of someone involved; else 404.</item>
/// <item><c>GET /calendar/{token}.ics</c>: every call of the token's owner; 404 once revoked or regenerated.</item>
/// </list>
/// <c>?lang=en|fr</c> chooses the language (a personal feed defaults to the language it was made in).
/// </summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calls/{slug}/calendar.ics", CallFeedAsync).ExcludeFromDescription();
        app.MapGet("/calendar/{token}.ics", PersonalFeedAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> CallFeedAsync(
        string slug, [FromQuery] string? token, [FromQuery] string? lang, HttpContext http,
        CalendarFeedService feeds, CalendarQueries queries, CalendarWriter writer, CancellationToken ct)
    {
        CalendarFeedOwner? owner = null;
        if (token is not null && (owner = await feeds.FindOwnerAsync(token, ct)) is null)
        {
            return Results.NotFound();
        }

        var actor = owner?.Actor ?? Actor.From(http.User);
        if (await queries.CallAsync(actor, slug, ct) is not { } calendar)
        {
            return Results.NotFound();
        }

        var language = lang ?? owner?.Language ?? MailComposer.CurrentLanguage;
        return Feed(http, writer.Write(calendar.Title, calendar.Entries, language), personal: actor.IsAuthenticated);
    }

    private static async Task<IResult> PersonalFeedAsync(
        string token, [FromQuery] string? lang, HttpContext http,
        CalendarFeedService feeds, CalendarQueries queries, CalendarWriter writer, CancellationToken ct)
    {
        if (await feeds.FindOwnerAsync(token, ct) is not { } owner)
        {
            return Results.NotFound();
        }

        var language = lang ?? owner.Language;
        var entries = await queries.PersonalAsync(owner.Actor.UserId!, ct);
        return Feed(http, writer.Write(writer.PersonalName(MailComposer.Language(language)), entries, language), personal: true);
    }

    /// <summary>A feed read with a secret or a cookie is no shared cache's business.</summary>
    private static IResult Feed(HttpContext http, string ics, bool personal)
    {
        http.Response.Headers.CacheControl = personal ? "private, no-store" : "public, max-age=300";
        return Results.Text(ics, CalendarWriter.ContentType);
    }
}
