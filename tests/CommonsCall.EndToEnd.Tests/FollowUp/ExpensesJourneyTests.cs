using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.FollowUp;

/// <summary>Issue 15, in French: the holder records an expense with its receipt, the funder reads the plan against it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExpensesJourneyTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 800 };

    [Fact]
    public Task The_holder_records_an_expense_with_a_receipt_and_the_funder_reads_planned_against_actual() => browser.RunWithPeopleAsync(async people =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Ateliers vélo du pays d'Iroise", facilitator);
        var funder = await arrange.JoinedOrganisationAsync(call, "Fondation Mobilités Douces", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        var member = await arrange.JoinedOrganisationAsync(call, "Cyclo'Iroise", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var holder = await arrange.JoinedOrganisationAsync(call, "Atelier Vélo Solidaire", OrganisationKind.Association, ParticipantRole.Member, "Maëlle Tanguy");
        await arrange.PublishedChallengeAsync(call, holder, "Comment réparer plus de vélos ?");
        var commons = await arrange.ApprovedCommonsAsync(call, holder, "Guide de réparation ouvert", CommonsKind.Knowledge, "CC-BY-SA-4.0", minimum: 60_000, maximum: 200_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        await arrange.PledgeAsync(call, funder, 300_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);
        await arrange.GrantEquallyAsync(call, facilitator);
        await arrange.ContributeAsync(call, member, commons, 80_000);
        (await browser.App.Services.GetRequiredService<RoundService>().CloseAsync(facilitator.Actor, new CloseRound(call.Id))).Error.ShouldBeNull();
        var url = $"/calls/{call.Slug}/commons/{commons.Id}/follow-up";

        var page = await people.OpenPageAsync("holder");
        await page.SignInAsync(holder.Person.Account, url);
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("expenses-empty")).ToHaveTextAsync("Aucune dépense enregistrée pour l'instant.");
        await page.GetByLabel("Montant (EUR)").FillAsync("84,90");
        await page.GetByLabel("Objet de la dépense").FillAsync("Pièces détachées pour l'atelier");
        await page.GetByLabel("Fournisseur (facultatif)").FillAsync("Cycles du Conquet");
        await page.GetByTestId("expense-receipts").ChooseFileAsync(new FilePayload { Name = "facture-pieces.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await Expect(page.GetByTestId("expense-receipts-chosen")).ToContainTextAsync("facture-pieces.pdf");
        await page.GetByTestId("expense-save").ClickAsync();
        await Expect(page.GetByTestId("followup-message")).ToHaveTextAsync("Dépense enregistrée.");
        await Expect(page.GetByTestId("expense-title")).ToHaveTextAsync("Pièces détachées pour l'atelier");
        await Expect(page.GetByTestId("attachment-link")).ToHaveTextAsync("facture-pieces.pdf");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "expenses-holder-1280.png"), FullPage = true });
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Expect(page.GetByTestId("planned-vs-actual")).ToBeVisibleAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, "the page scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "expenses-holder-360.png"), FullPage = true });

        var reader = await people.OpenPageAsync("funder");
        await reader.SignInAsync(funder.Person.Account, url);
        await reader.WaitForInteractiveAsync();
        await Expect(reader.GetByTestId("plan-line-spent")).ToHaveTextAsync("84,90 €");
        await Expect(reader.GetByTestId("expense-form")).ToHaveCountAsync(0);
        await reader.AssertAccessibleAsync();
    });
}
