namespace CommonsCall.Web.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>
    /// Conservative headers on every response. Blazor Server needs inline styles (Radzen) and a WebSocket to
    /// itself (named with its scheme and host: older browsers do not count ws: as 'self'); scripts come only from
    /// this origin.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                $"font-src 'self' data:; connect-src {ConnectSources(context.Request)}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            await next(context);
        });

    /// <summary>Our origin and its WebSocket twin; a host that is not a plain name or address gets 'self' only.</summary>
    private static string ConnectSources(HttpRequest request)
    {
        var host = request.Host;
        return host.HasValue && Uri.CheckHostName(host.Host) != UriHostNameType.Unknown
            ? $"'self' {(request.IsHttps ? "wss" : "ws")}://{host.ToUriComponent()}"
            : "'self'";
    }
}
