using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CommonsCall.Web.Features.Mail;

/// <summary>
/// Absolute links for mails. <c>App:PublicBaseUrl</c> when set (set it in production); else, in Development only,
/// the current request's address; else the first address the server listens on. Outside Development the request's
/// Host header is never used: whoever asks for a password reset chooses it, and would receive the victim's link.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IHttpContextAccessor http, IServer server, IHostEnvironment environment)
{
    public const string BaseUrlKey = "App:PublicBaseUrl";

    public string Absolute(string pathAndQuery) => BaseUrl().TrimEnd('/') + "/" + pathAndQuery.TrimStart('/');

    private string BaseUrl()
    {
        if (configuration[BaseUrlKey] is { Length: > 0 } configured)
        {
            return configured;
        }

        if (environment.IsDevelopment() && http.HttpContext?.Request is { Host.HasValue: true } request)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return listening ?? "http://localhost:5000";
    }
}
