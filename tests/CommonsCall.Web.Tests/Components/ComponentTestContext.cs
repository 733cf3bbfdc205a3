using System.Security.Claims;
using Bunit;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
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

    /// <summary>
    /// The authentication state a page receives for <paramref name="user"/>, as the app's sign-in makes it: nobody for an
    /// anonymous actor, else the user's id and the platform's Facilitator role when the actor has it.
    /// </summary>
    protected static Task<AuthenticationState> StateOf(Actor user) => Task.FromResult(new AuthenticationState(user.UserId is null
        ? new ClaimsPrincipal(new ClaimsIdentity())
        : new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.UserId), .. user.IsFacilitator ? [new Claim(ClaimTypes.Role, Roles.Facilitator)] : Array.Empty<Claim>()], "test"))));

    protected static void UseCulture(string name)
    {
        var culture = new System.Globalization.CultureInfo(name);
        System.Globalization.CultureInfo.CurrentCulture = culture;
        System.Globalization.CultureInfo.CurrentUICulture = culture;
    }
}
