using Bunit;
using CommonsCall.Web.Components.Pages.Design;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace CommonsCall.Web.Tests.Components;

/// <summary>The living style page is for developers: shown in Development only.</summary>
public sealed class DesignPageTests : ComponentTestContext
{
    private sealed class Environment(string name) : IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "CommonsCall.Web";
        public string WebRootPath { get; set; } = string.Empty;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = string.Empty;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    // bunit's own provider is sealed once the base class set the renderer up: the environment comes as a fallback.
    private void UseEnvironment(string name) =>
        Services.AddFallbackServiceProvider(new ServiceCollection().AddSingleton<IWebHostEnvironment>(new Environment(name)).BuildServiceProvider());

    [Fact]
    public void In_development_the_style_page_shows_every_shared_component()
    {
        UseEnvironment("Development");

        var cut = Render<DesignPage>();

        cut.Find("[data-testid=design]");
        cut.FindAll(".rz-button").Count.ShouldBeGreaterThanOrEqualTo(8);
        cut.Find("[data-testid=phase-stepper]");
        cut.FindAll("[role=progressbar]").Count.ShouldBe(2);
        cut.Find(".empty-state");
        cut.Find("nav.call-nav");
    }

    [Fact]
    public void Outside_development_the_style_page_is_not_found()
    {
        UseEnvironment("Production");

        var cut = Render<DesignPage>();

        cut.FindAll("[data-testid=design]").ShouldBeEmpty();
        cut.FindAll(".rz-button").ShouldBeEmpty();
    }
}
