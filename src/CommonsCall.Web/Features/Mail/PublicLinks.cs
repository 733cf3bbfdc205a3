using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CommonsCall.Web.Features.Mail;

/// <summary>
/// Absolute links for mails. <c>App:PublicBaseUrl</c> when set (set it in production: a link built from a
/// request's Host header could be pointed elsewhere by whoever sends that request); else the current request's
/// address; else the first address the server listens on.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IHttpContextAccessor http, IServer server)
{
    public const string BaseUrlKey = "App:PublicBaseUrl";

    public string Absolute(string pathAndQuery) => BaseUrl().TrimEnd('/') + "/" + pathAndQuery.TrimStart('/');

    private string BaseUrl()
    {
        if (configuration[BaseUrlKey] is { Length: > 0 } configured)
        {
            return configured;
        }

        if (http.HttpContext?.Request is { Host.HasValue: true } request)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return listening ?? "http://localhost:5000";
    }
}
