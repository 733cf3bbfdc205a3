using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using CommonsCall.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>Sign-in attempts (form posts) allowed per client address in each window (<c>RateLimiting:SignIn</c>).</summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = "RateLimiting:SignIn";

    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Limits password guessing from one address (the lockout limits it per account, this across accounts) with
/// ASP.NET Core's rate limiter: the sign-in page opts in with <c>[EnableRateLimiting(Policy)]</c>; only its form
/// posts count. The address is the client's as the known proxy reports it (ForwardedHeaders).
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services.AddOptions<SignInRateLimitOptions>().BindConfiguration(SignInRateLimitOptions.Section);
        services.AddRateLimiter(o => o.AddPolicy<string, AttemptsPerAddress>(Policy));
        return services;
    }

    private sealed class AttemptsPerAddress(IOptions<SignInRateLimitOptions> options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RefuseAsync;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            HttpMethods.IsPost(httpContext.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "address:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.PermitLimit, Window = options.Value.Window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("page");

        /// <summary>429 with a short page in the visitor's language and a way back to the form.</summary>
        private async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken ct)
        {
            var http = context.HttpContext;
            var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var html = HtmlEncoder.Create(UnicodeRanges.All);
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.Window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(
                $"""
                <!DOCTYPE html>
                <html lang="{html.Encode(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)}">
                <head><meta charset="utf-8" /><title>{html.Encode(l["account.signin"])} - CommonsCall</title></head>
                <body><main><p role="alert" data-testid="sign-in-throttled">{html.Encode(l["account.signin.throttled"])}</p>
                <p><a href="/account/login">{html.Encode(l["account.signin"])}</a></p></main></body>
                </html>
                """,
                ct);
        }
    }
}
