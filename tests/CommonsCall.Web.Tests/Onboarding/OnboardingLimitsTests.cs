using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Onboarding;
using CommonsCall.Web.Tests.Api;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Security;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Onboarding;

/// <summary>
/// What a facilitator notices when mail does not get through (bounced, then resent) and when a limit is hit: a 429
/// problem with its code in the API, a sentence on the page, and nothing changed.
/// </summary>
public sealed partial class OnboardingLimitsTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_mail_the_server_never_takes_shows_as_bounced_with_its_reason_and_can_be_resent()
    {
        await WithAppAsync(new MailApp(ClosedPort(), settings: new Dictionary<string, string> { ["Mail:MaxAttempts"] = "1" }), async app =>
        {
            var (call, facilitator) = await ArrangeAsync(app);
            var onboarding = app.Services.GetRequiredService<OnboardingService>();
            await onboarding.ApplyAsync(facilitator, new ImportOrganisations("nom;emails\nRebond;rebond@nulle-part.example") { CallId = call.Id });

            var watch = Stopwatch.StartNew();
            OnboardingStatusRow row;
            do
            {
                await Task.Delay(200);
                row = (await onboarding.StatusAsync(facilitator, call.Id)).Value!.Single();
            }
            while (row.Status != OnboardingStatus.Bounced && watch.Elapsed < Generous);

            row.Status.ShouldBe(OnboardingStatus.Bounced);
            row.Reason.ShouldNotBeNullOrEmpty();
            row.CanResend.ShouldBeTrue();

            app.Clock.Advance(TimeSpan.FromMinutes(5));
            (await onboarding.ResendAsync(facilitator, new ResendInvitation(call.Id, row.Id))).IsSuccess.ShouldBeTrue();

            // A new mail is queued (the server is still down, so it may bounce again: the list then says so again).
            (await onboarding.StatusAsync(facilitator, call.Id)).Value!.Single().SentAt.ShouldBe(app.Clock.GetUtcNow());
            await using var db = await app.DbAsync();
            (await db.OutboxMessages.CountAsync(m => m.To == "rebond@nulle-part.example")).ShouldBe(2);
        });
    }

    [Fact]
    public async Task Invitations_beyond_the_inviters_limit_are_refused_with_429_and_nothing_changes()
    {
        await WithAppAsync(new MailApp(null, settings: new Dictionary<string, string> { ["RateLimiting:Invitations:PermitLimit"] = "3" }), async app =>
        {
            var (call, facilitator) = await ArrangeAsync(app);
            var api = await ApiClient.ForAsync(app, facilitator);
            var url = $"/api/v1/calls/{call.Slug}/onboarding/import";

            var before = await DatabaseSnapshot.TakeAsync(app.ConnectionString);
            var tooMany = await api.PostAsJsonAsync(url, new { csv = "nom;emails\nQuatre;\"a@q.example b@q.example c@q.example d@q.example\"" });
            var problem = await tooMany.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
            tooMany.Headers.RetryAfter.ShouldBeNull("four invitations at once never fit a limit of three: no time makes it pass");
            // The detail is the code's sentence in the caller's language (French without Accept-Language).
            problem.GetProperty("detail").GetString()!.ShouldContain("Trop de demandes");
            DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(app.ConnectionString)).ShouldBeEmpty();

            (await api.PostAsJsonAsync(url, new { csv = "nom;emails\nTrois;\"a@t.example b@t.example c@t.example\"" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            var statuses = await (await api.GetAsync($"/api/v1/calls/{call.Slug}/onboarding/invitations")).ShouldBeOkAsync();
            var first = statuses[0].GetProperty("id").GetGuid();
            var resend = await api.PostAsync($"/api/v1/calls/{call.Slug}/onboarding/invitations/{first}/resend", null);
            await resend.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
            // The hour's window ends within the hour: the caller is told when to try again.
            resend.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

            // A single invitation from the administration page counts towards the same limit.
            await using var scope = app.Services.CreateAsyncScope();
            var single = await scope.ServiceProvider.GetRequiredService<InvitationService>().CreateAsync(facilitator, new CreateInvitation("cinq@t.example", null, null));
            single.Error!.Code.ShouldBe(ErrorCodes.RateLimited);
        });
    }

    [Fact]
    public async Task Forgot_password_is_limited_per_address_and_per_client_with_a_message_on_the_page()
    {
        await WithAppAsync(new MailApp(null, settings: new Dictionary<string, string>
        {
            ["RateLimiting:PasswordResetPerAddress:PermitLimit"] = "2",
            ["RateLimiting:PasswordResetPerClient:PermitLimit"] = "4",
        }), async app =>
        {
            var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var email = $"oublieuse-{Guid.NewGuid():N}@reset.example";

            (await ForgotAsync(browser, email)).ShouldContain("data-testid=\"forgot-sent\"");
            (await ForgotAsync(browser, email)).ShouldContain("data-testid=\"forgot-sent\"");
            var third = await ForgotAsync(browser, email.ToUpperInvariant());
            third.ShouldContain("data-testid=\"forgot-throttled\"");
            // It says when the fifteen-minute window ends.
            System.Text.RegularExpressions.Regex.IsMatch(System.Net.WebUtility.HtmlDecode(third), "Trop de demandes en peu de temps : vous pourrez réessayer dans ([1-9]|1[0-5]) min\\.").ShouldBeTrue();

            // Other addresses from the same client: the per-client limit (4) is reached at the fifth request.
            (await ForgotAsync(browser, $"autre-{Guid.NewGuid():N}@reset.example")).ShouldContain("data-testid=\"forgot-sent\"");
            (await ForgotAsync(browser, $"encore-{Guid.NewGuid():N}@reset.example")).ShouldContain("data-testid=\"forgot-throttled\"");
        });
    }

    /// <summary>Runs <paramref name="test"/> on <paramref name="app"/>, then stops it and drops its database.</summary>
    private static async Task WithAppAsync(MailApp app, Func<MailApp, Task> test)
    {
        await app.InitializeAsync();
        try
        {
            await test(app);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private static async Task<(Call Call, Actor Facilitator)> ArrangeAsync(MailApp app)
    {
        var data = new TestData(app);
        var facilitator = await data.UserAsync(Roles.Facilitator);
        return (await data.CallAsync(CallVisibility.MembersOnly, facilitator), facilitator);
    }

    private static async Task<string> ForgotAsync(HttpClient browser, string email)
    {
        var page = await browser.GetStringAsync("/account/forgot-password");
        var response = await browser.PostAsync("/account/forgot-password", new FormUrlEncodedContent(
            [new("_handler", "forgot-password"), new("__RequestVerificationToken", AntiforgeryField().Match(page).Groups[1].Value), new("Input.Email", email)]));
        return await response.Content.ReadAsStringAsync();
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
