using System.Text.Json.Nodes;
using CommonsCall.Domain.Recognition;

namespace CommonsCall.Web.Features.Recognition;

/// <summary>
/// The Open Badges 2.0 documents at their stable addresses, public (hosted verification reads them without signing
/// in) and outside the API's description: their shape is the Open Badges specification's, not ours.
/// </summary>
public static class BadgeEndpoints
{
    public const string ContentType = "application/ld+json";

    public static IEndpointRouteBuilder MapBadges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/badges/issuer.json", (BadgeQueries badges) => Json(badges.Issuer())).ExcludeFromDescription();
        app.MapGet("/badges/revocations.json", async (BadgeQueries badges, CancellationToken ct) => Json(await badges.RevocationsAsync(ct))).ExcludeFromDescription();
        app.MapGet("/badges/classes/{kind}.json", (string kind, BadgeQueries badges) =>
            Enum.TryParse<BadgeKind>(kind, out var k) && Enum.IsDefined(k) ? Json(badges.Class(k)) : Results.NotFound()).ExcludeFromDescription();
        app.MapGet("/badges/classes/{kind}.svg", (string kind, BadgeQueries badges) =>
            Enum.TryParse<BadgeKind>(kind, out var k) && Enum.IsDefined(k) ? Results.Text(BadgeImage.Svg(k, badges.Text(k).Name), "image/svg+xml") : Results.NotFound()).ExcludeFromDescription();
        app.MapGet("/badges/{id:guid}.json", async (Guid id, BadgeQueries badges, CancellationToken ct) =>
            await badges.AssertionAsync(id, ct) is { } assertion
                ? Json(assertion, assertion["revoked"] is not null ? StatusCodes.Status410Gone : StatusCodes.Status200OK)
                : Results.NotFound()).ExcludeFromDescription();
        return app;
    }

    private static IResult Json(JsonObject document, int status = StatusCodes.Status200OK) =>
        Results.Text(document.ToJsonString(), ContentType, System.Text.Encoding.UTF8, status);
}

/// <summary>A square SVG per badge kind: a medal of the theme's colours with the badge's name as its title.</summary>
public static class BadgeImage
{
    public static string Svg(BadgeKind kind, string name)
    {
        var (fill, mark) = kind switch
        {
            BadgeKind.FundedCommonsHolder => ("#2f6b4f", "€"),
            BadgeKind.DeliveredCommonsContributor => ("#3d7a8a", "✓"),
            BadgeKind.ChallengeResourcePerson => ("#b7791f", "?"),
            BadgeKind.Evaluator => ("#6b4f8a", "★"),
            _ => ("#8a4f2f", "1"),
        };
        var title = System.Net.WebUtility.HtmlEncode(name);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-label="{title}">
              <title>{title}</title>
              <circle cx="128" cy="128" r="120" fill="{fill}"/>
              <circle cx="128" cy="128" r="96" fill="none" stroke="#ffffff" stroke-width="6"/>
              <text x="128" y="160" font-family="sans-serif" font-size="96" text-anchor="middle" fill="#ffffff">{mark}</text>
            </svg>
            """;
    }
}
