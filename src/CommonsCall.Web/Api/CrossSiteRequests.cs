using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;

namespace CommonsCall.Web.Api;

/// <summary>
/// Cross-site request forgery on the API: a browser adds the sign-in cookie to any request to our host, even one a
/// page of another site (or of a sibling subdomain, or another port: SameSite=Lax does not see those as other
/// sites) makes it send. So a state-changing API request authenticated by the cookie must show that one of our own
/// pages sent it: <c>Sec-Fetch-Site: same-origin</c>, or, from a browser too old to send that, an <c>Origin</c> equal
/// to ours. A personal access token is never sent by a browser on its own, so bearer requests are not concerned.
/// </summary>
public static class CrossSiteRequests
{
    public static bool IsStateChanging(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));

    /// <summary>Whether the browser says one of our own pages sent the request (what it says cannot be forged by a page).</summary>
    public static bool ComesFromOurPages(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site == "same-origin";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && string.Equals(origin, $"{request.Scheme}://{request.Host.ToUriComponent()}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The API group's filter: a state-changing request signed in by the cookie and not sent by our pages is refused.</summary>
    public static async ValueTask<object?> RefuseForgedCookieRequests(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var byCookie = context.HttpContext.User.Identity?.IsAuthenticated == true && !BearerTokenHandler.HasBearerToken(request);
        return byCookie && IsStateChanging(request) && !ComesFromOurPages(request)
            ? ApiResults.Problem(StatusCodes.Status403Forbidden, ErrorCodes.CrossSiteRequest,
                "A change made with the sign-in cookie must come from CommonsCall's own pages; integrations send a personal access token (Authorization: Bearer <token>).")
            : await next(context);
    }
}
