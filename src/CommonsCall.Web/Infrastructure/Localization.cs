using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Infrastructure;

public static class Localization
{
    public const string DefaultCulture = "fr";

    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddSingleton<JsonStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(sp => sp.GetRequiredService<JsonStringLocalizerFactory>());
        services.AddSingleton(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = JsonStringLocalizerFactory.SupportedCultures;
            o.SupportedUICultures = JsonStringLocalizerFactory.SupportedCultures;

            // Pages: the header switch writes the cookie; browsers' Accept-Language is not consulted: French first.
            // The API: what the caller asks for (a link's ?culture=, then Accept-Language), then the cookie.
            o.RequestCultureProviders = [new ApiRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>GET /culture?culture=en&amp;redirectUri=/calls: remembers the language in a cookie for a year.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (string? culture, string? redirectUri, HttpContext http, IHostEnvironment environment) =>
        {
            var chosen = JsonStringLocalizerFactory.SupportedCultures.FirstOrDefault(c => c.Name == culture) ?? new CultureInfo(DefaultCulture);
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false,
                    Secure = CookieSecurity.IsSecure(environment, http.Request),
                });
            return Results.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "/");
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The language an API request asks for: <c>?culture=</c> (the pages' export links carry the page's language) or
    /// its <c>Accept-Language</c> header; an unsupported one falls through to the cookie, then French.
    /// </summary>
    private sealed class ApiRequestCultureProvider : RequestCultureProvider
    {
        private readonly QueryStringRequestCultureProvider _query = new();
        private readonly AcceptLanguageHeaderRequestCultureProvider _header = new();

        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            if (!httpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            _query.Options = _header.Options = Options;
            return await _query.DetermineProviderCultureResult(httpContext) is { } asked && IsSupported(asked)
                ? asked
                : await _header.DetermineProviderCultureResult(httpContext);
        }

        private static bool IsSupported(ProviderCultureResult result) =>
            result.UICultures.Any(c => JsonStringLocalizerFactory.SupportedCultures.Any(s => string.Equals(s.Name, c.Value, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
