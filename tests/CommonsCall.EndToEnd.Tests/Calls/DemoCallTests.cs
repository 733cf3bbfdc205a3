using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Calls;

[Collection(BrowserCollection.Name)]
public sealed class DemoCallTests(BrowserFixture browser)
{
    private const string DemoCallTitle = "Communs de la mobilité partagée";

    [Fact]
    public Task Facilitator_signs_in_opens_the_demo_call_and_reads_its_glossary() => browser.RunAsync(async page =>
    {
        await page.SignInAsync(DemoData.Facilitator);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Appels à communs", Level = 1 })).ToBeVisibleAsync();
        // The facilitator finds its call among its own calls, with what to do next in it.
        var callLink = page.GetByTestId("my-calls").GetByRole(AriaRole.Link, new() { Name = DemoCallTitle });
        await Expect(callLink).ToBeVisibleAsync();

        await callLink.ClickAsync();
        await page.WaitForURLAsync($"**/calls/{DemoData.CallSlug}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = DemoCallTitle, Level = 1 })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();

        // The tabs render their content on the server: the glossary exists only once the circuit has handled the click.
        var glossary = page.GetByTestId("glossary");
        await Expect(glossary).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Glossaire" }).ClickAsync();
        await Expect(glossary.Locator("dt", new() { HasText = "Micro-défi" })).ToBeVisibleAsync();
    });
}
