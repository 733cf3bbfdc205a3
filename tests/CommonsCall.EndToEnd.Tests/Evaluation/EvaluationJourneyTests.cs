using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommonsCall.EndToEnd.Tests.Evaluation;

/// <summary>
/// Issue 16 in French: the facilitator builds the grid from the ADEME + NLnet template, names two evaluators and gives
/// them the commons, both score it, the facilitator publishes the session with a reason, and the holder reads it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EvaluationJourneyTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 800 };
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 30_000 };

    [Fact]
    public Task The_facilitator_builds_the_grid_two_evaluators_score_and_the_holder_reads_the_feedback() => browser.RunWithPeopleAsync(async people =>
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Communs du covoiturage breton", facilitator);
        var holder = await arrange.JoinedOrganisationAsync(call, "Covoit'Ouest", OrganisationKind.Startup, ParticipantRole.Member, "Léa Martin");
        var expertA = await arrange.OrganisationAsync("Laboratoire Mobilités", OrganisationKind.Research, "Inès Caradec");
        var expertB = await arrange.OrganisationAsync("Agence Régionale", OrganisationKind.PublicBody, "Paul Le Bihan");
        await arrange.PublishedChallengeAsync(call, holder, "Comment prouver qu'un covoiturage a eu lieu ?");
        var register = await arrange.ProposedCommonsAsync(call, holder, "Registre de preuve de covoiturage", CommonsKind.Software, "AGPL-3.0-only", 20_000, 50_000);
        var url = $"/calls/{call.Slug}/evaluation";

        // The grid, from the template.
        var page = await people.OpenPageAsync("facilitator");
        await page.SignInAsync(facilitator.Account, url);
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("evaluation-title")).ToHaveTextAsync("Évaluation des communs");
        await page.GetByTestId("template-ademe-nlnet").ClickAsync();
        await Expect(page.GetByTestId("criterion-row")).ToHaveCountAsync(7);
        await page.GetByTestId("grid-save").ClickAsync();
        await Expect(page.GetByTestId("evaluation-message")).ToHaveTextAsync("Grille enregistrée.", Long);

        // Two evaluators, each given the commons.
        foreach (var expert in new[] { expertA, expertB })
        {
            await page.GetByTestId("evaluator-email").FillAsync(expert.Person.Account.Email);
            await page.GetByTestId("evaluator-appoint").ClickAsync();
            await Expect(page.GetByTestId("evaluation-message")).ToHaveTextAsync("Évaluateur nommé.", Long);
            await page.GetByTestId("assign-commons").SelectOptionAsync(new SelectOptionValue { Label = register.Title });
            await page.GetByTestId("assign-evaluator").SelectOptionAsync(new SelectOptionValue { Label = expert.Person.Account.DisplayName });
            await page.GetByTestId("assign-submit").ClickAsync();
            await Expect(page.GetByTestId("evaluation-message")).ToHaveTextAsync("Commun confié.", Long);
        }

        // An outside expert without an account is invited by mail and waits on the panel until they register.
        await page.GetByTestId("evaluator-email").FillAsync("experte.exterieure@example.org");
        await page.GetByTestId("evaluator-appoint").ClickAsync();
        await Expect(page.GetByTestId("evaluation-message")).ToHaveTextAsync("Invitation envoyée à experte.exterieure@example.org : elle deviendra évaluatrice en créant son compte.", Long);
        await Expect(page.GetByTestId("invited-evaluator")).ToContainTextAsync("experte.exterieure@example.org");

        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "evaluation-facilitator-1280.png"), FullPage = true });

        // Both evaluators score it: technique, impact, price.
        foreach (var (expert, marks) in new[] { (expertA, new[] { "8", "9", "7" }), (expertB, new[] { "6", "7", "7" }) })
        {
            var evaluator = await people.OpenPageAsync(expert.Person.Account.DisplayName);
            await evaluator.SignInAsync(expert.Person.Account, url + "/mine");
            await evaluator.WaitForInteractiveAsync();
            var scores = evaluator.GetByTestId("mark-score");
            await Expect(scores).ToHaveCountAsync(3);
            for (var i = 0; i < 3; i++)
            {
                await scores.Nth(i).FillAsync(marks[i]);
            }

            await evaluator.GetByTestId("score-note").FillAsync("Note privée de " + expert.Person.Account.DisplayName);
            await evaluator.GetByTestId("score-submit").ClickAsync();
            await Expect(evaluator.GetByTestId("score-message")).ToHaveTextAsync("Évaluation enregistrée.", Long);
            await Expect(evaluator.GetByTestId("assigned-state")).ToHaveTextAsync("Noté");
            await evaluator.AssertAccessibleAsync();
            await evaluator.SetViewportSizeAsync(Phone.Width, Phone.Height);
            (await evaluator.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, "the page scrolls sideways");
            await evaluator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "evaluation-evaluator-360.png"), FullPage = true });

            // Their home page keeps the way back to the call they evaluate, and says nothing is left to score.
            await evaluator.GotoInteractiveAsync("/");
            await Expect(evaluator.GetByTestId("my-evaluation-call")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("tout est évalué"), Long);
            await evaluator.AssertAccessibleAsync();
            (await evaluator.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, "the home page scrolls sideways");
            await evaluator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "evaluation-home-360.png"), FullPage = true });
            await evaluator.SetViewportSizeAsync(1280, 800);
            await evaluator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "evaluation-home-1280.png"), FullPage = true });
        }

        // The facilitator sees the ranking, opens a session and publishes the decision with its reason.
        await page.GotoInteractiveAsync(url);
        await Expect(page.GetByTestId("ranking-mean")).ToHaveTextAsync("74", Long);
        await page.GetByTestId("session-title").FillAsync("Session d'hiver");
        await page.GetByTestId("session-open").ClickAsync();
        await Expect(page.GetByTestId("evaluation-message")).ToHaveTextAsync("Session planifiée.", Long);
        await page.GetByTestId("decision-outcome").SelectOptionAsync(new SelectOptionValue { Label = "Retenu" });
        await page.GetByTestId("decision-reason").FillAsync("Un registre attendu par trois territoires.");
        await page.GetByTestId("session-publish").ClickAsync();
        await Expect(page.GetByTestId("evaluation-message")).ToHaveTextAsync("Décisions publiées : les candidats sont prévenus.", Long);
        await Expect(page.GetByTestId("session-published")).ToHaveTextAsync("Publiée");
        await page.AssertAccessibleAsync();
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone.Width, "the page scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "evaluation-facilitator-360.png"), FullPage = true });

        // The holder reads the decision, the reason and the scores per criterion on the commons page.
        var applicant = await people.OpenPageAsync("holder");
        await applicant.SignInAsync(holder.Person.Account, $"/calls/{call.Slug}/commons/{register.Id}");
        await applicant.WaitForInteractiveAsync();
        await Expect(applicant.GetByTestId("feedback-outcome")).ToHaveTextAsync("Retenu", Long);
        await Expect(applicant.GetByTestId("feedback-reason")).ToHaveTextAsync("Un registre attendu par trois territoires.");
        await Expect(applicant.GetByTestId("feedback-criteria")).ToContainTextAsync("Pertinence et impact");
        await Expect(applicant.GetByTestId("evaluation-feedback")).Not.ToContainTextAsync("Note privée");
        await applicant.AssertAccessibleAsync();
        await applicant.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "evaluation-holder-1280.png"), FullPage = true });
    });
}
