using CommonsCall.EndToEnd.Tests.Infrastructure;

namespace CommonsCall.EndToEnd.Tests.Journeys;

/// <summary>The journeys' accessibility check finds what it is meant to find, and names it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture browser)
{
    [Fact]
    public Task An_unlabelled_field_fails_the_check_with_its_rule_and_element() => browser.RunAsync(async page =>
    {
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="fr"><head><title>Essai</title></head>
            <body><main><h1>Essai</h1><input id="sans-etiquette" type="text"></main></body></html>
            """);

        var failure = await Should.ThrowAsync<AccessibilityViolationsException>(page.AssertAccessibleAsync());

        failure.Message.ShouldContain("- label (critical)");
        failure.Message.ShouldContain("#sans-etiquette");
    });

    [Fact]
    public Task A_labelled_field_passes_the_check() => browser.RunAsync(async page =>
    {
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="fr"><head><title>Essai</title></head>
            <body><main><h1>Essai</h1><label for="nom">Nom</label><input id="nom" type="text"></main></body></html>
            """);

        await page.AssertAccessibleAsync();
    });
}
