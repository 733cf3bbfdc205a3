using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Budgeting;

/// <summary>
/// Proportional matching in the browser (issue 16 §5): the facilitator chooses "1 € given, 2 € to the commons" with a
/// cap on the steering page; once the round is open a member sees, while typing, the match its gift would bring,
/// capped, before giving; the gift then carries its match. axe on both pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProportionalMatchingJourneyTests(BrowserFixture browser)
{
    [Fact]
    public Task The_facilitator_sets_proportional_matching_and_a_member_sees_the_match_before_giving() => browser.RunWithPeopleAsync(async people =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Mobilités du pays de Rance", facilitator);
        var funder = await arrange.JoinedOrganisationAsync(call, "Région Rance (fictive)", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        var lena = await arrange.JoinedOrganisationAsync(call, "Cyclo'Rance", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var proposer = await arrange.JoinedOrganisationAsync(call, "Atelier Vélo Solidaire", OrganisationKind.Association, ParticipantRole.Member, "Maëlle Tanguy");
        await arrange.PublishedChallengeAsync(call, proposer, "Comment partager plus de vélos ?");
        var stations = await arrange.ApprovedCommonsAsync(call, proposer, "Données ouvertes des stations", CommonsKind.Data, "ODbL-1.0", minimum: 100_000, maximum: 150_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);

        var steering = await people.OpenPageAsync("facilitator");
        await steering.SignInAsync(facilitator.Account, $"/calls/{call.Slug}/manage");
        await steering.WaitForInteractiveAsync();
        await steering.GetByTestId("rules-matching").SelectOptionAsync(new SelectOptionValue { Label = "Abondement proportionnel" });
        await steering.GetByTestId("rules-ratio").FillAsync("1000");
        await steering.GetByTestId("rules-cap").FillAsync("150");
        await steering.GetByTestId("save-rules").ClickAsync();
        await Expect(steering.GetByTestId("manage-message")).ToBeVisibleAsync();
        await steering.AssertAccessibleAsync();

        await arrange.PledgeAsync(call, funder, 200_000);
        var funds = browser.App.Services.GetRequiredService<FundsService>();
        (await funds.PledgeAsync(funder.Person.Actor, new MakePledge(call.Id, funder.Organisation.Id, 100_000, IsMatching: true))).Error.ShouldBeNull();
        await arrange.GrantEquallyAsync(call, facilitator);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);

        var member = await people.OpenPageAsync("member");
        await member.SignInAsync(lena.Person.Account, $"/calls/{call.Slug}/funding");
        await member.WaitForInteractiveAsync();
        await Expect(member.GetByTestId("matching-summary")).ToContainTextAsync("Mode d'abondement : Abondement proportionnel Chaque euro donné est abondé de 1,00 €");
        var card = member.CommonsCard(stations);
        var amount = card.GetByLabel("Contribution de " + lena.Name + " (EUR)");
        var preview = card.GetByTestId("match-preview");

        await amount.FillAsync("100");
        await Expect(preview).ToHaveTextAsync("Votre don de 100,00 € apportera 100,00 € d'abondement.");
        await amount.FillAsync("200");
        await Expect(preview).ToHaveTextAsync("Votre don de 200,00 € apportera 150,00 € d'abondement.");
        (await arrange.BudgetOfAsync(call, lena)).Contributed.ShouldBe(0, "a preview gives nothing");
        await member.AssertAccessibleAsync();
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await member.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "funding-proportional-preview-1280.png"), FullPage = true });

        await card.GetByRole(AriaRole.Button, new() { Name = "Valider ma contribution" }).ClickAsync();
        await Expect(card.GetByTestId("give-confirmation")).ToContainTextAsync("Contribution enregistrée : 200,00 €");
        await Expect(card).ToContainTextAsync("Abondement : 150,00 €");
        (await arrange.LedgerProblemsAsync(call)).ShouldBeEmpty();
    });
}
