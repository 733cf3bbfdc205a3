using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Onboarding;

/// <summary>
/// The facilitator imports organisations from a spreadsheet file (preview, then apply) and follows the invitations;
/// a member connects a command-line program on /device. Each page is scanned with axe and fits a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OnboardingPagesTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public Task The_facilitator_previews_a_file_applies_it_and_sees_who_is_invited() => browser.RunWithPeopleAsync(async people =>
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            $"nom;type;rôle;territoire;emails\r\nAtelier Vélo {id};association;membre;Rennes;\"velo-{id}@atelier.example; marie-{id}@atelier.example\"\r\n;PME;membre;;sans-nom-{id}@atelier.example\r\nRégion {id};acteur public;financeur;Bretagne;pas-une-adresse\r\n")).ToArray();
        var page = await people.OpenPageAsync("facilitator");
        await page.SignInAsync(DemoData.Facilitator, $"/calls/{DemoData.CallSlug}/onboarding");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import et invitations", Level = 1 })).ToBeVisibleAsync();

        await page.GetByTestId("import-file").ChooseFileAsync(new FilePayload { Name = "organisations.csv", MimeType = "text/csv", Buffer = file });

        var lines = page.GetByTestId("import-line");
        await Expect(lines).ToHaveCountAsync(3);
        await Expect(lines.Nth(0)).ToContainTextAsync("nouvelle organisation");
        await Expect(lines.Nth(0)).ToContainTextAsync("invitation à envoyer");
        await Expect(lines.Nth(1)).ToContainTextAsync("Nom de l'organisation manquant.");
        await Expect(lines.Nth(2)).ToContainTextAsync("Adresse mail mal formée.");
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("Lignes à appliquer : 1 · lignes en erreur (jamais appliquées) : 2");
        await page.AssertAccessibleAsync();
        await SaveAsync(page, "onboarding-preview-1280");

        await page.GetByTestId("import-apply").ClickAsync();
        await Expect(page.GetByTestId("onboarding-message")).ToContainTextAsync("organisations créées : 1");
        var rows = page.GetByTestId("status-row");
        await Expect(rows.Filter(new() { HasText = $"velo-{id}@atelier.example" })).ToContainTextAsync("Invité·e");
        await Expect(rows.Filter(new() { HasText = $"marie-{id}@atelier.example" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-preview")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        await SaveAsync(page, "onboarding-status-1280");

        await rows.Filter(new() { HasText = $"velo-{id}@atelier.example" }).GetByTestId("resend").ClickAsync();
        await Expect(page.GetByTestId("onboarding-message")).ToContainTextAsync($"Une nouvelle invitation a été envoyée à velo-{id}@atelier.example");

        var phone = await people.OpenPageAsync("facilitator-phone", Phone);
        await phone.SignInAsync(DemoData.Facilitator, $"/calls/{DemoData.CallSlug}/onboarding");
        await phone.GetByTestId("import-file").ChooseFileAsync(new FilePayload { Name = "organisations.csv", MimeType = "text/csv", Buffer = file });
        await Expect(phone.GetByTestId("import-line")).ToHaveCountAsync(3);
        await Expect(phone.GetByTestId("import-line").Nth(0)).ToContainTextAsync("déjà invité·e");
        await Expect(phone.GetByTestId("import-apply")).ToBeDisabledAsync();
        await FitsAndIsSavedAsync(phone, "onboarding-360");
    });

    [Fact]
    public Task A_member_approves_a_program_on_the_device_page_and_the_program_gets_its_token() => browser.RunWithPeopleAsync(async people =>
    {
        using var cli = new HttpClient { BaseAddress = browser.App.BaseAddress };
        var code = JsonDocument.Parse(await (await cli.PostAsync("/api/v1/device/code", new FormUrlEncodedContent([new("client_id", "commonscall-cli")]))).Content.ReadAsStringAsync()).RootElement;
        var userCode = code.GetProperty("user_code").GetString()!;

        var page = await people.OpenPageAsync("member");
        await page.SignInAsync(DemoData.MemberA, "/device?user_code=" + userCode);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connecter un programme", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#user-code")).ToHaveValueAsync(userCode);
        await page.AssertAccessibleAsync();
        await SaveAsync(page, "device-1280");
        await page.GetByTestId("device-continue").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "« commonscall-cli » demande l'accès à votre compte" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("device-code")).ToHaveTextAsync(userCode);
        await page.AssertAccessibleAsync();
        await SaveAsync(page, "device-approve-1280");
        await page.GetByTestId("device-approve").ClickAsync();
        await Expect(page.GetByTestId("device-answered")).ToContainTextAsync("Accès autorisé");

        var token = await cli.PostAsync("/api/v1/device/token", new FormUrlEncodedContent([
            new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), new("device_code", code.GetProperty("device_code").GetString()!), new("client_id", "commonscall-cli")]));
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        using var api = new HttpClient { BaseAddress = browser.App.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        (await api.GetStringAsync("/api/v1/me/tokens")).ShouldContain("commonscall-cli");

        var phone = await people.OpenPageAsync("member-phone", Phone);
        await phone.SignInAsync(DemoData.MemberA, "/device");
        await Expect(phone.Locator("#user-code")).ToBeVisibleAsync();
        await FitsAndIsSavedAsync(phone, "device-360");
    });

    private static async Task FitsAndIsSavedAsync(IPage page, string name)
    {
        await SaveAsync(page, name);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(Phone.Width, $"{name} scrolls sideways");
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
