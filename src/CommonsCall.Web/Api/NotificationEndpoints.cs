using CommonsCall.Web.Features.Notifications;

namespace CommonsCall.Web.Api;

public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me").WithTags("Notifications").RequireAuthorization();
        mine.MapGet("/notifications", ListAsync)
            .WithName("ListNotifications")
            .WithSummary($"The caller's notifications, newest first (at most {NotificationCentre.PageSize}), and how many are unread in all.")
            .Produces<NotificationList>();
        mine.MapPost("/notifications/{id:guid}/read", MarkReadAsync)
            .WithName("MarkNotificationRead")
            .WithSummary("Marks one of the caller's notifications read (again: no change). Another person's notification is unknown: 404.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status404NotFound);
        mine.MapPost("/notifications/read-all", MarkAllReadAsync)
            .WithName("MarkAllNotificationsRead")
            .WithSummary("Marks every notification of the caller read.")
            .Produces(StatusCodes.Status204NoContent);
        mine.MapGet("/notification-preferences", PreferencesAsync)
            .WithName("GetNotificationPreferences")
            .WithSummary("The caller's notification settings: language (fr, en), digestHour (0-23, Europe/Paris), and per type Immediately, DailyDigest or Off.")
            .Produces<NotificationPreferences>();
        mine.MapPut("/notification-preferences", SavePreferencesAsync)
            .WithName("SaveNotificationPreferences")
            .WithSummary("Saves the caller's notification settings; types left out of the list keep their choice. Every notification still appears in the list: Off only stops the mail.")
            .Produces<NotificationPreferences>()
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>
    /// RFC 8058 one-click unsubscribe, outside the API: a mail client POSTs <c>List-Unsubscribe=One-Click</c> to the
    /// signed address of the mail's <c>List-Unsubscribe</c> header, with no cookie; the GET of the same address (the
    /// mail's footer link) is the confirmation page, <c>Components/Pages/Notifications/Unsubscribe.razor</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapUnsubscribeEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(UnsubscribeTokens.Path, OneClickAsync).DisableAntiforgery().ExcludeFromDescription().WithOrder(-1);
        return app;
    }

    private static async Task<IResult> OneClickAsync(string? token, HttpRequest request, NotificationCentre centre, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        if (form is null || form["List-Unsubscribe"].ToString() != "One-Click")
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, Domain.Common.ErrorCodes.Validation, "Send List-Unsubscribe=One-Click (RFC 8058), or open this address to confirm.");
        }

        var done = await centre.UnsubscribeAsync(token, ct);
        return done.IsSuccess ? TypedResults.Ok("Unsubscribed.") : done.Error!.ToProblem();
    }

    private static async Task<IResult> ListAsync(Actor actor, NotificationCentre centre, CancellationToken ct) =>
        (await centre.ListAsync(actor, ct)).ToApiResult(TypedResults.Ok);

    private static async Task<IResult> MarkReadAsync(Guid id, Actor actor, NotificationCentre centre, CancellationToken ct) =>
        (await centre.MarkReadAsync(actor, id, ct)).ToApiResult();

    private static async Task<IResult> MarkAllReadAsync(Actor actor, NotificationCentre centre, CancellationToken ct) =>
        (await centre.MarkAllReadAsync(actor, ct)).ToApiResult(_ => TypedResults.NoContent());

    private static async Task<IResult> PreferencesAsync(Actor actor, NotificationCentre centre, CancellationToken ct) =>
        (await centre.PreferencesAsync(actor, ct)).ToApiResult(TypedResults.Ok);

    private static async Task<IResult> SavePreferencesAsync(NotificationPreferences command, Actor actor, NotificationCentre centre, CancellationToken ct) =>
        (await centre.SavePreferencesAsync(actor, command, ct)).ToApiResult(TypedResults.Ok);
}
