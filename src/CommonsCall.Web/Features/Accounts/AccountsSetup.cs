using CommonsCall.Web.Data;
using CommonsCall.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommonsCall.Web.Features.Accounts;

public static class AccountsSetup
{
    public const int MaxFailedSignIns = 5;

    /// <summary>The default scheme: the bearer token when the request sends one, else the Identity cookie.</summary>
    public const string CookieOrBearerScheme = "CookieOrBearer";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        services.AddAuthentication(CookieOrBearerScheme)
            .AddPolicyScheme(CookieOrBearerScheme, null, o => o.ForwardDefaultSelector = context =>
                BearerTokenHandler.HasBearerToken(context.Request) ? BearerTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddAuthorization();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): passphrases are welcome.
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ReturnUrlParameter = "returnUrl";
            o.Cookie.Name = "CommonsCall.Auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;

            // Checked on every request, not every 30 minutes: signing out, a new password or "sign out everywhere"
            // change the stamp, and every copy of an older cookie stops working at once.
            o.Events.OnValidatePrincipal = RefuseOutdatedSecurityStampAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IHostEnvironment>((o, env) => o.Cookie.SecurePolicy = CookieSecurity.Policy(env));

        // Antiforgery refuses to work at all over plain HTTP with Always: its cookie is Secure whenever the request is HTTPS.
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddSingleton<PasswordSignIn.DecoyHash>();
        services.AddScoped<PasswordSignIn>();
        services.AddActionRateLimits();

        // Keys in PostgreSQL: sign-ins survive restarts and every instance reads the same key ring.
        services.AddDataProtection().SetApplicationName("CommonsCall");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IDbContextFactory<AppDbContext>>())));
        services.AddScoped<InvitationService>();
        services.AddSingleton<PersonalAccessTokenService>();
        services.AddSingleton<UserAdministrationService>();
        services.AddSingleton<DeviceFlowService>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Without a server-side session store, the security stamp is what a cookie is checked against: changing it
        // on sign-out is what makes a copied cookie useless afterwards (and ends the person's other browsers too).
        app.MapPost("/account/logout", async (HttpContext http, SignInManager<AppUser> signIn, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            await EndSessionsAsync(http, signIn);
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        }).ExcludeFromDescription();

        // Everything that lets anyone act as this person stops: every browser's session and every access token.
        // Nothing is bound from the form, so the antiforgery token is checked here rather than by the binder.
        app.MapPost("/account/logout-everywhere", async (HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn, PersonalAccessTokenService tokens) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await tokens.RevokeAllAsync(Actor.From(http.User), http.RequestAborted);
            await EndSessionsAsync(http, signIn);
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();
        return app;
    }

    private static async Task EndSessionsAsync(HttpContext http, SignInManager<AppUser> signIn)
    {
        if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }

    private static async Task RefuseOutdatedSecurityStampAsync(CookieValidatePrincipalContext context)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        if (context.Principal is null || await signIn.ValidateSecurityStampAsync(context.Principal) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
