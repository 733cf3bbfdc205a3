using Bunit;
using CommonsCall.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Radzen;

namespace CommonsCall.Web.Tests.Components;

/// <summary>bunit with what our components need: Radzen services, the JSON localizer, an interactive server renderer.</summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
    {
        // The suite shares two cores with PostgreSQL and Chromium: give asynchronous renders time to land.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
        Services.AddSingleton<JsonStringLocalizerFactory>();
        Services.AddSingleton<IStringLocalizerFactory>(sp => sp.GetRequiredService<JsonStringLocalizerFactory>());
        Services.AddSingleton(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        UseCulture("fr");
    }

    protected static void UseCulture(string name)
    {
        var culture = new System.Globalization.CultureInfo(name);
        System.Globalization.CultureInfo.CurrentCulture = culture;
        System.Globalization.CultureInfo.CurrentUICulture = culture;
    }
}
