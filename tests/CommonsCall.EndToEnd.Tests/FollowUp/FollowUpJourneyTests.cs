using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.FollowUp;

/// <summary>After the vote (issue 15), in French: a schedule proposed and accepted, a milestone declared and accepted, the payment seen live by a funder.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpJourneyTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 800 };

    [Fact]
    public Task The_facilitator_proposes_the_holder_accepts_and_declares_and_the_funder_sees_the_payment_live() => browser.RunWithPeopleAsync(async people =>
    {
        var s = await SettledCallStory.ArrangeAsync(browser.App);
        var url = $"/calls/{s.Call.Slug}/commons/{s.Commons.Id}/follow-up";

        // The facilitator reaches the follow-up from the results and proposes the usual 30/40/30 schedule.
        var facilitator = await people.OpenPageAsync("facilitator");
        await facilitator.SignInAsync(s.Facilitator.Account, $"/calls/{s.Call.Slug}/results");
        await facilitator.WaitForInteractiveAsync();
        await Expect(facilitator.GetByTestId("results-followup")).ToHaveTextAsync("Financé · 0,00 € versés sur 1 000,00 € Redevabilité");
        await facilitator.GetByTestId("followup-link").ClickAsync();
        await Expect(facilitator.GetByTestId("followup-title")).ToHaveTextAsync(s.Commons.Title);
        await facilitator.WaitForInteractiveAsync();
        await Expect(facilitator.GetByTestId("agreement-award")).ToHaveTextAsync("1 000,00 €");
        await Expect(facilitator.GetByTestId("milestone-late")).ToHaveCountAsync(1);
        await facilitator.GetByTestId("propose").ClickAsync();
        await Expect(facilitator.GetByTestId("followup-message")).ToHaveTextAsync("Échéancier proposé au porteur pilote.");
        await Expect(facilitator.GetByTestId("tranche")).ToHaveCountAsync(3);
        await facilitator.AssertAccessibleAsync();
        await facilitator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "followup-facilitator-1280.png"), FullPage = true });

        // The lead holder accepts it: the start tranche is paid; then it declares the beta done with a link.
        var holder = await people.OpenPageAsync("holder");
        await holder.SignInAsync(s.Holder.Person.Account, url);
        await holder.WaitForInteractiveAsync();
        await holder.GetByTestId("accept-schedule").ClickAsync();
        await Expect(holder.GetByTestId("followup-message")).ToHaveTextAsync("Échéancier accepté : la première tranche est versée.");
        await Expect(holder.GetByTestId("agreement-paid")).ToHaveTextAsync("300,00 €");
        var beta = holder.Locator($"[data-testid=followup-milestone][data-milestone='{s.Beta}']");
        await beta.GetByLabel("Lien vers ce qui a été livré").FillAsync("https://forge.example/cadenas/releases/beta");
        await beta.GetByTestId("declare").ClickAsync();
        await Expect(holder.GetByTestId("followup-message")).ToHaveTextAsync("Jalon déclaré réalisé : l'animation va l'examiner.");
        await Expect(beta.GetByTestId("deliverable-state")).ToHaveTextAsync("Déclaré, à examiner");
        await holder.AssertAccessibleAsync();
        await holder.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Expect(holder.GetByTestId("agreement-paid")).ToBeVisibleAsync();
        (await holder.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, "the page scrolls sideways");
        await holder.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "followup-holder-360.png"), FullPage = true });

        // The funder watches the follow-up while the facilitator accepts the milestone.
        var funder = await people.OpenPageAsync("funder");
        await funder.SignInAsync(s.Funder.Person.Account, url);
        await funder.WaitForInteractiveAsync();
        await Expect(funder.GetByTestId("agreement-paid")).ToHaveTextAsync("300,00 €");
        await Expect(funder.GetByTestId("accept-schedule")).ToHaveCountAsync(0);
        await funder.EvaluateAsync("window.stillTheSamePage = true");

        await facilitator.GotoInteractiveAsync(url);
        await facilitator.Locator($"[data-testid=followup-milestone][data-milestone='{s.Beta}']").GetByTestId("accept-milestone").ClickAsync();
        await Expect(facilitator.GetByTestId("followup-message")).ToHaveTextAsync("Jalon validé : la tranche est versée.");

        await Expect(funder.GetByTestId("agreement-paid")).ToHaveTextAsync("700,00 €", LiveUpdate.Wait);
        await Expect(funder.GetByTestId("agreement-left")).ToHaveTextAsync("300,00 €");
        await Expect(funder.GetByTestId("tranche-state")).ToHaveTextAsync(["Versée", "Versée", "À venir"]);
        (await funder.EvaluateAsync<bool>("window.stillTheSamePage === true")).ShouldBeTrue("the follow-up was reloaded");
        await funder.AssertAccessibleAsync();
        (await new CallArranger(browser.App).LedgerProblemsAsync(s.Call)).ShouldBeEmpty();

        // The same follow-up in English.
        await funder.GetByTestId("lang-en").ClickAsync();
        await Expect(funder.GetByRole(AriaRole.Heading, new() { Name = "Payment schedule", Level = 2 })).ToBeVisibleAsync();
        await funder.WaitForInteractiveAsync();
        await Expect(funder.GetByTestId("tranche-state")).ToHaveTextAsync(["Paid", "Paid", "Due"]);
        await Expect(funder.GetByTestId("agreement-status")).ToHaveTextAsync("In progress");
        await funder.AssertAccessibleAsync();
        await funder.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "followup-funder-en-1280.png"), FullPage = true });
    });
}
