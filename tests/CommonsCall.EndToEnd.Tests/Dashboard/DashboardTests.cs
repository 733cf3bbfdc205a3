using System.Diagnostics;
using System.Text.RegularExpressions;
using CommonsCall.Domain.Budgeting;
using CommonsCall.Domain.Calls;
using CommonsCall.Domain.Commons;
using CommonsCall.Domain.Organisations;
using CommonsCall.EndToEnd.Tests.Budgeting;
using CommonsCall.EndToEnd.Tests.Infrastructure;
using CommonsCall.Web.Features.Budgeting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using CommonsEntity = CommonsCall.Domain.Commons.Commons;

namespace CommonsCall.EndToEnd.Tests.Dashboard;

/// <summary>The funders' live dashboard (issue 5), watched in one browser while members give in another.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public Task An_open_dashboard_shows_a_members_contribution_live_without_reloading() => browser.RunWithPeopleAsync(async people =>
    {
        var s = await ArrangeAsync(ContributionsVisibility.Live);

        var funder = await people.OpenPageAsync("funder");
        await funder.SignInAsync(s.Funder.Person.Account, $"/calls/{s.Call.Slug}/dashboard");
        await funder.WaitForInteractiveAsync();
        await Expect(funder.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord de l'allocation", Level = 1 })).ToBeVisibleAsync();
        await Expect(funder.GetByTestId("dashboard-contributed")).ToHaveTextAsync("0,00 €");
        await funder.AssertAccessibleAsync();
        await Expect(Row(funder, s.Lock).GetByTestId("dashboard-commons-total")).ToHaveTextAsync("0,00 €");
        await funder.EvaluateAsync("window.stillTheSamePage = true");

        var member = await people.OpenPageAsync("member");
        await member.SignInAsync(s.MemberA.Person.Account, $"/calls/{s.Call.Slug}/funding");
        var card = member.Locator($"[data-testid=commons-card][data-commons='{s.Lock.Id}']");
        var amount = card.GetByLabel(new Regex("^Contribution de .+ \\(EUR\\)$"));
        await amount.FillAsync("250");
        await amount.PressAsync("Tab");
        await card.GetByTestId("give-submit").ClickAsync();
        await Expect(member.GetByTestId("budget-contributed")).ToHaveTextAsync("250,00 €");

        // The member's page confirms after the commit, so this measures at least the dashboard's whole delay. The
        // "within a second" promise is measured by the bench across many pages; here a loaded machine may take longer.
        var waited = Stopwatch.StartNew();
        await Expect(Row(funder, s.Lock).GetByTestId("dashboard-commons-total")).ToHaveTextAsync("250,00 €", LiveUpdate.Wait);
        waited.Stop();
        output.WriteLine($"The dashboard showed the contribution {waited.ElapsedMilliseconds} ms after the member's page confirmed it.");
        await Expect(funder.GetByTestId("dashboard-contributed")).ToHaveTextAsync("250,00 €");
        await Expect(funder.GetByTestId("dashboard-organisations").Locator("tr", new() { HasText = s.MemberA.Name }).GetByTestId("dashboard-organisation-contributed"))
            .ToHaveTextAsync("250,00 €");
        (await funder.EvaluateAsync<bool>("window.stillTheSamePage === true")).ShouldBeTrue("the dashboard was reloaded");

        // The funder exports the commons results from the dashboard.
        var download = await funder.RunAndWaitForDownloadAsync(() => funder.GetByTestId("export-commons").ClickAsync());
        download.SuggestedFilename.ShouldBe($"{s.Call.Slug}-communs.csv");
        var text = await File.ReadAllTextAsync(await download.PathAsync());
        text.ShouldContain($"{s.Lock.Title};Sous l'objectif minimum;1200,00;2000,00;250,00;");
    });

    [Fact]
    public Task Under_Hidden_a_member_sees_no_other_organisations_amounts_in_pages_API_or_CSV() => browser.RunWithPeopleAsync(async people =>
    {
        var s = await ArrangeAsync(ContributionsVisibility.Hidden);
        var contributions = browser.App.Services.GetRequiredService<ContributionService>();
        (await contributions.SetAsync(s.MemberA.Person.Actor, new SetContribution(s.Call.Id, s.Lock.Id, s.MemberA.Organisation.Id, 30_000))).Error.ShouldBeNull();
        (await contributions.SetAsync(s.MemberB.Person.Actor, new SetContribution(s.Call.Id, s.Lock.Id, s.MemberB.Organisation.Id, 47_300))).Error.ShouldBeNull();

        var page = await people.OpenPageAsync("member-a");
        await page.SignInAsync(s.MemberA.Person.Account, $"/calls/{s.Call.Slug}/dashboard");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("dashboard-hidden")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("dashboard-organisations").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("dashboard-organisations")).ToContainTextAsync("300,00 €");

        foreach (var path in new[] { "dashboard", "funding", $"commons/{s.Lock.Id}", "commons" })
        {
            await page.GotoInteractiveAsync($"/calls/{s.Call.Slug}/{path}");
            var body = page.Locator("main");
            await Expect(body).Not.ToContainTextAsync(s.MemberB.Name);
            await Expect(body).Not.ToContainTextAsync("473,00");
            await Expect(body).Not.ToContainTextAsync("773,00");
            await page.AssertAccessibleAsync();
        }

        // The same session through the API and the exports.
        foreach (var path in new[] { "dashboard", "funding", "exports/commons.csv", "exports/contributions.csv" })
        {
            var response = await page.APIRequest.GetAsync($"/api/v1/calls/{s.Call.Slug}/{path}");
            response.Status.ShouldBe(200, path);
            var text = await response.TextAsync();
            text.ShouldNotContain(s.MemberB.Name, Case.Insensitive, path);
            foreach (var amount in new[] { "47300", "473,00", "77300", "773,00" })
            {
                text.ShouldNotContain(amount, Case.Sensitive, path);
            }
        }

        (await page.APIRequest.GetAsync($"/api/v1/calls/{s.Call.Slug}/exports/ledger.csv")).Status.ShouldBe(403);
    });

    private static ILocator Row(IPage page, CommonsEntity commons) =>
        page.Locator($"[data-testid=dashboard-commons-row][data-commons='{commons.Id}']");

    /// <summary>A round open with the given visibility; a pool of 3 000 € shared by two members; a lock that needs 1 200 €.</summary>
    private async Task<Story> ArrangeAsync(ContributionsVisibility visibility)
    {
        var arrange = new CallArranger(browser.App);
        var facilitator = await arrange.FacilitatorAsync("Camille Roux");
        var call = await arrange.CallAsync("Vélos partagés du pays de Rance", facilitator);
        var funder = await arrange.JoinedOrganisationAsync(call, "Fondation Mobilités Douces", OrganisationKind.Other, ParticipantRole.Funder, "Hélène Riou");
        var memberA = await arrange.JoinedOrganisationAsync(call, "Cyclo'Rance", OrganisationKind.Association, ParticipantRole.Member, "Léna Morvan");
        var memberB = await arrange.JoinedOrganisationAsync(call, "Roue Libre Mobilités", OrganisationKind.Startup, ParticipantRole.Member, "Yanis Le Goff");
        var proposer = await arrange.JoinedOrganisationAsync(call, "Atelier Vélo Solidaire", OrganisationKind.Association, ParticipantRole.Member, "Maëlle Tanguy");
        await arrange.PublishedChallengeAsync(call, proposer, "Comment partager plus de vélos ?");
        var bikeLock = await arrange.ApprovedCommonsAsync(call, proposer, "Cadenas connecté ouvert", CommonsKind.Hardware, "CERN-OHL-S-2.0", minimum: 120_000, maximum: 200_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Commons);
        (await browser.App.Services.GetRequiredService<BudgetRulesService>()
            .SetAsync(facilitator.Actor, new SetBudgetRules(call.Id, BudgetRules.Default with { ContributionsVisibility = visibility }))).Error.ShouldBeNull();
        await arrange.PledgeAsync(call, funder, 300_000);
        await arrange.MoveToAsync(call, facilitator, CallPhase.Budgeting);
        await arrange.GrantEquallyAsync(call, facilitator);
        return new Story(call, funder, memberA, memberB, bikeLock);
    }

    private sealed record Story(Call Call, Representative Funder, Representative MemberA, Representative MemberB, CommonsEntity Lock);
}
