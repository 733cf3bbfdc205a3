using System.Net;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommonsCall.Web.Tests.Mail;

/// <summary>With no SMTP configured (the default of <c>dotnet run</c>), mail is kept and administrators read it on /admin/mailbox.</summary>
public sealed class MailboxTests : IAsyncLifetime
{
    private readonly MailApp _app = new(smtpPort: null);

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Without_SMTP_mail_is_kept_and_shown_to_administrators_only()
    {
        var data = new TestData(_app);
        var admin = await data.UserAsync(Roles.Administrator);
        var facilitator = await data.UserAsync(Roles.Facilitator);
        var email = $"kept-{Guid.NewGuid():N}@mailbox.example";
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<InvitationService>().CreateAsync(admin, new CreateInvitation(email, null, null))).IsSuccess.ShouldBeTrue();
        }

        // Several poll intervals later it is still there, queued, never sent.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await using (var db = await _app.DbAsync())
        {
            var kept = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == email);
            kept.State.ShouldBe(OutboxState.Queued);
            kept.Attempts.ShouldBe(0);
        }

        var mailbox = _app.Services.GetRequiredService<DevelopmentMailbox>();
        mailbox.KeepsMail.ShouldBeTrue();
        var list = await mailbox.ListAsync(admin);
        var entry = list.Value!.ShouldHaveSingleItem();
        entry.To.ShouldBe(email);
        var message = (await mailbox.FindAsync(admin, entry.Id)).Value!;
        message.HtmlBody!.ShouldContain("/account/register?token=");
        message.TextBody!.ShouldContain(MailApp.PublicBaseUrl + "/account/register?token=");

        (await mailbox.ListAsync(facilitator)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await mailbox.FindAsync(facilitator, entry.Id)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await mailbox.ListAsync(Actor.Anonymous)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await mailbox.FindAsync(admin, Guid.NewGuid())).Error!.Code.ShouldBe(ErrorCodes.NotFound);

        var anonymous = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await anonymous.GetAsync("/admin/mailbox");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/login");
    }
}
