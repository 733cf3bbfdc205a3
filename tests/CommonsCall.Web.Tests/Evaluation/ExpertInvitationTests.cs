using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CommonsCall.Domain.Common;
using CommonsCall.Domain.Evaluation;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Features.Evaluation;
using CommonsCall.Web.Features.Mail;
using CommonsCall.Web.Tests.Mail;
using CommonsCall.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommonsCall.Web.Tests.Evaluation;

/// <summary>
/// Issue 16: a facilitator names an outside expert evaluator by an email without an account. The invitation goes
/// through the real SMTP server (smtp4dev); its link registers the expert, who then evaluates the call.
/// </summary>
public sealed partial class ExpertInvitationTests(Smtp4dev smtp, ITestOutputHelper output) : MailAppTests(smtp)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    [Fact]
    public async Task An_expert_without_an_account_is_invited_by_mail_and_evaluates_the_call_once_registered()
    {
        var s = await EvaluationScenario.CreateAsync(App);
        var email = $"experte-{Guid.NewGuid():N}@expertise.example";

        var appointed = await s.Evaluation.AppointAsync(s.Facilitator, new AppointEvaluator(s.CallId, email));

        appointed.Error.ShouldBeNull();
        appointed.Value!.Invited.ShouldBeTrue();
        appointed.Value.UserId.ShouldBeNull();
        var pending = (await s.Queries.InvitedAsync(s.Facilitator, s.CallId)).Value!.ShouldHaveSingleItem();
        pending.Email.ShouldBe(email);
        pending.ExpiresAt.ShouldBe(App.Clock.GetUtcNow() + InvitationService.Lifetime, TimeSpan.FromMinutes(5));
        (await s.Queries.InvitedAsync(s.RegisterHolder, s.CallId)).Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        (await s.AuditCountAsync("evaluation.evaluator_invited")).ShouldBe(1);

        var again = await s.Evaluation.AppointAsync(s.Facilitator, new AppointEvaluator(s.CallId, email.ToUpperInvariant()));
        again.Error!.Code.ShouldBe(EvaluationCodes.EvaluatorAlreadyInvited);
        (await s.Queries.InvitedAsync(s.Facilitator, s.CallId)).Value!.Count.ShouldBe(1);

        var title = await CallTitleAsync(s.CallId);
        var mail = await WaitForMailToAsync(email);
        mail.Subject.ShouldBe($"Invitation à évaluer les communs de l'appel « {title} »");
        var text = await Smtp.PlainTextAsync(mail);
        text.ShouldContain($"Vous êtes invité·e à évaluer les communs de l'appel « {title} »");
        var link = RegistrationLink().Match(text);
        link.Success.ShouldBeTrue(text);
        link.Value.ShouldStartWith(MailApp.PublicBaseUrl + "/account/register?token=");
        (await Smtp.HtmlAsync(mail)).ShouldContain(WebUtility.HtmlEncode(link.Value));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var token = Uri.UnescapeDataString(link.Groups["token"].Value);
            var registered = await scope.ServiceProvider.GetRequiredService<InvitationService>().RegisterAsync(new Registration(token, "Experte Invitée", TestData.Password));
            registered.Error.ShouldBeNull();
        }

        var expert = new Actor(await UserIdAsync(email), false, false);
        (await s.Queries.InvitedAsync(s.Facilitator, s.CallId)).Value!.ShouldBeEmpty();
        (await s.Queries.EvaluatorsAsync(s.Facilitator, s.CallId)).Value!.Select(e => e.Email).ShouldBe([email]);
        (await s.Evaluation.AssignAsync(s.Facilitator, new AssignCommons(s.CallId, s.Register, expert.UserId!))).Error.ShouldBeNull();
        (await s.Queries.MineAsync(expert, s.CallId)).Value!.Commons.Select(c => c.Title).ShouldBe(["Registre de preuve de covoiturage"]);
        (await s.ScoreAsync(expert, s.Register, 7, 8, 5)).Error.ShouldBeNull();
        (await s.Queries.MineAsync(expert, s.CallId)).Value!.Commons.ShouldHaveSingleItem().Evaluated.ShouldBeTrue();
    }

    [Fact]
    public async Task The_invitation_mail_is_written_in_the_facilitators_language()
    {
        var s = await EvaluationScenario.CreateAsync(App);
        var email = $"expert-{Guid.NewGuid():N}@expertise.example";
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            (await s.Evaluation.AppointAsync(s.Facilitator, new AppointEvaluator(s.CallId, email))).Value!.Invited.ShouldBeTrue();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        var mail = await WaitForMailToAsync(email);
        mail.Subject.ShouldBe($"Invitation to evaluate the commons of the call “{await CallTitleAsync(s.CallId)}”");
        (await Smtp.PlainTextAsync(mail)).ShouldContain("Create my account");
    }

    private async Task<string> CallTitleAsync(Guid callId)
    {
        await using var db = await App.DbAsync();
        return await db.Calls.Where(c => c.Id == callId).Select(c => c.Title).SingleAsync();
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = await App.DbAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private async Task<ReceivedMail> WaitForMailToAsync(string recipient)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < Generous)
        {
            if ((await Smtp.MessagesAsync()).FirstOrDefault(m => m.To.Contains(recipient)) is { } mail)
            {
                output.WriteLine($"mail to {recipient} arrived after {watch.Elapsed.TotalSeconds:0.0} s");
                return mail;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"No mail to {recipient} within {Generous.TotalSeconds} s.");
    }

    [GeneratedRegex(@"https?://\S+/account/register\?token=(?<token>[^\s&]+)")]
    private static partial Regex RegistrationLink();
}
