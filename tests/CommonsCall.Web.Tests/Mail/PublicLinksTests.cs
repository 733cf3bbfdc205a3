using CommonsCall.Web.Features.Mail;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CommonsCall.Web.Tests.Mail;

/// <summary>
/// Links in mails (password reset, invitations) must not follow a Host header chosen by whoever asked for the mail:
/// a reset asked for with "Host: evil.example" would otherwise mail the victim a link to the attacker's site.
/// </summary>
public sealed class PublicLinksTests
{
    private static string LinkFor(string environment, string? configured)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(configured is null ? [] : [new(PublicLinks.BaseUrlKey, configured)])
            .Build();
        var request = new DefaultHttpContext();
        request.Request.Scheme = "https";
        request.Request.Host = new HostString("evil.example");
        var links = new PublicLinks(configuration, new HttpContextAccessor { HttpContext = request }, new ListeningServer(), new Environment(environment));
        return links.Absolute("/account/reset-password?token=secret");
    }

    [Fact]
    public void Outside_development_a_mail_link_never_follows_the_requests_host() =>
        LinkFor(Environments.Production, configured: null).ShouldBe("http://127.0.0.1:8080/account/reset-password?token=secret");

    [Fact]
    public void The_configured_public_address_is_used_whatever_the_request() =>
        LinkFor(Environments.Production, "https://communs.example.org").ShouldBe("https://communs.example.org/account/reset-password?token=secret");

    [Fact]
    public void In_development_without_configuration_the_link_follows_the_page_the_developer_uses() =>
        LinkFor(Environments.Development, configured: null).ShouldStartWith("https://evil.example/");

    private sealed class ListeningServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public ListeningServer()
        {
            var addresses = new ServerAddressesFeature();
            addresses.Addresses.Add("http://127.0.0.1:8080");
            Features.Set<IServerAddressesFeature>(addresses);
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "CommonsCall.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
