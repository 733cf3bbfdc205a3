using CommonsCall.Web.Api;
using CommonsCall.Web.Components;
using CommonsCall.Web.Data;
using CommonsCall.Web.Features;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Calendars;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Features.Notifications;
using CommonsCall.Web.Features.Recognition;
using CommonsCall.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Radzen;

var builder = WebApplication.CreateBuilder(args);

// Package static assets (_content/Radzen.Blazor) are served from the NuGet cache outside Development too.
builder.WebHost.UseStaticWebAssets();
builder.AddAppLogging();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddKnownProxies(builder.Configuration);
builder.Services.AddAppDatabase();
builder.Services.AddAccounts();
builder.Services.AddAppLocalization();
builder.Services.AddValidators();
builder.Services.AddFeatures();
builder.Services.AddMail();
builder.Services.AddNotifications();
builder.Services.AddApi();
builder.Services.AddAppTelemetry(builder.Configuration);
builder.Services.AddRadzenComponents();
builder.Services.AddSingleton<RadzenTheme>();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

try
{
    await app.InitialiseDatabaseAsync();
}
catch (LocalPostgresUnavailableException ex)
{
    app.Logger.LogCritical("{Message}", ex.Message);
    return 1;
}

await DemoData.EnsureRolesAsync(app.Services);
var seeded = app.Configuration.GetValue("Demo:Seed", defaultValue: true) && await DemoData.SeedAsync(app.Services);

// First: every later step (HTTPS redirection of cookies, HSTS, the CSP's origin, rate limits per address) sees the client.
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseRequestLogging();
app.UseSecurityHeaders();
// Localisation first: the API's error pages speak the request's language too.
app.UseRequestLocalization();
app.UseApiErrors();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
RadzenTheme.Map(app);
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapCultureEndpoint();
app.MapAccountEndpoints();
app.MapApi();
app.MapUnsubscribeEndpoint();
app.MapCalendarFeeds();
app.MapBadges();
app.MapAppMetrics();
// Our security headers already forbid framing; Blazor would add a second, weaker CSP header.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, seeded));
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test hosts.</summary>
public partial class Program;
