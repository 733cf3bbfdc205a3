using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Reports;

[Collection(BrowserCollection.Name)]
public sealed class ReportsPageTests(BrowserFixture browser)
{
    [Fact]
    public Task A_member_opens_the_reports_from_the_call_navigation() => browser.RunAsync(async page =>
    {
        await page.SignInAsync(DemoData.MemberA, $"/calls/{DemoData.CallSlug}");

        await page.GetByTestId("nav-reports").ClickAsync();
        await page.WaitForURLAsync($"**/calls/{DemoData.CallSlug}/reports");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rapports de l'appel", Level = 1 })).ToBeVisibleAsync();

        var registre = page.GetByTestId("stakeholders").Filter(new() { HasText = "Registre de preuve de covoiturage" });
        await Expect(registre.GetByTestId("who-pays")).ToContainTextAsync("Les collectivités");
        await Expect(registre.GetByTestId("producers")).ToContainTextAsync("Covoit'Ouest");

        await Expect(page.GetByTestId("ranking-rule")).ToContainTextAsync("un point par déclaration d'engagement");
        var first = page.GetByTestId("ranking-row").First;
        await Expect(first).ToContainTextAsync("Métropole de Valmont");
        await Expect(first.GetByTestId("rank")).ToHaveTextAsync("1");
        await page.AssertAccessibleAsync();
    });
}
