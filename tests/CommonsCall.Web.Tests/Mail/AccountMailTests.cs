using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CommonsCall.Domain.Common;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommonsCall.Web.Tests.Mail;

/// <summary>The account mails through a real SMTP server (smtp4dev): what arrives, and that its link works.</summary>
public sealed partial class AccountMailTests(Smtp4dev smtp, ITestOutputHelper output) : MailAppTests(smtp)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    [Fact]
    public async Task Invitation_mail_arrives_with_both_parts_and_a_link_that_registers()
    {
        var admin = await new TestData(App).UserAsync(Roles.Administrator);
        var email = $"invited-{Guid.NewGuid():N}@invitation.example";
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<InvitationService>().CreateAsync(admin, new CreateInvitation(email, null, null));
            created.IsSuccess.ShouldBeTrue(created.Error?.ToString());
        }

        var mail = await WaitForMailToAsync(email);
        mail.HasHtml.ShouldBeTrue();
        mail.HasText.ShouldBeTrue();
        mail.Subject.ShouldBe("Votre invitation à CommonsCall");
        mail.Headers.ContainsKey("List-Unsubscribe").ShouldBeFalse("account mail is transactional");
        var text = await Smtp.PlainTextAsync(mail);
        var html = await Smtp.HtmlAsync(mail);
        var link = RegistrationLink().Match(text);
        link.Success.ShouldBeTrue(text);
        html.ShouldContain(WebUtility.HtmlEncode(link.Value));
        link.Value.ShouldStartWith(MailApp.PublicBaseUrl + "/account/register?token=");

        var page = await App.CreateClient().GetStringAsync(new Uri(link.Value).PathAndQuery);
        page.ShouldContain(email);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var token = Uri.UnescapeDataString(link.Groups["token"].Value);
            var registered = await scope.ServiceProvider.GetRequiredService<InvitationService>().RegisterAsync(new Registration(token, "Invited Person", "A-long-enough-passphrase"));
            registered.IsSuccess.ShouldBeTrue(registered.Error?.ToString());
            registered.Value!.Email.ShouldBe(email);
        }

        // Once sent, the outbox keeps the envelope, not the link.
        await using var db = await App.DbAsync();
        var sent = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == email);
        sent.State.ShouldBe(OutboxState.Sent);
        sent.TextBody.ShouldBeEmpty();
        sent.HtmlBody.ShouldBeEmpty();
    }

    [Fact]
    public async Task Invitation_mail_is_written_in_the_inviters_language()
    {
        var admin = await new TestData(App).UserAsync(Roles.Administrator);
        var email = $"invited-{Guid.NewGuid():N}@invitation.example";
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            await using var scope = App.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<InvitationService>().CreateAsync(admin, new CreateInvitation(email, null, null))).IsSuccess.ShouldBeTrue();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        var mail = await WaitForMailToAsync(email);
        mail.Subject.ShouldBe("Your invitation to CommonsCall");
        (await Smtp.PlainTextAsync(mail)).ShouldContain("Create my account");
        (await Smtp.HtmlAsync(mail)).ShouldContain("<html lang=\"en\">");
    }

    [Fact]
    public async Task Password_reset_mail_arrives_and_its_link_resets_the_password_once()
    {
        var email = $"forgetful-{Guid.NewGuid():N}@reset.example";
        var unknown = $"nobody-{Guid.NewGuid():N}@reset.example";
        await new TestData(App).UserAsync(email: email);
        await using var scope = App.Services.CreateAsyncScope();
        var reset = scope.ServiceProvider.GetRequiredService<PasswordResetService>();

        // The same answer for an unknown address: nobody learns who has an account.
        var forUnknown = await reset.RequestAsync(new RequestPasswordReset(unknown));
        var forKnown = await reset.RequestAsync(new RequestPasswordReset(email));
        forUnknown.ShouldBe(forKnown);
        forKnown.IsSuccess.ShouldBeTrue();

        var mail = await WaitForMailToAsync(email);
        mail.HasHtml.ShouldBeTrue();
        mail.HasText.ShouldBeTrue();
        var link = ResetLink().Match(await Smtp.PlainTextAsync(mail));
        link.Success.ShouldBeTrue();
        (await App.CreateClient().GetAsync(new Uri(link.Value).PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var userId = Uri.UnescapeDataString(link.Groups["user"].Value);
        var token = link.Groups["token"].Value;
        (await reset.ResetAsync(new ChooseNewPassword(userId, token, "A-brand-new-passphrase"))).IsSuccess.ShouldBeTrue();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        (await users.CheckPasswordAsync(user!, "A-brand-new-passphrase")).ShouldBeTrue();
        (await users.CheckPasswordAsync(user!, TestData.Password)).ShouldBeFalse();

        // Single use: the reset changed the security stamp the token was bound to.
        (await reset.ResetAsync(new ChooseNewPassword(userId, token, "Yet-another-passphrase"))).Error!.Code.ShouldBe(ErrorCodes.NotFound);

        await using var db = await App.DbAsync();
        (await db.OutboxMessages.CountAsync(m => m.To == unknown)).ShouldBe(0);
        (await Smtp.MessagesAsync()).ShouldNotContain(m => m.To.Contains(unknown));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@at.example")]
    [InlineData("")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Malformed_emails_are_refused_and_nothing_is_queued(string email)
    {
        var admin = await new TestData(App).UserAsync(Roles.Administrator);
        await using var db = await App.DbAsync();
        var before = await db.OutboxMessages.CountAsync();
        await using var scope = App.Services.CreateAsyncScope();

        var invitation = await scope.ServiceProvider.GetRequiredService<InvitationService>().CreateAsync(admin, new CreateInvitation(email, null, null));
        var reset = await scope.ServiceProvider.GetRequiredService<PasswordResetService>().RequestAsync(new RequestPasswordReset(email));

        invitation.Error!.Code.ShouldBe(ErrorCodes.Validation);
        invitation.Error.Fields!.Keys.ShouldContain(nameof(CreateInvitation.Email));
        reset.Error!.Code.ShouldBe(ErrorCodes.Validation);
        reset.Error.Fields!.Keys.ShouldContain(nameof(RequestPasswordReset.Email));
        (await db.OutboxMessages.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task One_click_unsubscribe_headers_are_sent_when_a_mail_asks_for_them()
    {
        var domain = $"{Guid.NewGuid():N}.unsubscribe.example";
        await App.EnqueueAsync(domain, 1, new Unsubscribe("https://commonscall.test/unsubscribe/abc", "https://commonscall.test/account/notifications"));

        var mail = await WaitForMailToAsync($"person-0@{domain}");
        mail.Headers["List-Unsubscribe"].ShouldBe("<https://commonscall.test/unsubscribe/abc>");
        mail.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        (await Smtp.PlainTextAsync(mail)).ShouldContain("https://commonscall.test/account/notifications");
    }

    private async Task<ReceivedMail> WaitForMailToAsync(string recipient)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < Generous)
        {
            var mail = (await Smtp.MessagesAsync()).FirstOrDefault(m => m.To.Contains(recipient));
            if (mail is not null)
            {
                output.WriteLine($"mail to {recipient} arrived after {watch.Elapsed.TotalSeconds:0.0} s");
                return mail;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No mail to {recipient} within {Generous.TotalSeconds} s.");
    }

    [GeneratedRegex(@"https?://\S+/account/register\?token=(?<token>[^\s&]+)")]
    private static partial Regex RegistrationLink();

    [GeneratedRegex(@"https?://\S+/account/reset-password\?user=(?<user>[^\s&]+)&token=(?<token>[^\s&]+)")]
    private static partial Regex ResetLink();
}
