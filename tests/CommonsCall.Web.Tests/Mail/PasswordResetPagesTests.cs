using System.Net;
using System.Text.RegularExpressions;
using CommonsCall.Web.Features.Accounts;
using CommonsCall.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Tests.Mail;

/// <summary>
/// The forgot-password and reset-password pages as a browser posts them (antiforgery included), with mail kept in
/// the outbox: the same answer for any address, a reset link that works once, then the new password signs in.
/// </summary>
public sealed partial class PasswordResetPagesTests : IAsyncLifetime
{
    private readonly MailApp _app = new(smtpPort: null);

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Forgot_password_answers_alike_for_any_address_and_its_link_resets_the_password_once()
    {
        var email = $"pages-{Guid.NewGuid():N}@reset.example";
        await new TestData(_app).UserAsync(email: email);
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await browser.GetStringAsync("/account/login")).ShouldContain("href=\"/account/forgot-password\"");

        var forKnown = await PostFormAsync(browser, "/account/forgot-password", "forgot-password", [new("Input.Email", email)]);
        var forUnknown = await PostFormAsync(browser, "/account/forgot-password", "forgot-password", [new("Input.Email", $"nobody-{Guid.NewGuid():N}@reset.example")]);
        SentAnswer().Match(forKnown).Value.ShouldNotBeEmpty();
        SentAnswer().Match(forUnknown).Value.ShouldBe(SentAnswer().Match(forKnown).Value);

        var malformed = await PostFormAsync(browser, "/account/forgot-password", "forgot-password", [new("Input.Email", "not-an-email")]);
        malformed.ShouldContain("id=\"email-error\" role=\"alert\"");
        malformed.ShouldNotContain("data-testid=\"forgot-sent\"");

        string link;
        await using (var db = await _app.DbAsync())
        {
            var queued = await db.OutboxMessages.AsNoTracking().ToListAsync();
            var mail = queued.ShouldHaveSingleItem("one mail for the known address, none for the unknown or malformed ones");
            mail.To.ShouldBe(email);
            link = ResetLink().Match(mail.TextBody).Value;
        }

        var path = new Uri(link).PathAndQuery;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
        KeyValuePair<string, string>[] fields = [new("Input.UserId", query["user"]!), new("Input.Token", query["token"]!), new("Input.Password", "A-page-chosen-passphrase")];
        (await PostFormAsync(browser, path, "reset-password", fields)).ShouldContain("data-testid=\"reset-done\"");
        (await PostFormAsync(browser, path, "reset-password", fields)).ShouldContain("data-testid=\"reset-invalid\"");

        var signIn = await PostFormAsync(browser, "/account/login", "login", [new("Input.Email", email), new("Input.Password", "A-page-chosen-passphrase")], raw: true);
        signIn.ShouldBe(HttpStatusCode.Redirect.ToString());
    }

    private static async Task<string> PostFormAsync(HttpClient browser, string path, string handler, KeyValuePair<string, string>[] fields, bool raw = false)
    {
        var page = await browser.GetStringAsync(path);
        var response = await browser.PostAsync(path, new FormUrlEncodedContent(
            [new("_handler", handler), new("__RequestVerificationToken", AntiforgeryField().Match(page).Groups[1].Value), .. fields]));
        return raw ? response.StatusCode.ToString() : await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("data-testid=\"forgot-sent\">[^<]+<")]
    private static partial Regex SentAnswer();

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
