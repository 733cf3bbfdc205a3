using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Accounts;

/// <summary>
/// A member who forgot the password asks for a link from the sign-in page; with no SMTP server configured (the
/// README's first command), the administrator reads the mail in the development mailbox. Both new pages are
/// scanned with axe and fit a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ForgottenPasswordTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public Task A_member_asks_for_a_reset_link_and_the_administrator_reads_it_in_the_mailbox() => browser.RunWithPeopleAsync(async people =>
    {
        var member = await people.OpenPageAsync("member", Phone);
        await member.GotoAsync("/account/login");
        await member.GetByRole(AriaRole.Link, new() { Name = "Mot de passe oublié ?" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Mot de passe oublié", Level = 1 })).ToBeVisibleAsync();
        await member.AssertAccessibleAsync();
        await member.Locator("#email").FillAsync(DemoData.MemberB.Email);
        await member.GetByTestId("send-reset").ClickAsync();
        await Expect(member.GetByTestId("forgot-sent")).ToContainTextAsync("Si un compte existe pour cette adresse");
        await FitsAndIsSavedAsync(member, "forgot-password-360");

        var admin = await people.OpenPageAsync("admin");
        await admin.SignInAsync(DemoData.Administrator, "/admin/mailbox");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Boîte aux lettres", Level = 1 })).ToBeVisibleAsync();
        var row = admin.GetByTestId("mailbox").Locator("tr", new() { HasText = DemoData.MemberB.Email }).First;
        await Expect(row).ToBeVisibleAsync();
        await admin.AssertAccessibleAsync();
        await Save(admin, "mailbox-1280");
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(admin.GetByTestId("mail-to")).ToHaveTextAsync(DemoData.MemberB.Email);
        await Expect(admin.GetByTestId("mail-text")).ToContainTextAsync("/account/reset-password");
        await admin.AssertAccessibleAsync();
        await Save(admin, "mailbox-message-1280");

        var adminOnPhone = await people.OpenPageAsync("admin-phone", Phone);
        await adminOnPhone.SignInAsync(DemoData.Administrator, "/admin/mailbox");
        await Expect(adminOnPhone.GetByTestId("mailbox")).ToBeVisibleAsync();
        await FitsAndIsSavedAsync(adminOnPhone, "mailbox-360");
    });

    private static async Task FitsAndIsSavedAsync(IPage page, string name)
    {
        await Save(page, name);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(Phone.Width, $"{name} scrolls sideways");
    }

    private static async Task Save(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
